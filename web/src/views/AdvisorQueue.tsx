// The advisory team's review queue: oldest first (or as ordered), searched and paged by the server, with the due
// date and whether the review is past it (and so escalated).
import { useState } from 'preact/hooks';
import type { Task } from '../api';
import { date } from '../format';
import { ListControls, OLDEST_FIRST, Pager, usePagedList } from '../lists';
import { ErrorAlert, Loading, P, PageTitle, Table } from '../ui';
import { Deadline } from './MyApplications';

export function AdvisorQueue() {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('createdAt');
  const list = usePagedList<Task>('/tasks?type=REVIEW', search, sort);
  return (
    <>
      <PageTitle title="Beoordelingswachtrij">Beoordelingswachtrij</PageTitle>
      <P lead>Ingediende plannen die op uw advies wachten, de oudste eerst. Na 6 weken wordt een beoordeling geëscaleerd.</P>
      <ListControls id="wachtrij" search={search} onSearch={setSearch} sort={sort} onSort={setSort} sorts={OLDEST_FIRST} />
      <ErrorAlert error={list.error} />
      {!list.items && !list.error && <Loading />}
      {list.items && (
        <>
          <Table<Task>
            caption={`Te beoordelen plannen${search ? ` met „${search}”` : ''}, pagina ${list.page}`}
            rows={list.items}
            rowKey={(t) => t.taskId}
            empty={search ? 'Geen plannen gevonden die hierop lijken.' : 'Er wachten geen plannen op advies.'}
            columns={[
              { key: 'since', header: 'In de wachtrij sinds', render: (t) => <span class="nowrap">{date(t.createdAt)}</span> },
              { key: 'municipality', header: 'Gemeente', render: (t) => t.municipalityName ?? t.municipalityCode },
              { key: 'title', header: 'Aanvraag', render: (t) => <a class="utrecht-link" href={`/aanvragen/${t.applicationId}`}>{t.applicationTitle ?? 'Aanvraag'}</a> },
              { key: 'due', header: 'Advies uiterlijk', render: (t) => <Deadline due={t.dueDate} /> },
            ]}
          />
          <Pager list={list} label="wachtrij" />
        </>
      )}
    </>
  );
}
