// A message that survives one navigation: "Uw aanvraag is ingediend" on the page the user lands on.
let pending: string | null = null;

export function setFlash(text: string): void {
  pending = text;
}

export function takeFlash(): string | null {
  const text = pending;
  pending = null;
  return text;
}
