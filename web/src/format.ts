// Dutch formatting and the Dutch names of the API's enum values. English stays in code, Dutch on screen.

const money = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam',
});
const hoursFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat('nl-NL');

/**
 * Integer cents as `€ 12.500,00`. The space after the sign is a no-break space, so an amount never wraps between
 * the € and its digits wherever it stands (tables, sentences, history).
 */
export function euro(cents: number | null | undefined): string {
  return money.format((cents ?? 0) / 100).replace(/\s/g, '\u00a0');
}

const inputAmount = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

/** Cents as the amount a money field shows for editing, as Dutch write it: `12.500,00` (parseEuro reads it back). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  // whole cents are exact in a double up to 2^53, far beyond any amount of the scheme
  return inputAmount.format(cents / 100);
}

/**
 * A typed euro amount to integer cents: `12.500,00`, `12500`, `12500,5`, `€ 1.250` and `12500.50` all work.
 * Returns null for an empty field and NaN for something that is no amount.
 */
export function parseEuro(text: string): number | null {
  const t = text.replace(/[€\s\u00a0]/g, '');
  if (t === '') return null;
  let normalised: string;
  if (t.includes(',')) {
    normalised = t.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(t)) {
    normalised = t.replace(/\./g, '');
  } else {
    normalised = t;
  }
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return Number.NaN;
  const [whole, fraction = ''] = normalised.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** `2026-11-22` or an ISO instant as `22 november 2026` (Amsterdam time). */
export function date(value: string | null | undefined): string {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return dateFormat.format(d);
}

export function dateTime(value: string | null | undefined): string {
  return value ? dateTimeFormat.format(new Date(value)).replace(' om ', ', ') : '';
}

export function hours(h: number | null | undefined): string {
  return hoursFormat.format(h ?? 0);
}

export function count(n: number | null | undefined): string {
  return countFormat.format(n ?? 0);
}

let workflowToday: string | null = null;

/** Today by the workflow's clock, as the server's task list says (`today`); local mode moves that clock. */
export function setWorkflowToday(day: string): void {
  workflowToday = day;
}

/** Whether a due date has passed: by the workflow's clock once the server named it, else by this computer's. */
export function isPast(due: string): boolean {
  return due < (workflowToday ?? today());
}

/** Today in Amsterdam as `YYYY-MM-DD`. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

export function sum(amounts: Record<string, number> | null | undefined): number {
  return Object.values(amounts ?? {}).reduce((a, b) => a + b, 0);
}

export const STATUS: Record<string, string> = {
  DRAFT: 'Concept',
  SUBMITTED: 'Ingediend',
  IN_REVIEW: 'In beoordeling',
  CHANGES_REQUESTED: 'Aanpassing gevraagd',
  ADVISED: 'Advies gegeven',
  DECISION_PROPOSED: 'Besluit voorgesteld',
  AWARDED: 'Toegekend',
  REJECTED: 'Afgewezen',
  REPORTING: 'Verantwoording',
  SETTLED: 'Vastgesteld',
  WITHDRAWN: 'Ingetrokken',
};

export const THEME: Record<string, string> = {
  VINDEN: 'Vinden',
  VERSTERKEN: 'Versterken',
  VERLICHTEN: 'Verlichten',
  VERBINDEN: 'Verbinden',
};

export const THEME_HINT: Record<string, string> = {
  VINDEN: 'mantelzorgers vinden en bereiken',
  VERSTERKEN: 'positie en eigen regie versterken',
  VERLICHTEN: 'informatie, emotionele steun, respijtzorg, praktische hulp',
  VERBINDEN: 'informele en formele zorg verbinden',
};

export const ADVISORY_THEME: Record<string, string> = {
  VINDEN_MANTELZORGERS: 'Mantelzorgers vinden',
  RESPIJTZORG: 'Respijtzorg',
  LOKALE_SAMENWERKING: 'Lokale samenwerking',
};

export const ADVICE_OUTCOME: Record<string, string> = {
  POSITIVE: 'Positief',
  CHANGES_REQUESTED: 'Aanpassing nodig',
  NEGATIVE: 'Negatief',
};

export const DOCUMENT_KIND: Record<string, string> = {
  PLAN: 'Plan',
  COUNCIL_DECISION: 'Raadsbesluit',
  BUDGET: 'Begroting',
  REPORT: 'Verantwoording',
  ADVICE: 'Schriftelijk advies',
  DECISION: 'Beschikking',
  SETTLEMENT: 'Vaststellingsbrief',
  OTHER: 'Overig',
};

export const REPORT_STATUS: Record<string, string> = {
  SUBMITTED: 'Ingediend, wacht op beoordeling',
  ACCEPTED: 'Geaccepteerd',
  REJECTED: 'Afgekeurd, opnieuw indienen',
};

export const TASK: Record<string, string> = {
  PREPARE: 'Plan afmaken en indienen',
  REVISE: 'Plan aanpassen en opnieuw indienen',
  REVIEW: 'Plan beoordelen en adviseren',
  DECIDE: 'Besluit voorstellen',
  APPROVE_DECISION: 'Besluit goedkeuren (vier ogen)',
  REPORT: 'Jaarverantwoording indienen',
  REVIEW_REPORT: 'Jaarverantwoording beoordelen',
  CHASE_OVERDUE_REPORT: 'Te late verantwoording opvragen',
  SETTLE: 'Eindafrekening voorstellen',
  APPROVE_SETTLEMENT: 'Eindafrekening goedkeuren (vier ogen)',
};

export const ACTION: Record<string, string> = {
  CREATED: 'Concept aangemaakt',
  UPDATED: 'Plan gewijzigd',
  DOCUMENT_ANNOUNCED: 'Document aangemeld',
  DOCUMENT_UPLOADED: 'Document ontvangen',
  DOCUMENT_REJECTED: 'Document geweigerd',
  DOCUMENT_DELETED: 'Document verwijderd',
  SUBMITTED: 'Ingediend',
  HOURS_LOGGED: 'Adviesuren geboekt',
  ADVICE_GIVEN: 'Advies gegeven',
  REVIEW_ESCALATED: 'Beoordeling geëscaleerd (termijn verstreken)',
  DECISION_PROPOSED: 'Besluit voorgesteld',
  DECISION_RETURNED: 'Besluit teruggestuurd',
  DECISION_APPROVED: 'Besluit genomen',
  WITHDRAWN: 'Ingetrokken',
  REPORT_OPENED: 'Verantwoording opengezet',
  REPORT_REMINDER: 'Herinnering verantwoording',
  REPORT_OVERDUE: 'Verantwoording te laat',
  REPORT_REMINDER_SENT: 'Herinnering te late verantwoording verstuurd',
  REPORT_DEADLINE_EXTENDED: 'Termijn verantwoording verlengd',
  REPORT_SUBMITTED: 'Verantwoording ingediend',
  REPORT_ACCEPTED: 'Verantwoording geaccepteerd',
  REPORT_REJECTED: 'Verantwoording afgekeurd',
  SETTLEMENT_OPENED: 'Eindafrekening opengezet',
  SETTLEMENT_PROPOSED: 'Eindafrekening voorgesteld',
  SETTLEMENT_RETURNED: 'Eindafrekening teruggestuurd',
  SETTLED: 'Vastgesteld',
};

export const ROLE: Record<string, string> = {
  MUNICIPALITY: 'Gemeente',
  ADVISOR: 'Adviesteam',
  MINISTRY: 'Ministerie',
  municipality: 'Gemeente',
  advisor: 'Adviesteam',
  ministry: 'Ministerie',
};

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '';
  return map[key] ?? key;
}

/** The report on year Y is due on 15 July of Y+1. */
export function reportDeadline(year: number): string {
  return `${year + 1}-07-15`;
}


/** The sentence-initial form: `de gemeente Utrecht` → `De gemeente Utrecht`. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
