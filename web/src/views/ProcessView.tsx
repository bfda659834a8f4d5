// The application's BPMN process (a chunk of its own, with bpmn-js): the current step highlighted, the steps done
// marked, and the same as a text list beside the diagram. The bpmn.io watermark stays, as its licence requires.
import { useEffect, useRef, useState } from 'preact/hooks';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './process.css';
import processXml from '../../../workflows/spuk-application.bpmn?raw';
import { allPages, get, items, type Application, type HistoryEvent, type Report, type Task } from '../api';
import type { User } from '../auth';
import { label, STATUS } from '../format';
import { Alert, Button, ButtonGroup, ErrorAlert, Loading, P, PageTitle, StatusBadge, useLoad } from '../ui';

/** The diagram's elements by id, as the BPMN file names them (in Dutch, for the people who read the diagram). */
const NAMES: Record<string, string> = Object.fromEntries(
  Array.from(new DOMParser().parseFromString(processXml, 'application/xml').querySelectorAll('[id][name]'))
    .map((el) => [el.getAttribute('id')!, el.getAttribute('name')!]),
);

/** Which elements an audit event shows to be done. */
const DONE_BY_ACTION: Record<string, string[]> = {
  CREATED: ['DraftCreated'],
  SUBMITTED: ['PREPARE', 'PlanSubmitted', 'StartReview'],
  ADVICE_GIVEN: ['REVIEW', 'RecordAdvice', 'AdviceOutcome'],
  REVIEW_ESCALATED: ['ReviewTakesLong', 'EscalateReview', 'ReviewEscalated'],
  DECISION_PROPOSED: ['ReadyForDecision', 'DECIDE', 'ProposeDecision'],
  DECISION_RETURNED: ['APPROVE_DECISION', 'DecisionApproved', 'ReturnDecision'],
  DECISION_APPROVED: ['APPROVE_DECISION', 'DecisionApproved', 'ApproveDecision', 'DecisionOutcome'],
  WITHDRAWN: ['WithdrawalRequested', 'Withdraw', 'Withdrawn'],
  REPORT_OPENED: ['YearAwarded', 'YearBegun', 'OpenReport', 'ReportDue'],
  REPORT_DEADLINE_EXTENDED: ['DeadlineExtended', 'ExtendReportDeadline'],
  REPORT_REMINDER: ['ReminderDue', 'RemindReport', 'ReminderSent'],
  REPORT_OVERDUE: ['ReportOverdue', 'ChaseReport', 'ChaseOpened'],
  REPORT_SUBMITTED: ['REPORT', 'RecordReport'],
  REPORT_REJECTED: ['REVIEW_REPORT', 'ReportReviewed', 'RejectReport'],
  REPORT_ACCEPTED: ['REVIEW_REPORT', 'ReportReviewed', 'AcceptReport', 'YearAccounted'],
  SETTLEMENT_OPENED: ['Reporting', 'OpenSettlement', 'SettlementDue'],
  SETTLEMENT_PROPOSED: ['SETTLE', 'ProposeSettlement'],
  SETTLEMENT_RETURNED: ['APPROVE_SETTLEMENT', 'SettlementApproved', 'ReturnSettlement'],
  SETTLED: ['APPROVE_SETTLEMENT', 'SettlementApproved', 'Settle', 'Settled'],
};

/** The steps people take, in order, for the text list. */
const STEPS = ['PREPARE', 'REVIEW', 'REVISE', 'DECIDE', 'APPROVE_DECISION', 'REPORT', 'REVIEW_REPORT', 'SETTLE', 'APPROVE_SETTLEMENT'];

/** Where the application stands: the caller's own open tasks, plus what the status tells about others' steps. */
function currentSteps(app: Application, tasks: Task[], reports: Report[]): string[] {
  const current = new Set(tasks.map((t) => t.type).filter((t) => t in NAMES));
  switch (app.status) {
    case 'DRAFT': current.add('PREPARE'); break;
    case 'SUBMITTED': current.add('StartReview'); break;
    case 'IN_REVIEW': current.add('REVIEW'); break;
    case 'CHANGES_REQUESTED': current.add('REVISE'); break;
    case 'ADVISED': current.add('DECIDE'); break;
    case 'DECISION_PROPOSED': current.add('APPROVE_DECISION'); break;
    case 'AWARDED':
    case 'REPORTING': {
      const awarded = Object.entries(app.awardedCents).filter(([, c]) => c > 0).map(([y]) => Number(y));
      if (app.settlement && !app.settlement.approvedBy) current.add('APPROVE_SETTLEMENT');
      else if (awarded.every((y) => reports.find((r) => r.year === y)?.status === 'ACCEPTED')) current.add('SETTLE');
      else {
        if (reports.some((r) => r.status === 'SUBMITTED')) current.add('REVIEW_REPORT');
        if (awarded.some((y) => !reports.find((r) => r.year === y) || reports.find((r) => r.year === y)!.status === 'REJECTED')) current.add('REPORT');
      }
      break;
    }
    case 'SETTLED': current.add('Settled'); break;
    case 'REJECTED': current.add('Rejected'); break;
    case 'WITHDRAWN': current.add('Withdrawn'); break;
  }
  return [...current];
}

