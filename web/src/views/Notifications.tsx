// The caller's notifications, newest first: each links to its application, and opening one marks it read.
import { useState } from 'preact/hooks';
import { get, post, type Notification } from '../api';
import { dateTime, label } from '../format';
import { notificationsRead } from '../notifications';
import { Button, ButtonGroup, ErrorAlert, Loading, P, PageTitle, useLoad } from '../ui';

const PAGE = 20;

/** The short Dutch name of each type, as the mails' headlines say it. */
export const NOTIFICATION_TYPE: Record<string, string> = {
  APPLICATION_SUBMITTED: 'Aanvraag ingediend',
  CHANGES_REQUESTED: 'Wijzigingen gevraagd',
  ADVICE_GIVEN: 'Advies gegeven',
  REVIEW_OVERDUE: 'Beoordeling duurt te lang',
  DECISION_PROPOSED: 'Besluit voorgesteld',
  DECISION_RETURNED: 'Voorgesteld besluit teruggestuurd',
  AWARDED: 'Subsidie toegekend',
  REJECTED: 'Aanvraag afgewezen',
  REPORT_DUE_SOON: 'Verantwoording binnenkort verwacht',
  REPORT_OVERDUE: 'Verantwoording te laat',
  REPORT_SUBMITTED: 'Verantwoording ingediend',
  REPORT_ACCEPTED: 'Verantwoording goedgekeurd',
  REPORT_REJECTED: 'Verantwoording afgekeurd',
  REPORT_DEADLINE_EXTENDED: 'Uitstel voor de verantwoording',
  SETTLEMENT_PROPOSED: 'Eindafrekening voorgesteld',
  SETTLED: 'Eindafrekening vastgesteld',
};

interface Loaded {
  items: Notification[];
  nextToken?: string;
}

export function Notifications() {
  const { data, error } = useLoad(() => get<Loaded>(`/notifications?limit=${PAGE}`));
  return (
    <>
      <PageTitle title="Meldingen">Meldingen</PageTitle>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && <NotificationList first={data} />}
    </>
  );
}

function NotificationList({ first }: { first: Loaded }) {
  const [list, setList] = useState<Notification[]>(first.items);
  const [next, setNext] = useState<string | undefined>(first.nextToken);
  const [busy, setBusy] = useState<'more' | 'all' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const unread = list.filter((n) => !n.read).length;

  async function markRead(n: Notification): Promise<void> {
    await post(`/notifications/${encodeURIComponent(n.id)}/read`);
    setList((l) => l.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
    notificationsRead();
  }

  async function one(n: Notification) {
    setError(null);
    try {
      await markRead(n);
      setStatus(`Melding als gelezen gemarkeerd.`);
    } catch (e) {
      setError(e);
    }
  }

  async function all() {
    setError(null);
    setBusy('all');
    try {
      for (const n of list.filter((x) => !x.read)) await markRead(n);
      setStatus('Alle getoonde meldingen zijn als gelezen gemarkeerd.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function more() {
    setError(null);
    setBusy('more');
    try {
      const page = await get<Loaded>(`/notifications?limit=${PAGE}&nextToken=${encodeURIComponent(next!)}`);
      setList((l) => [...l, ...page.items]);
      setNext(page.nextToken);
      setStatus(`${page.items.length} oudere meldingen geladen.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  /** Opening one marks it read: the link is followed at once, the mark goes on in the background. */
  function opened(n: Notification) {
    if (!n.read) markRead(n).catch(() => { /* it stays unread; the list shows it so next time */ });
  }

  return (
    <>
      <P>
        {list.length === 0 ? 'U heeft nog geen meldingen.' : unread === 0 ? 'U heeft alle meldingen gelezen.'
          : `${unread} ${unread === 1 ? 'ongelezen melding' : 'ongelezen meldingen'}${next ? ' hieronder (oudere meldingen kunt u laden)' : ''}.`}
      </P>
      <ErrorAlert error={error} />
      <p class="visually-hidden" role="status">{status}</p>
      {unread > 0 && (
        <p class="actions-bar">
          <Button variant="secondary" onClick={all} busy={busy === 'all'} disabled={busy !== null}>Alles als gelezen markeren</Button>
        </p>
      )}
      <ol class="notifications">
        {list.map((n) => (
          <li key={n.id} class={`notification${n.read ? '' : ' notification--unread'}`}>
            <div class="notification__head">
              {!n.read && <span class="notification__badge">Ongelezen</span>}
              <span class="notification__type">{label(NOTIFICATION_TYPE, n.type)}</span>
              <span class="notification__at"><time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time></span>
            </div>
            <p class="utrecht-paragraph notification__message">
              <a class="utrecht-link" id={`melding-${n.id}`} href={`/aanvragen/${n.applicationId}`} onClick={() => opened(n)}>{n.message}</a>
            </p>
            {!n.read && (
              <ButtonGroup>
                <Button variant="subtle" onClick={() => one(n)} aria-describedby={`melding-${n.id}`}>Markeer als gelezen</Button>
              </ButtonGroup>
            )}
          </li>
        ))}
      </ol>
      {next && (
        <p>
          <Button variant="secondary" onClick={more} busy={busy === 'more'} disabled={busy !== null}>Meer laden</Button>
        </p>
      )}
    </>
  );
}
