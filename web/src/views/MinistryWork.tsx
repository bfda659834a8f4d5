// The ministry's work: decisions to propose and approve, reports to review, overdue reports to chase, settlements.
// Each group is one server-side list of tasks (searched, ordered, paged); approvals the user proposed are marked.
import { useState } from 'preact/hooks';
import { remindOverdueReport, remindOverdueReports, type Task } from '../api';
import { message } from '../errors';
import { date, label, TASK } from '../format';
import { ListControls, OLDEST_FIRST, Pager, usePagedList, type ListState } from '../lists';
import { ExtendDialog } from '../panels/Deadlines';
import { taskYear } from '../steps';
import { Alert, Button, ButtonGroup, ErrorAlert, Loading, P, PageTitle, Section, Table, useConfirm, type Column } from '../ui';
import { Deadline } from './MyApplications';

const GROUPS: { title: string; id: string; types: string[]; hint: string }[] = [
  { title: 'Besluiten voor te stellen', id: 'voorstellen', types: ['DECIDE'], hint: 'Het adviesteam heeft geadviseerd.' },
  { title: 'Besluiten goed te keuren', id: 'goedkeuren', types: ['APPROVE_DECISION'], hint: 'Vier ogen: alleen een andere medewerker dan wie het besluit voorstelde, keurt het goed.' },
  { title: 'Verantwoordingen te beoordelen', id: 'verantwoordingen', types: ['REVIEW_REPORT'], hint: 'Ingediende jaarverantwoordingen.' },
  { title: 'Te late verantwoordingen', id: 'te-laat', types: ['CHASE_OVERDUE_REPORT'], hint: 'De uiterste datum is verstreken en de gemeente heeft nog niet ingediend. Stuur een herinnering, of verleng de termijn als daar reden voor is.' },
  { title: 'Eindafrekeningen', id: 'eindafrekeningen', types: ['SETTLE', 'APPROVE_SETTLEMENT'], hint: 'Voorstellen zodra alle jaren zijn geaccepteerd; goedkeuren met vier ogen.' },
];

/** What the task asks; an approval of the user's own proposal says who approves it instead. */
function what(t: Task) {
  const year = taskYear(t);
  if (t.ownProposal) return <span class="own-proposal">Door u voorgesteld — een collega keurt goed</span>;
  return `${label(TASK, t.type)}${year ? ` ${year}` : ''}`;
}

const COLUMNS: Column<Task>[] = [
  { key: 'municipality', header: 'Gemeente', render: (t) => t.municipalityName ?? t.municipalityCode },
  { key: 'title', header: 'Aanvraag', render: (t) => <a class="utrecht-link" href={`/aanvragen/${t.applicationId}`}>{t.applicationTitle ?? 'Aanvraag'}</a> },
  { key: 'what', header: 'Taak', render: what },
  { key: 'since', header: 'Sinds', render: (t) => <span class="nowrap">{date(t.createdAt)}</span> },
  { key: 'due', header: 'Uiterlijk', render: (t) => <Deadline due={t.dueDate} /> },
];

export function MinistryWork() {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('createdAt');
  return (
    <>
      <PageTitle title="Werkvoorraad">Werkvoorraad</PageTitle>
      <ListControls id="werkvoorraad" search={search} onSearch={setSearch} sort={sort} onSort={setSort} sorts={OLDEST_FIRST} />
      {GROUPS.map((g) => <Group key={g.id} group={g} search={search} sort={sort} />)}
    </>
  );
}

function Group({ group, search, sort }: { group: (typeof GROUPS)[number]; search: string; sort: string }) {
  const list = usePagedList<Task>(`/tasks?type=${group.types.join(',')}`, search, sort);
  const caption = <span class="visually-hidden">{group.title}, pagina {list.page}</span>;
  const empty = search ? 'Niets gevonden dat hierop lijkt.' : 'Niets te doen.';
  return (
    <Section title={group.title} id={group.id}>
      <P>{group.hint}</P>
      <ErrorAlert error={list.error} />
      {!list.items && !list.error && <Loading />}
      {list.items && (
        <>
          {group.id === 'te-laat'
            ? <OverdueReports list={list} caption={caption} empty={empty} />
            : <Table<Task> caption={caption} rows={list.items} rowKey={(t) => t.taskId} empty={empty} columns={COLUMNS} />}
          <Pager list={list} label={group.title.toLowerCase()} />
        </>
      )}
    </Section>
  );
}

