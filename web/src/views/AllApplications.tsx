// Every application the user may see (advisors from submission on, the ministry all): searched, ordered and paged
// by the server, filtered by status.
import { useState } from 'preact/hooks';
import type { Application } from '../api';
import type { User } from '../auth';
import { date, euro, STATUS, sum } from '../format';
import { ListControls, NEWEST_FIRST, Pager, usePagedList } from '../lists';
import { ErrorAlert, Field, Loading, PageTitle, StatusBadge, Table } from '../ui';

export function AllApplications({ user }: { user: User }) {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('-createdAt');
  const list = usePagedList<Application>(`/applications${status ? `?status=${status}` : ''}`, search, sort);
  const statuses = Object.entries(STATUS).filter(([k]) => user.role === 'ministry' || k !== 'DRAFT');
  return (
    <>
      <PageTitle title="Aanvragen">Aanvragen</PageTitle>
      <ListControls id="aanvragen" search={search} onSearch={setSearch} sort={sort} onSort={setSort} sorts={NEWEST_FIRST} />
      <Field id="filter-status" label="Status">
        {(aria) => (
          <select {...aria} class="utrecht-select utrecht-select--html-select" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">Alle statussen</option>
            {statuses.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        )}
      </Field>
      <ErrorAlert error={list.error} />
      {!list.items && !list.error && <Loading />}
      {list.items && (
        <>
          <Table<Application>
            caption={`Aanvragen${search ? ` met „${search}”` : ''}, pagina ${list.page}`}
            rows={list.items}
            rowKey={(a) => a.id}
            empty={search ? 'Geen aanvragen gevonden. Zoek op een deel van de titel, de gemeente of de CBS-code.' : 'Geen aanvragen met deze status.'}
            columns={[
              { key: 'municipality', header: 'Gemeente', render: (a) => a.municipalityName },
              { key: 'title', header: 'Aanvraag', render: (a) => <a class="utrecht-link" href={`/aanvragen/${a.id}`}>{a.title}</a> },
              { key: 'status', header: 'Status', render: (a) => <StatusBadge status={a.status} /> },
              { key: 'created', header: 'Aangemaakt', render: (a) => <span class="nowrap">{date(a.createdAt)}</span> },
              { key: 'years', header: 'Jaren', render: (a) => a.years.join(', ') },
              { key: 'requested', header: 'Gevraagd', numeric: true, render: (a) => <span class="nowrap">{euro(sum(a.requestedCents))}</span> },
              { key: 'awarded', header: 'Toegekend', numeric: true, render: (a) => <span class="nowrap">{euro(sum(a.awardedCents))}</span> },
              { key: 'reference', header: 'Kenmerk', render: (a) => <span class="nowrap">{a.reference ?? '–'}</span> },
            ]}
          />
          <Pager list={list} label="aanvragen" />
        </>
      )}
    </>
  );
}
