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
import { Alert, Button, ErrorAlert, Loading, P, PageTitle, StatusBadge, useLoad } from '../ui';

/** The element names as the BPMN file gives them (in Dutch), for the step list. */
const NAMES: Record<string, string> = (() => {
  const doc = new DOMParser().parseFromString(processXml, 'application/xml');
  const names: Record<string, string> = {};
  for (const el of Array.from(doc.querySelectorAll('[id][name]'))) names[el.getAttribute('id')!] = el.getAttribute('name')!;
  return names;
})();

/**
 * Where the diagram may break the long Dutch compounds (a soft hyphen, which bpmn-js turns into a hyphen at the end of
 * a line): a task is 100 px wide and an event's or gateway's label 90 px, narrower than "Jaarverantwoording".
 */
const BREAKS: Record<string, string> = {
  Jaarverantwoording: 'Jaar\u00ADverant\u00ADwoording',
  Beoordelingstermijn: 'Beoordelings\u00ADtermijn',
  verantwoording: 'verant\u00ADwoording',
  Verantwoording: 'Verant\u00ADwoording',
  eindafrekening: 'eind\u00ADafrekening',
  Eindafrekening: 'Eind\u00ADafrekening',
  Volledigheid: 'Volledig\u00ADheid',
};

/** Labels placed for the shorter English names that the Dutch ones would push onto a shape: moved up (px). */
const LABEL_RAISE: Record<string, number> = {
  Flow_AdviceOutcome_ReadyForDecision: 16,
};

/** The BPMN as the diagram shows it: soft hyphens in its long words, a few labels moved clear of their shapes. */
function forDiagram(xml: string): string {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const el of Array.from(doc.querySelectorAll('[id][name]'))) {
    el.setAttribute('name', el.getAttribute('name')!.replace(/\p{L}+/gu, (w) => BREAKS[w] ?? w));
  }
  for (const di of Array.from(doc.getElementsByTagNameNS('*', 'BPMNEdge'))) {
    const raise = LABEL_RAISE[di.getAttribute('bpmnElement') ?? ''];
    const bounds = raise ? di.getElementsByTagNameNS('*', 'BPMNLabel')[0]?.getElementsByTagNameNS('*', 'Bounds')[0] : undefined;
    if (bounds) bounds.setAttribute('y', String(Number(bounds.getAttribute('y')) - raise));
  }
  return new XMLSerializer().serializeToString(doc);
}

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

type Box = { x: number; y: number; width: number; height: number };
type Viewbox = Box & { scale: number; inner: Box; outer: { width: number; height: number } };
type Canvas = {
  zoom: (level?: number | 'fit-viewport', center?: 'auto' | { x: number; y: number }) => number;
  viewbox: (box?: Box) => Viewbox;
  resized: () => void;
  addMarker: (id: string, cls: string) => void;
};

/** Zooming in goes no further than this (1 is the BPMN's own size); zooming out no further than the whole diagram. */
const MAX_SCALE = 2;