function doneSteps(app: Application, history: HistoryEvent[], current: string[]): string[] {
  const done = new Set<string>();
  for (const e of history) {
    (DONE_BY_ACTION[e.action] ?? []).forEach((id) => done.add(id));
    if (e.action === 'ADVICE_GIVEN' && e.toStatus === 'CHANGES_REQUESTED') done.add('REVIEW');
    if (e.action === 'SUBMITTED' && e.fromStatus === 'CHANGES_REQUESTED') done.add('REVISE');
  }
  if (app.status === 'REJECTED') done.add('Rejected');
  current.forEach((id) => done.delete(id));
  return [...done];
}

export function ProcessView({ id }: { id: string; user: User }) {
  const { data, error } = useLoad(async () => {
    const app = await get<Application>(`/applications/${id}`);
    const [history, tasks, reports] = await Promise.all([
      allPages<HistoryEvent>(`/applications/${id}/history`),
      allPages<Task>('/tasks'),
      items<Report>(`/applications/${id}/reports`),
    ]);
    const current = currentSteps(app, tasks.filter((t) => t.applicationId === id), reports);
    return { app, current, done: doneSteps(app, history, current) };
  }, [id]);

  return (
    <>
      <PageTitle title="Processchema">Processchema{data ? `: ${data.app.title}` : ''}</PageTitle>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <p class="subtitle">{data.app.municipalityName} · <StatusBadge status={data.app.status} /> · <a class="utrecht-link" href={`/aanvragen/${id}`}>Terug naar de aanvraag</a></p>
          <div class="process">
            <Diagram current={data.current} done={data.done} status={data.app.status} />
            <StepList current={data.current} done={data.done} />
          </div>
        </>
      )}
    </>
  );
}

function Diagram({ current, done, status }: { current: string[]; done: string[]; status: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const v = new NavigatedViewer({ container: ref.current! });
    viewer.current = v;
    v.importXML(processXml).then(() => {
      const canvas = v.get('canvas') as { zoom: (z: string | number) => void; addMarker: (id: string, cls: string) => void };
      canvas.zoom('fit-viewport');
      const registry = v.get('elementRegistry') as { get: (id: string) => unknown };
      done.forEach((id) => registry.get(id) && canvas.addMarker(id, 'step-done'));
      current.forEach((id) => registry.get(id) && canvas.addMarker(id, 'step-current'));
    }, () => setFailed(true));
    return () => v.destroy();
  }, []);

  const zoom = (change: number | 'fit-viewport') => {
    const canvas = viewer.current?.get('canvas') as { zoom: (z?: string | number) => number } | undefined;
    if (!canvas) return;
    canvas.zoom(change === 'fit-viewport' ? change : canvas.zoom() * change);
  };

  return (
    <div class="process__diagram">
      {failed && <Alert type="error"><P>Het processchema kon niet worden getoond. De stappen staan in de lijst.</P></Alert>}
      <ButtonGroup>
        <Button variant="secondary" onClick={() => zoom(1.25)}>Inzoomen</Button>
        <Button variant="secondary" onClick={() => zoom(0.8)}>Uitzoomen</Button>
        <Button variant="secondary" onClick={() => zoom('fit-viewport')}>Passend maken</Button>
      </ButtonGroup>
      <figure class="process__figure">
        <figcaption class="process__legend">
          BPMN-processchema van de aanvraag (status {label(STATUS, status)}):{' '}
          <span class="legend legend--current">huidige stap</span> <span class="legend legend--done">gedaan</span>{' '}
          De stappen staan ook in de lijst.
        </figcaption>
        <div class="process__canvas" ref={ref} />
      </figure>
    </div>
  );
}

function StepList({ current, done }: { current: string[]; done: string[] }) {
  const state = (id: string) => (current.includes(id) ? 'nu' : done.includes(id) ? 'gedaan' : 'nog niet');
  const extra = current.filter((id) => !STEPS.includes(id));
  return (
    <div class="process__steps">
      <h2 class="utrecht-heading-2">Stappen</h2>
      <ol class="steps">
        {STEPS.filter((id) => id !== 'REVISE' || state(id) !== 'nog niet').map((id) => (
          <li key={id} class={`steps__item steps__item--${state(id).replace(' ', '-')}`} aria-current={state(id) === 'nu' ? 'step' : undefined}>
            <span class="steps__name">{NAMES[id]}</span> <span class="steps__state">({state(id)})</span>
          </li>
        ))}
        {extra.map((id) => (
          <li key={id} class="steps__item steps__item--nu" aria-current="step">
            <span class="steps__name">{NAMES[id]}</span> <span class="steps__state">(nu)</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
