// The application's history as a timeline, oldest first, as the audit trail records it.
import type { HistoryEvent } from '../api';
import { ACTION, ADVICE_OUTCOME, ADVISORY_THEME, date, dateTime, DOCUMENT_KIND, euro, hours, label, ROLE, STATUS } from '../format';

const DETAIL_LABELS: Record<string, (v: string) => string> = {
  hours: (v) => `${hours(Number(v))} uur`,
  theme: (v) => label(ADVISORY_THEME, v),
  date: (v) => v,
  outcome: (v) => label({ ...ADVICE_OUTCOME, AWARD: 'Toekennen', REJECT: 'Afwijzen', ACCEPT: 'Accepteren' }, v),
  kind: (v) => label(DOCUMENT_KIND, v),
  fileName: (v) => v,
  year: (v) => v,
  reason: (v) => `reden: ${v}`,
  previousDeadline: (v) => `was uiterlijk ${date(v)}`,
  deadline: (v) => `uiterlijk ${date(v)}`,
  reclaimCents: (v) => `terugvordering ${euro(Number(v))}`,
};

function details(event: HistoryEvent): string {
  if (!event.details) return '';
  return Object.entries(event.details)
    .filter(([k]) => k in DETAIL_LABELS)
    .map(([k, v]) => DETAIL_LABELS[k](v))
    .join(' · ');
}

function who(event: HistoryEvent): string {
  // outside the ministry its internal steps of four eyes name no one: the role says enough
  if (!event.actor) return event.role ? label(ROLE, event.role) : 'Systeem';
  return event.role ? `${event.actor} (${label(ROLE, event.role)})` : event.actor;
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