function Diagram({ current, done, status }: { current: string[]; done: string[]; status: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const fitScale = useRef(1);
  const [failed, setFailed] = useState(false);
  const [scale, setScale] = useState<number | null>(null);

  const canvas = () => viewer.current?.get('canvas') as Canvas | undefined;
  /** A box out of view (the page left, a hidden tab) has no size: nothing to fit or keep in view then. */
  const hasSize = () => !!ref.current && ref.current.clientWidth > 0 && ref.current.clientHeight > 0;

  /** The whole diagram, centred in its box. */
  const fit = () => {
    const c = canvas();
    if (!c || !hasSize()) return;
    c.resized();
    fitScale.current = Math.min(c.zoom('fit-viewport', 'auto'), MAX_SCALE);
    keepInView();
  };

  /** Pans back so the diagram fills the box where it is larger, and is centred where it is smaller: never off-screen. */
  const keepInView = () => {
    const c = canvas();
    if (!c || !hasSize()) return;
    const vb = c.viewbox();
    if (![vb.x, vb.y, vb.width, vb.height, vb.scale, vb.inner.width, vb.inner.height].every(Number.isFinite) || vb.inner.width === 0) return;
    if (vb.scale < fitScale.current * 0.999) {
      c.zoom(fitScale.current, 'auto');
      return keepInView();
    }
    const axis = (pos: number, size: number, innerPos: number, innerSize: number) =>
      innerSize <= size ? innerPos + innerSize / 2 - size / 2 : Math.min(Math.max(pos, innerPos), innerPos + innerSize - size);
    const x = axis(vb.x, vb.width, vb.inner.x, vb.inner.width);
    const y = axis(vb.y, vb.height, vb.inner.y, vb.inner.height);
    if (Math.abs(x - vb.x) > 0.5 || Math.abs(y - vb.y) > 0.5) c.viewbox({ x, y, width: vb.width, height: vb.height });
    setScale(c.viewbox().scale);
  };

  useEffect(() => {
    const v = new NavigatedViewer({
      container: ref.current!,
      textRenderer: { defaultStyle: { fontSize: 11, lineHeight: 1.2 }, externalStyle: { fontSize: 11, lineHeight: 1.2 } },
    });
    viewer.current = v;
    let ready = false;
    let settling = false;
    // Dragging and the mouse wheel move the view too: after each change, bring the diagram back into view.
    (v.get('eventBus') as { on: (e: string, f: () => void) => void }).on('canvas.viewbox.changed', () => {
      if (!ready || settling) return;
      settling = true;
      requestAnimationFrame(() => {
        if (viewer.current === v) keepInView();
        settling = false;
      });
    });
    v.importXML(forDiagram(processXml)).then(() => {
      const c = v.get('canvas') as Canvas;
      const registry = v.get('elementRegistry') as { get: (id: string) => unknown };
      done.forEach((id) => registry.get(id) && c.addMarker(id, 'step-done'));
      current.forEach((id) => registry.get(id) && c.addMarker(id, 'step-current'));
      ready = true;
      fit();
    }, () => setFailed(true));
    // A new width (a turned phone, a wider window) fits the whole diagram again; the canvas' own focus border does not.
    let width = 0;
    const observer = new ResizeObserver(([entry]) => {
      if (ready && Math.abs(entry.contentRect.width - width) >= 1) fit();
      width = entry.contentRect.width;
    });
    observer.observe(wrapper.current!);
    return () => {
      observer.disconnect();
      ready = false;
      viewer.current = null;
      v.destroy();
    };
  }, []);

  const zoom = (factor: number) => {
    const c = canvas();
    if (!c || !hasSize()) return;
    const vb = c.viewbox();
    const next = Math.min(Math.max(vb.scale * factor, fitScale.current), MAX_SCALE);
    c.zoom(next, { x: vb.x + vb.width / 2, y: vb.y + vb.height / 2 });
    keepInView();
  };
  const atFit = scale !== null && scale <= fitScale.current * 1.001;
  const atMax = scale !== null && scale >= MAX_SCALE * 0.999;

  return (
    <div class="process__diagram" ref={wrapper}>
      {failed && <Alert type="error"><P>Het processchema kon niet worden getoond. De stappen staan in de lijst.</P></Alert>}
      <figure class="process__figure">
        <figcaption class="process__caption">
          BPMN-processchema van de aanvraag (status {label(STATUS, status)}). De stappen staan ook in de lijst.
        </figcaption>
        <ul class="process__legend" aria-label="Legenda">
          <li><span class="legend legend--current" aria-hidden="true" /> Huidige stap</li>
          <li><span class="legend legend--done" aria-hidden="true" /> Gedaan</li>
          <li><span class="legend legend--todo" aria-hidden="true" /> Nog niet</li>
        </ul>
        <div class="process__zoom" role="group" aria-label="Zoomen in het processchema">
          <Button variant="secondary" onClick={() => zoom(1.25)} disabled={atMax} aria-controls="processchema">Inzoomen</Button>
          <Button variant="secondary" onClick={() => zoom(0.8)} disabled={atFit} aria-controls="processchema">Uitzoomen</Button>
          <Button variant="secondary" onClick={fit} aria-controls="processchema">Hele schema tonen</Button>
          {scale !== null && <span class="process__scale" aria-live="polite">Zoom {Math.round(scale * 100)}%</span>}
        </div>
        <div class="process__canvas" id="processchema" ref={ref} />
        <p class="process__hint">Sleep het schema om het te verschuiven.</p>
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
