// Yearly reports: per awarded year its deadline and state; the municipality submits, the ministry reviews.
import { useState } from 'preact/hooks';
import { post, type Application, type DocumentInfo, type Report } from '../api';
import type { User } from '../auth';
import { centsToInput, count, date, euro, hours, label, parseEuro, REPORT_STATUS, reportDeadline, THEME, today, capitalise } from '../format';
import { useSubmission } from '../submission';
import { Alert, Button, ButtonGroup, DataList, Field, P, Section, Money, textboxClass, useConfirm } from '../ui';
import { ExtendDialog } from './Deadlines';
import { DocumentUpload, DownloadButton } from './Documents';

const POINTS = ['VINDEN', 'VERSTERKEN', 'VERLICHTEN', 'VERBINDEN'];

export function ReportsPanel({ app, reports, documents, user, onChange }: {
  app: Application; reports: Report[]; documents: DocumentInfo[]; user: User; onChange: () => void;
}) {
  const years = Object.entries(app.awardedCents).filter(([, c]) => c > 0).map(([y]) => Number(y)).sort();
  if (years.length === 0 || !['AWARDED', 'REPORTING', 'SETTLED'].includes(app.status)) return null;
  return (
    <Section title="Jaarverantwoording" id="verantwoording">
      <P>Per toegekend jaar verantwoordt de gemeente de besteding per aandachtspunt, uiterlijk 15 juli van het jaar erna, tenzij het ministerie de termijn heeft verlengd.</P>
      {years.map((year) => (
        <YearReport key={year} app={app} year={year} report={reports.find((r) => r.year === year)} documents={documents} user={user} onChange={onChange} />
      ))}
    </Section>
  );
}

function YearReport({ app, year, report, documents, user, onChange }: {
  app: Application; year: number; report?: Report; documents: DocumentInfo[]; user: User; onChange: () => void;
}) {
  const open = today() >= `${year}-01-01`;
  const canSubmit = user.role === 'municipality' && app.status !== 'SETTLED' && open && (!report || report.status === 'REJECTED');
  const canReview = user.role === 'ministry' && report?.status === 'SUBMITTED';
  const rejected = report?.status === 'REJECTED' ? report : undefined;
  const due = app.reportDeadlines?.[String(year)] ?? reportDeadline(year);
  const canExtend = user.role === 'ministry' && app.status !== 'SETTLED' && open && (!report || report.status === 'REJECTED');
  const [extending, setExtending] = useState(false);
  const [extended, setExtended] = useState<string | null>(null);
  return (
    <div class="year-report">
      {/* the target of links such as /aanvragen/{id}#verantwoording-2025 on the home page */}
      <h3 class="utrecht-heading-3 year-report__title" id={`verantwoording-${year}`} tabIndex={-1}>Verantwoording {year}</h3>
      <DataList items={[
        ['Toegekend', euro(app.awardedCents[String(year)])],
        ['Uiterlijk', `${date(due)}${due !== reportDeadline(year) ? ' (verlengd)' : ''}`],
        ['Stand', report ? label(REPORT_STATUS, report.status) : open ? 'Nog niet ingediend' : `Kan vanaf 1 januari ${year}`],
        ...(rejected?.rejectionReason && !canSubmit ? [['Reden van afkeuren', rejected.rejectionReason] as [string, string]] : []),
      ]} />
      {report && report.status !== 'REJECTED' && (
        <ReportDetails app={app} report={report} attachment={documents.find((d) => d.documentId === report.documentId)} />
      )}
      {canSubmit && rejected && (
        <Alert type="warning" live={false}>
          <P><strong>Het ministerie heeft uw verantwoording {year} afgekeurd{rejected.reviewedAt ? ` op ${date(rejected.reviewedAt)}` : ''}.</strong></P>
          {rejected.rejectionReason && <P>Reden: {rejected.rejectionReason}</P>}
          <P>De cijfers van uw vorige indiening staan hieronder al ingevuld. Pas aan wat nodig is en dien de verantwoording opnieuw in.</P>
        </Alert>
      )}
      {canSubmit && <ReportForm app={app} year={year} previous={rejected} onChange={onChange} />}
      {extended && <Alert type="ok"><P>De termijn is verlengd tot {date(extended)}. De gemeente heeft bericht gekregen.</P></Alert>}
      {canExtend && (
        <ButtonGroup>
          <Button variant="secondary" onClick={() => setExtending(true)}>Termijn verlengen…</Button>
        </ButtonGroup>
      )}
      {extending && (
        <ExtendDialog extending={{ applicationId: app.id, municipalityName: app.municipalityName, year, due }}
          onClose={() => setExtending(false)}
          onDone={(d) => {
            setExtended(d);
            onChange();
          }} />
      )}
      {canReview && <ReviewReport app={app} year={year} report={report!} onChange={onChange} />}
    </div>
  );
}

