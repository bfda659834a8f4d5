// Every application the user may see (advisors from submission on, the ministry all), filtered by status.
import { useState } from 'preact/hooks';
import { allPages, type Application } from '../api';
import type { User } from '../auth';
import { euro, STATUS, sum } from '../format';
import { ErrorAlert, Field, Loading, PageTitle, StatusBadge, Table, useLoad } from '../ui';

export function AllApplications({ user }: { user: User }) {
  const [status, setStatus] = useState('');
  const { data, error } = useLoad(() => allPages<Application>(`/applications${status ? `?status=${status}` : ''}`), [status]);
  const statuses = Object.entries(STATUS).filter(([k]) => user.role === 'ministry' || k !== 'DRAFT');
  return (
    <>
      <PageTitle title="Aanvragen">Aanvragen</PageTitle>
      <Field id="filter-status" label="Status">
        {(aria) => (
          <select {...aria} class="utrecht-select utrecht-select--html-select" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">Alle statussen</option>
            {statuses.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        )}
      </Field>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <Table<Application>
          caption={`Aanvragen (${data.length})`}
          rows={data}
          rowKey={(a) => a.id}
          empty="Geen aanvragen met deze status."
          columns={[
            { key: 'municipality', header: 'Gemeente', render: (a) => a.municipalityName },
            { key: 'title', header: 'Aanvraag', render: (a) => <a class="utrecht-link" href={`/aanvragen/${a.id}`}>{a.title}</a> },
            { key: 'status', header: 'Status', render: (a) => <StatusBadge status={a.status} /> },
            { key: 'years', header: 'Jaren', render: (a) => a.years.join(', ') },
            { key: 'requested', header: 'Gevraagd', numeric: true, render: (a) => euro(sum(a.requestedCents)) },
            { key: 'awarded', header: 'Toegekend', numeric: true, render: (a) => euro(sum(a.awardedCents)) },
            { key: 'reference', header: 'Kenmerk', render: (a) => a.reference ?? '–' },
          ]}
        />
      )}
    </>
  );
}
