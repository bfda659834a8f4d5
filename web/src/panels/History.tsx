// The application's history as a timeline, oldest first, as the audit trail records it.
import type { DetailValue, HistoryEvent } from '../api';
import { ACTION, ADVICE_OUTCOME, ADVISORY_THEME, date, dateTime, DOCUMENT_KIND, euro, hours, label, ROLE, STATUS } from '../format';

type Detail = (v: DetailValue) => string;

const text = (v: DetailValue) => String(v);
const amount = (prefix: string): Detail => (v) => `${prefix} ${euro(Number(v))}`;

/** Amounts per year, `{"2025": 1500000}`, as `2025: € 15.000,00`. */
function perYear(v: DetailValue): string {
  if (typeof v !== 'object') return euro(Number(v));
  return Object.entries(v).map(([year, cents]) => `${year}: ${euro(cents)}`).join(', ');
}

// shown in this order; anything else (ids, hashes, versions) is for machines
const DETAIL_LABELS: Array<[string, Detail]> = [
  ['title', (v) => `titel: ${text(v)}`],
  ['kind', (v) => label(DOCUMENT_KIND, text(v))],
  ['fileName', text],
  ['outcome', (v) => label({ ...ADVICE_OUTCOME, AWARD: 'Toekennen', REJECT: 'Afwijzen', ACCEPT: 'Accepteren' }, text(v))],
  ['awardedCents', (v) => `toegekend ${perYear(v)}`],
  ['proposedBy', (v) => `voorgesteld door ${text(v)}`],
  ['summary', (v) => `“${text(v)}”`],
  ['hours', (v) => `${hours(Number(v))} uur`],
  ['theme', (v) => label(ADVISORY_THEME, text(v))],
  ['date', (v) => `gewerkt op ${date(text(v))}`],
  ['year', (v) => `jaar ${text(v)}`],
  ['previousDeadline', (v) => `was uiterlijk ${date(text(v))}`],
  ['deadline', (v) => `uiterlijk ${date(text(v))}`],
  ['late', (v) => (v === true ? 'te laat ingediend' : '')],
  ['spentCents', amount('besteed')],
  ['totalEligibleCents', amount('subsidiabel besteed')],
  ['reclaimCents', amount('terugvordering')],
  ['openSince', (v) => `open sinds ${date(text(v))}`],
  ['reason', (v) => `reden: ${text(v)}`],
];

function details(event: HistoryEvent): string {
  const d = event.details;
  if (!d) return '';
  return DETAIL_LABELS.filter(([k]) => d[k] !== undefined && d[k] !== null)
    .map(([k, f]) => f(d[k]))
    .filter((t) => t !== '')
    .join(' · ');
}

function who(event: HistoryEvent): string {
  // outside the ministry its internal steps of four eyes name no one: the role says enough
  if (!event.actor) return event.role ? label(ROLE, event.role) : 'Onbekend';
  // the workflow's own steps (deadlines, reminders) have no role
  if (!event.role) return 'Workflow (automatisch)';
  return `${event.actor} (${label(ROLE, event.role)})`;
}

export function Timeline({ events }: { events: HistoryEvent[] }) {
  if (events.length === 0) return <p class="utrecht-paragraph">Nog geen gebeurtenissen.</p>;
  return (
    <ol class="timeline">
      {events.map((e, i) => (
        <li class="timeline__item" key={i}>
          <div class="timeline__when"><time dateTime={e.at}>{dateTime(e.at)}</time></div>
          <div class="timeline__what">
            <strong>{label(ACTION, e.action)}</strong>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
              <span class="timeline__status"> · {label(STATUS, e.fromStatus)} → {label(STATUS, e.toStatus)}</span>
            )}
            {!e.fromStatus && e.toStatus && <span class="timeline__status"> · {label(STATUS, e.toStatus)}</span>}
          </div>
          <div class="timeline__who">{who(e)}</div>
          {details(e) && <div class="timeline__details">{details(e)}</div>}
        </li>
      ))}
    </ol>
  );
}
