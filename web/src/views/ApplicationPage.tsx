// One application for every role: its plan, documents, letters, advice, decision, reports, settlement and
// history, with the actions the signed-in user may take now.
import { useEffect, useState } from 'preact/hooks';
import { allPages, get, items, post, type Application, type DocumentInfo, type HistoryEvent, type HoursOverview, type Report, type Task } from '../api';
import type { User } from '../auth';
import { fieldErrors, message } from '../errors';
import { ADVICE_OUTCOME, date, dateTime, euro, label, sum, THEME } from '../format';
import { nextSteps } from '../steps';
import { AdvicePanel, HoursPanel } from '../panels/Advisory';
import { ApproveDecision, DecisionSummary, ProposeDecision, SettlementPanel, SettlementSummary } from '../panels/Decision';
import { DocumentList, DownloadButton } from '../panels/Documents';
import { Timeline } from '../panels/History';
import { ReportsPanel } from '../panels/Reports';
import { Alert, Button, DataList, ErrorAlert, Field, FlashMessage, Loading, P, PageTitle, Section, StatusBadge, Table, useConfirm, useLoad } from '../ui';

interface Loaded {
  app: Application;
  documents: DocumentInfo[];
  history: HistoryEvent[];
  reports: Report[];
  tasks: Task[];
  hours: HoursOverview;
}

async function load(id: string): Promise<Loaded> {
  const app = await get<Application>(`/applications/${id}`);
  const [documents, history, reports, tasks, hours] = await Promise.all([
    allPages<DocumentInfo>(`/applications/${id}/documents`),
    allPages<HistoryEvent>(`/applications/${id}/history`),
    items<Report>(`/applications/${id}/reports`),
    allPages<Task>('/tasks'),
    get<HoursOverview>(`/municipalities/${app.municipalityCode}/advisory-hours`),
  ]);
  return { app, documents, history, reports, tasks: tasks.filter((t) => t.applicationId === id), hours };
}

