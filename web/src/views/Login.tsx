// Local mode only: pick a demo user; the local server signs a token for it (POST /local/token).
import { useEffect, useState } from 'preact/hooks';
import { signInLocally, type DemoUser, type User } from '../auth';
import { Alert, Button, Field, P, PageTitle } from '../ui';

const PEOPLE: { value: string; label: string; hint: string; user?: DemoUser }[] = [
  { value: 'municipality', label: 'Beleidsmedewerker van een gemeente', hint: 'aanvragen opstellen, indienen en verantwoorden' },
  { value: 'advisor', label: 'Sanne de Vries, Adviesteam Mantelzorg', hint: 'plannen beoordelen en adviseren', user: { sub: 'adviseur-sanne', name: 'Sanne de Vries', role: 'advisor' } },
  { value: 'ministry-1', label: 'Mo Bakker, ministerie van VWS', hint: 'toewijzen, besluiten, verantwoording en monitoring', user: { sub: 'ministerie-mo', name: 'Mo Bakker', role: 'ministry' } },
  { value: 'ministry-2', label: 'Lotte Jansen, ministerie van VWS', hint: 'de tweede medewerker voor het vier-ogenprincipe', user: { sub: 'ministerie-lotte', name: 'Lotte Jansen', role: 'ministry' } },
];

export function Login({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [who, setWho] = useState('municipality');
  const [municipalities, setMunicipalities] = useState<[string, string][]>([]);
  const [code, setCode] = useState('GM0014');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    // the reference list of the 342 municipalities, bundled (no token is needed to pick one)
    import('../municipalities').then((m) => setMunicipalities(m.MUNICIPALITIES));
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    const person = PEOPLE.find((p) => p.value === who)!;
    const name = municipalities.find(([c]) => c === code)?.[1] ?? code;
    const demo: DemoUser = person.user ?? { sub: `medewerker-${code.toLowerCase()}`, name: `Medewerker ${name}`, role: 'municipality', municipality: code };
    try {
      onSignedIn(await signInLocally(demo));
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title="Inloggen">Inloggen (lokale demo)</PageTitle>
      <P lead>Kies met wie u wilt werken. In de lokale modus is er geen wachtwoord: de lokale server geeft een token voor de gekozen persoon.</P>
      {failed && <Alert type="error"><P>Inloggen is niet gelukt. Draait de lokale server?</P></Alert>}
      <form onSubmit={submit} class="form" noValidate>
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Ik ben</legend>
          {PEOPLE.map((p) => (
            <div class="utrecht-form-field utrecht-form-field--radio" key={p.value}>
              <div class="utrecht-form-field__input">
                <input
                  class="utrecht-radio-button utrecht-radio-button--html-input"
                  type="radio" name="who" id={`who-${p.value}`} value={p.value}
                  checked={who === p.value} onChange={() => setWho(p.value)}
                  aria-describedby={`who-${p.value}-hint`}
                />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--radio" for={`who-${p.value}`}>{p.label}</label>
              </div>
              <div class="utrecht-form-field__description utrecht-form-field-description" id={`who-${p.value}-hint`}>{p.hint}</div>
            </div>
          ))}
        </fieldset>
        {who === 'municipality' && (
          <Field id="gemeente" label="Gemeente" description="Een van de 342 gemeenten (indeling 2024)">
            {(aria) => (
              <select {...aria} class="utrecht-select utrecht-select--html-select" value={code} onChange={(e) => setCode(e.currentTarget.value)}>
                {municipalities.length === 0 && <option value="GM0014">Groningen</option>}
                {municipalities.map(([c, n]) => <option key={c} value={c}>{n} ({c})</option>)}
              </select>
            )}
          </Field>
        )}
        <Button type="submit" busy={busy}>Inloggen</Button>
      </form>
    </>
  );
}
