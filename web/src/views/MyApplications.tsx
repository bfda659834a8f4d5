// The municipality's start page: its applications with status and next step, report deadlines and free hours.
import { allPages, get, items, type Application, type HoursOverview, type Task } from '../api';
import type { User } from '../auth';
import { date, euro, label, sum, TASK } from '../format';
import { nextSteps, taskYear } from '../steps';
import { ErrorAlert, HoursBar, Loading, P, PageTitle, Section, StatusBadge, Table, useLoad } from '../ui';

export function MyApplications({ user }: { user: User }) {
  const { data, error } = useLoad(async () => {
    const [apps, tasks, hoursOverview] = await Promise.all([
      allPages<Application>('/applications'),
      items<Task>('/tasks'),
      get<HoursOverview>(`/municipalities/${user.municipality}/advisory-hours`),
    ]);
    return { apps, tasks, hoursOverview };
  });

  return (
    <>
      <PageTitle title="Mijn aanvragen">Mijn aanvragen</PageTitle>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <p class="actions-bar">
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/aanvragen/nieuw">Nieuwe aanvraag</a>
          </p>
          <Table<Application>
            caption="Aanvragen van uw gemeente"
            rows={data.apps}
            rowKey={(a) => a.id}
            empty="U heeft nog geen aanvragen. Begin met een nieuwe aanvraag."
            columns={[
              { key: 'title', header: 'Aanvraag', render: (a) => <a class="utrecht-link" href={`/aanvragen/${a.id}`}>{a.title}</a> },
              { key: 'years', header: 'Jaren', render: (a) => a.years.join(', ') },
              { key: 'status', header: 'Status', render: (a) => <StatusBadge status={a.status} /> },
              { key: 'requested', header: 'Gevraagd', numeric: true, render: (a) => euro(sum(a.requestedCents)) },
              { key: 'awarded', header: 'Toegekend', numeric: true, render: (a) => euro(sum(a.awardedCents)) },
              {
                key: 'next', header: 'Volgende stap', render: (a) => (
                  <ul class="plain-list">{nextSteps(a, data.tasks).map((s) => <li key={s}>{s}</li>)}</ul>
                ),
              },
            ]}
          />
          <Section title="Verantwoordingen en deadlines" id="deadlines">
            <ReportDeadlines tasks={data.tasks} apps={data.apps} />
          </Section>
          <Section title="Gratis adviesuren" id="adviesuren">
            <P>Het Adviesteam Mantelzorg helpt uw gemeente gratis, hoogstens {data.hoursOverview.capHours} uur over de hele looptijd.</P>
            <HoursBar used={data.hoursOverview.usedHours} cap={data.hoursOverview.capHours} />
          </Section>
        </>
      )}
    </>
  );
}

function ReportDeadlines({ tasks, apps }: { tasks: Task[]; apps: Application[] }) {
  const reports = tasks.filter((t) => t.type === 'REPORT').sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  if (reports.length === 0) return <P>Er staan geen jaarverantwoordingen open.</P>;
  const title = (id: string) => apps.find((a) => a.id === id)?.title ?? id;
  return (
    <Table<Task>
      caption="Open jaarverantwoordingen"
      rows={reports}
      rowKey={(t) => t.taskId}
      columns={[
        { key: 'app', header: 'Aanvraag', render: (t) => <a class="utrecht-link" href={`/aanvragen/${t.applicationId}#verantwoording`}>{title(t.applicationId)}</a> },
        { key: 'what', header: 'Wat', render: (t) => `${label(TASK, t.type)} ${taskYear(t) ?? ''}` },
        { key: 'due', header: 'Uiterlijk', render: (t) => <Deadline due={t.dueDate} /> },
      ]}
    />
  );
}

export function Deadline({ due }: { due: string | null }) {
  if (!due) return <>–</>;
  const overdue = due < new Date().toISOString().slice(0, 10);
  return <span class={overdue ? 'overdue' : undefined}>{date(due)}{overdue ? ' (verlopen)' : ''}</span>;
}