export function ApplicationPage({ id, user }: { id: string; user: User }) {
  const { data, error, reload } = useLoad(() => load(id), [id]);
  // a link to a part of the page (/aanvragen/{id}#verantwoording-2025): once loaded, that part is shown and takes focus
  const loaded = data !== undefined;
  useEffect(() => {
    const target = loaded && location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) {
      if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'start' });
    }
  }, [loaded]);
  if (error && !data) return <><PageTitle title="Aanvraag">Aanvraag</PageTitle><ErrorAlert error={error} /></>;
  if (!data) return <Loading />;
  const { app, documents, history, reports, tasks } = data;
  const has = (type: string) => tasks.some((t) => t.type === type);
  const letters = documents.filter((d) => (d.kind === 'DECISION' || d.kind === 'SETTLEMENT') && d.status === 'AVAILABLE');
  const adviceDocument = app.advice?.documentId ? documents.find((d) => d.documentId === app.advice!.documentId) : undefined;

  return (
    <>
      <PageTitle title={app.title}>{app.title}</PageTitle>
      <p class="subtitle">{app.municipalityName} ({app.municipalityCode}) · <StatusBadge status={app.status} /></p>
      <FlashMessage />
      <nav class="page-actions" aria-label="Bij deze aanvraag">
        <a class="utrecht-link" href={`/aanvragen/${app.id}/proces`}>Processchema en stappen</a>
        <a class="utrecht-link" href="#geschiedenis">Geschiedenis</a>
        {user.role === 'municipality' && (app.status === 'DRAFT' || app.status === 'CHANGES_REQUESTED') && (
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`/aanvragen/${app.id}/bewerken`}>
            {app.status === 'DRAFT' ? 'Bewerken en indienen' : 'Plan aanpassen en opnieuw indienen'}
          </a>
        )}
      </nav>

      <Section title="Samenvatting" id="samenvatting">
        <DataList items={[
          ['Status', <StatusBadge status={app.status} />],
          ...(app.reference ? [['Kenmerk', app.reference] as [string, string]] : []),
          ['Volgende stap', <ul class="plain-list">{nextSteps(app, tasks, reports.filter((r) => r.status === 'REJECTED').map((r) => r.year)).map((s) => <li key={s}>{s}</li>)}</ul>],
          ['Jaren', app.years.join(', ')],
          ['Gevraagd', perYear(app.requestedCents)],
          ['Toegekend', sum(app.awardedCents) > 0 ? perYear(app.awardedCents) : '–'],
          ['Contactpersoon', app.contact?.name ? `${app.contact.name}${app.contact.email ? `, ${app.contact.email}` : ''}` : '–'],
          ['Ingediend', app.submittedAt ? dateTime(app.submittedAt) : 'nog niet'],
          ...(app.status === 'IN_REVIEW' && app.reviewDueDate ? [['Beoordeling uiterlijk', date(app.reviewDueDate)] as [string, string]] : []),
          ...(app.reviewEscalatedAt ? [['Escalatie', `Beoordeling duurde langer dan de termijn; geëscaleerd op ${date(app.reviewEscalatedAt)}`] as [string, string]] : []),
        ]} />
      </Section>

      {letters.length > 0 && (
        <Section title="Brieven" id="brieven">
          <ul class="plain-list letters">
            {letters.map((d) => (
              <li key={d.documentId}>
                {d.kind === 'DECISION' ? 'Beschikking (toekenningsbrief)' : 'Vaststellingsbrief (eindafrekening)'}, {date(d.uploadedAt)}{' '}
                <DownloadButton applicationId={app.id} document={d} text="Brief downloaden" />
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title="Activiteiten" id="activiteiten">
        <Table<Application['activities'][number]>
          caption={<span class="visually-hidden">Activiteiten per aandachtspunt</span>}
          rows={app.activities}
          rowKey={(a) => `${a.theme}-${a.title}`}
          empty="Nog geen activiteiten."
          columns={[
            { key: 'theme', header: 'Aandachtspunt', render: (a) => label(THEME, a.theme) || '–' },
            { key: 'title', header: 'Activiteit', render: (a) => <><strong>{a.title}</strong>{a.description && <div class="muted">{a.description}</div>}</> },
            ...app.years.map((y) => ({ key: `y${y}`, header: `${y}`, numeric: true, render: (a: Application['activities'][number]) => euro(a.budgetCents[y] ?? 0) })),
          ]}
        />
      </Section>

      <Section title="Documenten" id="documenten">
        <DocumentList applicationId={app.id} documents={documents}
          onRemoved={user.role === 'municipality' && (app.status === 'DRAFT' || app.status === 'CHANGES_REQUESTED') ? reload : undefined} />
      </Section>

      {user.role !== 'municipality' || app.status !== 'DRAFT' ? (
        <HoursPanel app={app} overview={data.hours} canLog={user.role === 'advisor' && app.status === 'IN_REVIEW'} onChange={reload} />
      ) : null}

      {app.advice && (
        <Section title="Advies van het adviesteam" id="advies">
          <DataList items={[
            ['Uitkomst', label(ADVICE_OUTCOME, app.advice.outcome)],
            ['Samenvatting', app.advice.summary || '–'],
            ['Adviseur', `${app.advice.advisor}, ${date(app.advice.at)}`],
            ...(adviceDocument ? [['Schriftelijk advies', <DownloadButton applicationId={app.id} document={adviceDocument} />] as [string, preact.ComponentChildren]] : []),
          ]} />
        </Section>
      )}

      {user.role === 'advisor' && app.status === 'IN_REVIEW' && <AdvicePanel app={app} onChange={reload} />}
      {user.role === 'ministry' && app.status === 'ADVISED' && <ProposeDecision app={app} onChange={reload} />}
      {user.role === 'ministry' && app.status === 'DECISION_PROPOSED' && app.decision && <ApproveDecision app={app} user={user} onChange={reload} />}
      {app.decision && app.status !== 'DECISION_PROPOSED' && (
        <Section title="Besluit" id="besluit"><DecisionSummary app={app} /></Section>
      )}

      <ReportsPanel app={app} reports={reports} documents={documents} user={user} onChange={reload} />

      {user.role === 'ministry' && <SettlementPanel app={app} user={user} history={history} canPropose={has('SETTLE')} onChange={reload} />}
      {app.status === 'SETTLED' && app.settlement && (
        <Section title="Eindafrekening" id="eindafrekening"><SettlementSummary app={app} /></Section>
      )}

      {user.role === 'municipality' && ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'CHANGES_REQUESTED', 'ADVISED'].includes(app.status) && (
        <Withdraw app={app} onChange={reload} />
      )}

      <Section title="Geschiedenis" id="geschiedenis">
        <Timeline events={history} />
      </Section>
    </>
  );
}

function perYear(cents: Record<string, number>) {
  const years = Object.keys(cents).sort();
  return (
    <>
      {years.map((y) => <span key={y} class="per-year">{y}: {euro(cents[y])}</span>)}
      {years.length > 1 && <span class="per-year"><strong>totaal {euro(sum(cents))}</strong></span>}
    </>
  );
}

function Withdraw({ app, onChange }: { app: Application; onChange: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const { ask, dialog } = useConfirm();
  async function withdraw() {
    setFailure(null);
    if (reason.trim() === '') {
      setReasonError('Schrijf op waarom u de aanvraag intrekt.');
      return;
    }
    setReasonError(undefined);
    const draft = app.status === 'DRAFT';
    const confirmed = await ask({
      title: 'Aanvraag intrekken?',
      body: (
        <>
          <P>
            {draft
              ? <>Het concept ‘{app.title}’ wordt definitief ingetrokken. U kunt het daarna niet meer indienen.</>
              : <>De aanvraag ‘{app.title}’ wordt definitief ingetrokken. Het adviesteam en het ministerie behandelen haar niet verder en zien uw reden.</>}
          </P>
          <P>Dit kunt u niet ongedaan maken. Wilt u later toch subsidie, dan dient u een nieuwe aanvraag in.</P>
        </>
      ),
      confirm: 'Aanvraag intrekken',
    });
    if (!confirmed) return;
    try {
      await post(`/applications/${app.id}/withdraw`, { reason });
      onChange();
    } catch (e) {
      setReasonError(fieldErrors(e).reason);
      setFailure(e);
    }
  }
  return (
    <Section title="Intrekken" id="intrekken">
      {dialog}
      {!open ? (
        <Button variant="subtle" onClick={() => setOpen(true)} aria-expanded="false">Aanvraag intrekken…</Button>
      ) : (
        <div class="form form--compact">
          {failure ? <Alert type="error"><P>{message(failure)}</P></Alert> : null}
          <Field id="intrekken-reden" label="Waarom trekt u de aanvraag in?" error={reasonError}>
            {(aria) => <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <Button variant="secondary" onClick={withdraw}>Aanvraag intrekken</Button>
        </div>
      )}
    </Section>
  );
}
