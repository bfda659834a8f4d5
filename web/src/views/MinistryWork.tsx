// The ministry's work: decisions to propose and approve, reports to review, overdue reports to chase, settlements.
// Each group is one server-side list of tasks (searched, ordered, paged); approvals the user proposed are marked.
import { useState } from 'preact/hooks';
import type { Task } from '../api';
import { date, label, TASK } from '../format';
import { ListControls, OLDEST_FIRST, Pager, usePagedList } from '../lists';
import { taskYear } from '../steps';
import { ErrorAlert, Loading, P, PageTitle, Section, Table } from '../ui';
import { Deadline } from './MyApplications';

const GROUPS: { title: string; id: string; types: string[]; hint: string }[] = [
  { title: 'Besluiten voor te stellen', id: 'voorstellen', types: ['DECIDE'], hint: 'Het adviesteam heeft geadviseerd.' },
  { title: 'Besluiten goed te keuren', id: 'goedkeuren', types: ['APPROVE_DECISION'], hint: 'Vier ogen: alleen een andere medewerker dan wie het besluit voorstelde, keurt het goed.' },
  { title: 'Verantwoordingen te beoordelen', id: 'verantwoordingen', types: ['REVIEW_REPORT'], hint: 'Ingediende jaarverantwoordingen.' },
  { title: 'Te late verantwoordingen', id: 'te-laat', types: ['CHASE_OVERDUE_REPORT'], hint: 'De deadline van 15 juli is verstreken; vraag de verantwoording op bij de gemeente.' },
  { title: 'Eindafrekeningen', id: 'eindafrekeningen', types: ['SETTLE', 'APPROVE_SETTLEMENT'], hint: 'Voorstellen zodra alle jaren zijn geaccepteerd; goedkeuren met vier ogen.' },
];

/** What the task asks; an approval of the user's own proposal says who approves it instead. */
function what(t: Task) {
  const year = taskYear(t);
  if (t.ownProposal) return <span class="own-proposal">Door u voorgesteld — een collega keurt goed</span>;
  return `${label(TASK, t.type)}${year ? ` ${year}` : ''}`;
}

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
  return (
    <Section title={group.title} id={group.id}>
      <P>{group.hint}</P>
      <ErrorAlert error={list.error} />
      {!list.items && !list.error && <Loading />}
      {list.items && (
        <>
          <Table<Task>
            caption={<span class="visually-hidden">{group.title}, pagina {list.page}</span>}
            rows={list.items}
            rowKey={(t) => t.taskId}
            empty={search ? 'Niets gevonden dat hierop lijkt.' : 'Niets te doen.'}
            columns={[
              { key: 'municipality', header: 'Gemeente', render: (t) => t.municipalityName ?? t.municipalityCode },
              { key: 'title', header: 'Aanvraag', render: (t) => <a class="utrecht-link" href={`/aanvragen/${t.applicationId}`}>{t.applicationTitle ?? 'Aanvraag'}</a> },
              { key: 'what', header: 'Taak', render: what },
              { key: 'since', header: 'Sinds', render: (t) => <span class="nowrap">{date(t.createdAt)}</span> },
              { key: 'due', header: 'Uiterlijk', render: (t) => <Deadline due={t.dueDate} /> },
            ]}
          />
          <Pager list={list} label={group.title.toLowerCase()} />
        </>
      )}
    </Section>
  );
}
