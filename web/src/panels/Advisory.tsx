// The advisory team's work on one application: log hours against the municipality's 25 free hours, give advice.
import { useState } from 'preact/hooks';
import { ApiError, post, type Application, type HoursOverview } from '../api';
import { fieldErrors, message } from '../errors';
import { ADVICE_OUTCOME, ADVISORY_THEME, capitalise, date, hours, label, today } from '../format';
import { useSubmission } from '../submission';
import { Alert, Button, Field, HoursBar, P, Section, Table, textboxClass, useConfirm } from '../ui';

type HourEntry = NonNullable<HoursOverview['entries']>[number];
import { DocumentUpload } from './Documents';

export function HoursPanel({ app, overview, canLog, onChange }: {
  app: Application; overview: HoursOverview; canLog: boolean; onChange: () => void;
}) {
  const [amount, setAmount] = useState('');
  const [theme, setTheme] = useState('');
  const [day, setDay] = useState(today());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function log(e: Event) {
    e.preventDefault();
    setErrors({});
    setRefusal(null);
    setDone(null);
    const value = Number(amount.replace(',', '.'));
    if (amount.trim() === '' || Number.isNaN(value)) {
      setErrors({ hours: 'Vul een aantal uren in, zoals 1,5.' });
      return;
    }
    setBusy(true);
    try {
      const balance = await post<HoursOverview>(`/applications/${app.id}/advisory/hours`, { hours: value, theme, date: day, note: note || null });
      setDone(`Geboekt. De gemeente heeft nog ${balance.remainingHours.toLocaleString('nl-NL')} van de ${balance.capHours} gratis uren.`);
      setAmount('');
      setNote('');
      onChange();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setErrors(fieldErrors(err));
      } else {
        setRefusal(message(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Adviesuren" id="adviesuren">
      <P>Uren van het adviesteam voor {app.municipalityName}, over alle aanvragen van de gemeente samen.</P>
      <HoursBar used={overview.usedHours} cap={overview.capHours} />
      {(overview.entries?.length ?? 0) > 0 && (
        <Table<HourEntry>
          caption={<span class="visually-hidden">Geboekte adviesuren van {app.municipalityName}</span>}
          rows={overview.entries!}
          rowKey={(e) => e.entryId}
          columns={[
            { key: 'date', header: 'Datum', render: (e) => <span class="nowrap">{date(e.date)}</span> },
            { key: 'hours', header: 'Uren', numeric: true, render: (e) => hours(e.hours) },
            { key: 'theme', header: 'Thema', render: (e) => label(ADVISORY_THEME, e.theme) },
            { key: 'advisor', header: 'Adviseur', render: (e) => e.advisor },
            { key: 'note', header: 'Notitie', render: (e) => e.note || '–' },
          ]}
        />
      )}
      {canLog && (
        <form class="form form--compact" onSubmit={log} noValidate aria-labelledby="uren-boeken-titel">
          <h3 class="utrecht-heading-3" id="uren-boeken-titel">Uren boeken</h3>
          {refusal && <Alert type="error"><P>{refusal}</P></Alert>}
          {done && <Alert type="ok"><P>{done}</P></Alert>}
          <div class="field-row">
            <Field id="uren-aantal" label="Aantal uren" description="In kwartieren, zoals 1,25" error={errors.hours}>
              {(aria) => <input {...aria} class={textboxClass(!!errors.hours, 'short')} inputMode="decimal" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />}
            </Field>
            <Field id="uren-thema" label="Thema" error={errors.theme}>
              {(aria) => (
                <select {...aria} class="utrecht-select utrecht-select--html-select" value={theme} onChange={(e) => setTheme(e.currentTarget.value)}>
                  <option value="">Kies een thema</option>
                  {Object.entries(ADVISORY_THEME).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                </select>
              )}
            </Field>
            <Field id="uren-datum" label="Datum" error={errors.date}>
              {(aria) => <input {...aria} type="date" class={textboxClass(!!errors.date, 'short')} value={day} max={today()} onInput={(e) => setDay(e.currentTarget.value)} />}
            </Field>
          </div>
          <Field id="uren-notitie" label="Notitie (optioneel)" error={errors.note}>
            {(aria) => <input {...aria} class={textboxClass(!!errors.note)} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <Button type="submit" variant="secondary" busy={busy}>Uren boeken</Button>
        </form>
      )}
    </Section>
  );
}

export function AdvicePanel({ app, onChange }: { app: Application; onChange: () => void }) {
  const [outcome, setOutcome] = useState('');
  const [summary, setSummary] = useState('');
  const [documentId, setDocumentId] = useState<string | null>(null);
  const { busy, errors, failure, refuse, send } = useSubmission();
  const { ask, dialog } = useConfirm();

  async function advise(e: Event) {
    e.preventDefault();
    if (!outcome) {
      refuse({ outcome: 'Kies de uitkomst van uw advies.' });
      return;
    }
    if (!(await ask(adviceConfirmation(app, outcome)))) return;
    await send(() => post(`/applications/${app.id}/advice`, { outcome, summary: summary || null, documentId }), onChange);
  }

  return (
    <Section title="Advies geven" id="advies-geven">
      {dialog}
      <form class="form" onSubmit={advise} noValidate>
        {failure && <Alert type="error"><P>{failure}</P></Alert>}
        <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${errors.outcome ? ' utrecht-form-fieldset--invalid' : ''}`}
          aria-describedby={errors.outcome ? 'advies-uitkomst-error' : undefined}>
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Uitkomst</legend>
          {errors.outcome && <div class="utrecht-form-field-error-message" id="advies-uitkomst-error">{errors.outcome}</div>}
          {Object.entries(ADVICE_OUTCOME).map(([k, v]) => (
            <div class="utrecht-form-field utrecht-form-field--radio" key={k}>
              <div class="utrecht-form-field__input">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="advies-uitkomst" id={`advies-${k}`}
                  value={k} checked={outcome === k} onChange={() => setOutcome(k)} />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--radio" for={`advies-${k}`}>{v}{k === 'CHANGES_REQUESTED' ? ' (de gemeente past het plan aan)' : ''}</label>
              </div>
            </div>
          ))}
        </fieldset>
        <Field id="advies-samenvatting" label="Samenvatting van het advies" error={errors.summary}>
          {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={4} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />}
        </Field>
        <h3 class="utrecht-heading-3">Schriftelijk advies (optioneel)</h3>
        {documentId
          ? <Alert type="ok" live={false}><P>Het schriftelijk advies is bijgevoegd.</P></Alert>
          : <DocumentUpload applicationId={app.id} id="advies-document" kinds={['ADVICE']} error={errors.documentId} onUploaded={(d) => setDocumentId(d)} />}
        <Button type="submit" busy={busy}>Advies geven</Button>
      </form>
    </Section>
  );
}

/** What giving this advice does, and to whom, in the words of the confirmation. */
function adviceConfirmation(app: Application, outcome: string) {
  const gemeente = `de gemeente ${app.municipalityName}`;
  if (outcome === 'CHANGES_REQUESTED') {
    return {
      title: 'Om aanpassing vragen?',
      body: (
        <>
          <P>De aanvraag gaat terug naar {gemeente}, met uw samenvatting als verzoek om aanpassing. De gemeente krijgt hiervan direct bericht.</P>
          <P>Tot zij het plan opnieuw indient, kunt u geen adviesuren boeken en geen advies geven.</P>
        </>
      ),
      confirm: 'Om aanpassing vragen',
    };
  }
  const kind = outcome === 'POSITIVE' ? 'positieve' : 'negatieve';
  return {
    title: `${outcome === 'POSITIVE' ? 'Positief' : 'Negatief'} advies geven?`,
    body: (
      <>
        <P>Uw {kind} advies is definitief. {capitalise(gemeente)} en het ministerie krijgen het direct; het ministerie neemt daarna het besluit.</P>
        <P>U kunt het advies niet meer wijzigen en geen adviesuren meer boeken op deze aanvraag.</P>
      </>
    ),
    confirm: `${outcome === 'POSITIVE' ? 'Positief' : 'Negatief'} advies geven`,
  };
}
