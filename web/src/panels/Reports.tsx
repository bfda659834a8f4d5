// Yearly reports: per awarded year its deadline and state; the municipality submits, the ministry reviews.
import { useState } from 'preact/hooks';
import { post, type Application, type Report } from '../api';
import type { User } from '../auth';
import { count, date, euro, hours, label, parseEuro, REPORT_STATUS, reportDeadline, THEME, today } from '../format';
import { useSubmission } from '../submission';
import { Alert, Button, ButtonGroup, DataList, Field, P, Section, textboxClass } from '../ui';
import { DocumentUpload } from './Documents';

const POINTS = ['VINDEN', 'VERSTERKEN', 'VERLICHTEN', 'VERBINDEN'];

export function ReportsPanel({ app, reports, user, onChange }: { app: Application; reports: Report[]; user: User; onChange: () => void }) {
  const years = Object.entries(app.awardedCents).filter(([, c]) => c > 0).map(([y]) => Number(y)).sort();
  if (years.length === 0 || !['AWARDED', 'REPORTING', 'SETTLED'].includes(app.status)) return null;
  return (
    <Section title="Jaarverantwoording" id="verantwoording">
      <P>Per toegekend jaar verantwoordt de gemeente de besteding per aandachtspunt, uiterlijk 15 juli van het jaar erna.</P>
      {years.map((year) => (
        <YearReport key={year} app={app} year={year} report={reports.find((r) => r.year === year)} user={user} onChange={onChange} />
      ))}
    </Section>
  );
}

function YearReport({ app, year, report, user, onChange }: { app: Application; year: number; report?: Report; user: User; onChange: () => void }) {
  const open = today() >= `${year}-01-01`;
  const canSubmit = user.role === 'municipality' && app.status !== 'SETTLED' && open && (!report || report.status === 'REJECTED');
  const canReview = user.role === 'ministry' && report?.status === 'SUBMITTED';
  return (
    <div class="year-report">
      <h3 class="utrecht-heading-3">Verantwoording {year}</h3>
      <DataList items={[
        ['Toegekend', euro(app.awardedCents[String(year)])],
        ['Uiterlijk', date(reportDeadline(year))],
        ['Stand', report ? label(REPORT_STATUS, report.status) : open ? 'Nog niet ingediend' : `Kan vanaf 1 januari ${year}`],
        ...(report?.rejectionReason && report.status === 'REJECTED' ? [['Reden van afkeuren', report.rejectionReason] as [string, string]] : []),
      ]} />
      {report && report.status !== 'REJECTED' && <ReportDetails report={report} />}
      {canSubmit && <ReportForm app={app} year={year} onChange={onChange} />}
      {canReview && <ReviewReport app={app} year={year} onChange={onChange} />}
    </div>
  );
}

function ReportDetails({ report }: { report: Report }) {
  return (
    <DataList items={[
      ...POINTS.map((p) => [`Besteed aan ${THEME[p].toLowerCase()}`, euro(report.spentCents[p] ?? 0)] as [string, string]),
      ['Totaal besteed', euro(report.totalSpentCents)],
      ['Mantelzorgers bereikt', count(report.caregiversReached)],
      ['Uren respijtzorg', hours(report.respiteHours)],
      ['Toelichting', report.narrative],
      ['Ingediend', date(report.submittedAt)],
    ]} />
  );
}

function ReportForm({ app, year, onChange }: { app: Application; year: number; onChange: () => void }) {
  const [spent, setSpent] = useState<Record<string, string>>({});
  const [caregivers, setCaregivers] = useState('');
  const [respite, setRespite] = useState('');
  const [narrative, setNarrative] = useState('');
  const [documentId, setDocumentId] = useState<string | null>(null);
  const { busy, errors, failure, refuse, send } = useSubmission();
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
    await send(() => post(`/applications/${app.id}/reports/${year}`, { spentCents, caregiversReached, respiteHours, narrative, documentId }),
      onChange);
  }

  return (
    <form class="form" onSubmit={submit} noValidate aria-label={`Verantwoording ${year} indienen`}>
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
      {documentId
        ? <Alert type="ok" live={false}><P>Het document is bijgevoegd.</P></Alert>
        : <DocumentUpload applicationId={app.id} id={id('document')} kinds={['REPORT']} error={errors.documentId} onUploaded={(d) => setDocumentId(d)} />}
      <Button type="submit" busy={busy}>Verantwoording {year} indienen</Button>
    </form>
  );
}

function ReviewReport({ app, year, onChange }: { app: Application; year: number; onChange: () => void }) {
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const { busy, errors, failure, send } = useSubmission();

  async function review(outcome: 'ACCEPT' | 'REJECT') {
    await send(() => post(`/applications/${app.id}/reports/${year}/review`, { outcome, reason: outcome === 'REJECT' ? reason : null }),
      onChange);
  }

  return (
    <div class="form form--compact">
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