/** The overdue reports, with a reminder and an extension per report and a reminder for all of a year. */
function OverdueReports({ list, caption, empty }: { list: ListState<Task>; caption: preact.ComponentChild; empty: string }) {
  const rows = list.items ?? [];
  const { ask, dialog } = useConfirm();
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [extending, setExtending] = useState<Task | null>(null);
  const years = [...new Set(rows.map((t) => taskYear(t)).filter((y): y is number => y !== null))].sort();
  const municipality = (t: Task) => t.municipalityName ?? t.municipalityCode;

  async function run(key: string, action: () => Promise<string>) {
    setBusy(key);
    setResult(null);
    try {
      setResult({ ok: true, text: await action() });
    } catch (err) {
      setResult({ ok: false, text: message(err) });
    } finally {
      setBusy(null);
    }
  }

  async function remind(t: Task) {
    const year = taskYear(t)!;
    const confirmed = await ask({
      title: `Herinnering sturen aan ${municipality(t)}?`,
      body: <P>{municipality(t)} krijgt opnieuw bericht dat de verantwoording {year} te laat is (uiterlijk {date(t.dueDate)}), per e-mail en in de applicatie.</P>,
      confirm: 'Herinnering sturen',
    });
    if (!confirmed) return;
    await run(t.taskId, async () => {
      await remindOverdueReport(t.applicationId, year);
      return `Herinnering over de verantwoording ${year} verstuurd aan ${municipality(t)}.`;
    });
  }

  // the bulk reminder reaches every overdue report of the year, also those on other pages or outside the search
  async function remindAll(year: number) {
    const confirmed = await ask({
      title: `Alle te late verantwoordingen over ${year} herinneren?`,
      body: <P>Elke gemeente waarvan de verantwoording {year} nu te laat is, krijgt opnieuw bericht, ook gemeenten die niet op deze pagina staan.</P>,
      confirm: `Herinner alle gemeenten over ${year}`,
    });
    if (!confirmed) return;
    await run(`alle-${year}`, async () => {
      const { sent } = await remindOverdueReports(year);
      return sent === 1 ? `1 herinnering over ${year} verstuurd.` : `${sent} herinneringen over ${year} verstuurd.`;
    });
  }

  const withActions: Column<Task>[] = [...COLUMNS, {
    key: 'actions',
    header: 'Acties',
    render: (t) => (
      <ButtonGroup>
        <Button variant="secondary" busy={busy === t.taskId} onClick={() => remind(t)}
          aria-label={`Herinnering sturen aan ${municipality(t)} over ${taskYear(t)}`}>Herinnering sturen</Button>
        <Button variant="secondary" onClick={() => setExtending(t)}
          aria-label={`Termijn verlengen voor ${municipality(t)}, verantwoording ${taskYear(t)}`}>Termijn verlengen…</Button>
      </ButtonGroup>
    ),
  }];

  return (
    <>
      {dialog}
      {extending && (
        <ExtendDialog
          extending={{ applicationId: extending.applicationId, municipalityName: municipality(extending),
            year: taskYear(extending)!, due: extending.dueDate ?? '' }}
          onClose={() => setExtending(null)}
          onDone={(due) => {
            setResult({ ok: true, text: `De termijn van ${municipality(extending)} voor de verantwoording ${taskYear(extending)} is verlengd tot ${date(due)}. De gemeente heeft bericht gekregen.` });
            list.reload();
          }} />
      )}
      {result && <Alert type={result.ok ? 'ok' : 'error'}><P>{result.text}</P></Alert>}
      {years.length > 0 && (
        <div class="overdue-actions">
          <ButtonGroup>
            {years.map((y) => (
              <Button key={y} busy={busy === `alle-${y}`} onClick={() => remindAll(y)}>Herinner alle te late verantwoordingen over {y}</Button>
            ))}
          </ButtonGroup>
        </div>
      )}
      <Table<Task> caption={caption} rows={rows} rowKey={(t) => t.taskId} empty={empty} columns={withActions} />
    </>
  );
}