function ReportDetails({ app, report, attachment }: { app: Application; report: Report; attachment?: DocumentInfo }) {
  return (
    <DataList items={[
      ...POINTS.map((p) => [`Besteed aan ${THEME[p].toLowerCase()}`, euro(report.spentCents[p] ?? 0)] as [string, string]),
      ['Totaal besteed', euro(report.totalSpentCents)],
      ['Mantelzorgers bereikt', count(report.caregiversReached)],
      ['Uren respijtzorg', hours(report.respiteHours)],
      ['Toelichting', report.narrative],
      ['Ingediend', date(report.submittedAt)],
      ...(attachment ? [['Bijlage', (
        <span class="attachment">
          {attachment.fileName}{' '}
          {attachment.status === 'AVAILABLE'
            ? <DownloadButton applicationId={app.id} document={attachment} />
            : <>({attachment.status === 'REJECTED' ? 'geweigerd' : 'wordt gecontroleerd'})</>}
        </span>
      )] as [string, preact.ComponentChildren]] : []),
    ]} />
  );
}

/** The form for one year's report; after a rejection it starts from the figures that were rejected. */
function ReportForm({ app, year, previous, onChange }: { app: Application; year: number; previous?: Report; onChange: () => void }) {
  const [spent, setSpent] = useState<Record<string, string>>(
    previous ? Object.fromEntries(POINTS.map((p) => [p, centsToInput(previous.spentCents[p] ?? 0)])) : {});
  const [caregivers, setCaregivers] = useState(previous ? String(previous.caregiversReached) : '');
  const [respite, setRespite] = useState(previous ? String(previous.respiteHours).replace('.', ',') : '');
  const [narrative, setNarrative] = useState(previous?.narrative ?? '');
  const [documentId, setDocumentId] = useState<string | null>(previous?.documentId ?? null);
  const [documentIsNew, setDocumentIsNew] = useState(false);
  const { busy, errors, failure, refuse, send } = useSubmission();
  const { ask, dialog } = useConfirm();
  const id = (s: string) => `verantwoording-${year}-${s}`;

  async function submit(e: Event) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const spentCents: Record<string, number> = {};
    for (const p of POINTS) {
      const c = parseEuro(spent[p] ?? '');
      if (Number.isNaN(c)) local[`spentCents.${p}`] = 'Vul een bedrag in euro’s in, zoals 12.500,00.';
      else spentCents[p] = c ?? 0;
    }
    const caregiversReached = caregivers.trim() === '' ? null : Number(caregivers);
    const respiteHours = respite.trim() === '' ? null : Number(respite.replace(',', '.'));
    if (caregiversReached !== null && !Number.isInteger(caregiversReached)) local.caregiversReached = 'Vul een heel getal in.';
    if (respiteHours !== null && Number.isNaN(respiteHours)) local.respiteHours = 'Vul een aantal uren in, zoals 12,5.';
    if (Object.keys(local).length > 0) {
      refuse(local);
      return;
    }
    const total = Object.values(spentCents).reduce((a, b) => a + b, 0);
    const confirmed = await ask({
      title: `Verantwoording ${year} ${previous ? 'opnieuw ' : ''}indienen?`,
      body: (
        <>
          <P>
            U dient de verantwoording {year} van de gemeente {app.municipalityName} in bij het ministerie: <Money cents={total} /> besteed
            {caregiversReached !== null ? `, ${count(caregiversReached)} mantelzorgers bereikt` : ''}
            {respiteHours !== null ? `, ${hours(respiteHours)} uur respijtzorg` : ''}.
          </P>
          <P>Daarna kunt u haar niet meer wijzigen, tenzij het ministerie haar afkeurt.</P>
        </>
      ),
      confirm: `Verantwoording ${year} indienen`,
    });
    if (!confirmed) return;
    await send(() => post(`/applications/${app.id}/reports/${year}`, { spentCents, caregiversReached, respiteHours, narrative, documentId }),
      onChange);
  }

  return (
    <form class="form" onSubmit={submit} noValidate aria-label={`Verantwoording ${year} indienen`}>
      {dialog}
      {failure && <Alert type="error"><P>{failure}</P></Alert>}
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Besteed in {year} per aandachtspunt (in euro’s)</legend>
        <div class="field-row">
          {POINTS.map((p) => (
            <Field key={p} id={id(p)} label={THEME[p]} error={errors[`spentCents.${p}`]}>
              {(aria) => <input {...aria} class={textboxClass(!!errors[`spentCents.${p}`], 'money')} inputMode="decimal" placeholder="0,00"
                value={spent[p] ?? ''} onInput={(e) => setSpent({ ...spent, [p]: e.currentTarget.value })} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <div class="field-row">
        <Field id={id('mantelzorgers')} label="Mantelzorgers bereikt" error={errors.caregiversReached}>
          {(aria) => <input {...aria} class={textboxClass(!!errors.caregiversReached, 'short')} inputMode="numeric" value={caregivers} onInput={(e) => setCaregivers(e.currentTarget.value)} />}
        </Field>
        <Field id={id('respijt')} label="Uren respijtzorg" error={errors.respiteHours}>
          {(aria) => <input {...aria} class={textboxClass(!!errors.respiteHours, 'short')} inputMode="decimal" value={respite} onInput={(e) => setRespite(e.currentTarget.value)} />}
        </Field>
      </div>
      <Field id={id('toelichting')} label="Toelichting" error={errors.narrative}>
        {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={4} value={narrative} onInput={(e) => setNarrative(e.currentTarget.value)} />}
      </Field>
      {documentId && documentIsNew && <Alert type="ok" live={false}><P>Het document is bijgevoegd.</P></Alert>}
      {documentId && !documentIsNew && <P>Het document van uw vorige indiening blijft bijgevoegd. Wilt u een ander document meesturen, upload het dan hieronder.</P>}
      {!(documentId && documentIsNew) && (
        <DocumentUpload applicationId={app.id} id={id('document')} kinds={['REPORT']} error={errors.documentId}
          onUploaded={(d) => { setDocumentId(d); setDocumentIsNew(true); }} />
      )}
      <Button type="submit" busy={busy}>Verantwoording {year} indienen</Button>
    </form>
  );
}

function ReviewReport({ app, year, report, onChange }: { app: Application; year: number; report: Report; onChange: () => void }) {
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const { busy, errors, failure, refuse, send } = useSubmission();
  const { ask, dialog } = useConfirm();
  const gemeente = `de gemeente ${app.municipalityName}`;

  async function review(outcome: 'ACCEPT' | 'REJECT') {
    if (outcome === 'REJECT' && reason.trim() === '') {
      refuse({ reason: 'Schrijf op waarom u de verantwoording afkeurt; de gemeente krijgt deze reden te zien.' });
      return;
    }
    const confirmed = await ask(outcome === 'ACCEPT' ? {
      title: `Verantwoording ${year} accepteren?`,
      body: (
        <>
          <P>
            De verantwoording {year} van {gemeente} wordt definitief geaccepteerd: <Money cents={report.totalSpentCents} /> besteed telt
            mee voor de eindafrekening. De gemeente krijgt hiervan direct bericht.
          </P>
          <P>Daarna kunt u de verantwoording niet meer afkeuren.</P>
        </>
      ),
      confirm: `Verantwoording ${year} accepteren`,
    } : {
      title: `Verantwoording ${year} afkeuren?`,
      body: (
        <>
          <P>{capitalise(gemeente)} krijgt direct bericht dat haar verantwoording {year} is afgekeurd, met uw reden: ‘{reason.trim()}’.</P>
          <P>De gemeente moet de verantwoording daarna opnieuw indienen.</P>
        </>
      ),
      confirm: `Verantwoording ${year} afkeuren`,
    });
    if (!confirmed) return;
    await send(() => post(`/applications/${app.id}/reports/${year}/review`, { outcome, reason: outcome === 'REJECT' ? reason : null }),
      onChange);
  }

  return (
    <div class="form form--compact">
      {dialog}
      {failure && <Alert type="error"><P>{failure}</P></Alert>}
      <ButtonGroup>
        <Button busy={busy} onClick={() => review('ACCEPT')}>Verantwoording {year} accepteren</Button>
        <Button variant="secondary" onClick={() => setRejecting(!rejecting)} aria-expanded={rejecting ? 'true' : 'false'}>Afkeuren…</Button>
      </ButtonGroup>
      {rejecting && (
        <>
          <Field id={`afkeuren-${year}-reden`} label="Reden van afkeuren" error={errors.reason}>
            {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <Button variant="secondary" busy={busy} onClick={() => review('REJECT')}>Verantwoording {year} afkeuren</Button>
        </>
      )}
    </div>
  );
}
