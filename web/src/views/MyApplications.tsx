// The municipality's start page: its applications with status and next step, report deadlines and free hours.
import { allPages, get, items, type Application, type HoursOverview, type Report, type Task } from '../api';
import type { User } from '../auth';
import { date, euro, isPast, label, sum, TASK } from '../format';
import { nextSteps, taskYear } from '../steps';
import { AllocationOverview } from '../panels/Allocation';
import { Alert, ErrorAlert, HoursBar, Loading, P, PageTitle, Section, StatusBadge, Table, useLoad } from '../ui';

export function MyApplications({ user }: { user: User }) {
  const { data, error } = useLoad(async () => {
    const [apps, tasks, hoursOverview] = await Promise.all([
      allPages<Application>('/applications'),
      allPages<Task>('/tasks'),
      get<HoursOverview>(`/municipalities/${user.municipality}/advisory-hours`),
    ]);
    // the reports of awarded applications: a rejected one is flagged here, with the way back to its form
    const reporting = apps.filter((a) => a.status === 'AWARDED' || a.status === 'REPORTING');
    const reports = (await Promise.all(reporting.map(async (a) => (await items<Report>(`/applications/${a.id}/reports`))
      .filter((r) => r.status === 'REJECTED').map((r) => ({ app: a, report: r }))))).flat();
    return { apps, tasks, hoursOverview, rejected: reports };
  });

  return (
    <>
      <PageTitle title="Mijn aanvragen">Mijn aanvragen</PageTitle>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          {data.rejected.length > 0 && (
            <Alert type="warning" live={false}>
              <ul class="plain-list rejected-reports">
                {data.rejected.map(({ app, report }) => (
                  <li key={`${app.id}-${report.year}`}>
                    <a class="utrecht-link" href={`/aanvragen/${app.id}#verantwoording-${report.year}`}>
                      Verantwoording {report.year} afgekeurd — opnieuw indienen
                    </a>
                    {' '}({app.title}){report.rejectionReason ? <>. Reden van het ministerie: {report.rejectionReason}</> : null}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
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
              { key: 'reference', header: 'Kenmerk', render: (a) => <span class="nowrap">{a.reference ?? '–'}</span> },
              {
                key: 'next', header: 'Volgende stap', render: (a) => (
                  <ul class="plain-list">{nextSteps(a, data.tasks, data.rejected.filter((r) => r.app.id === a.id).map((r) => r.report.year)).map((s) => <li key={s}>{s}</li>)}</ul>
                ),
              },
            ]}
          />
          <Section title="Toegewezen middelen" id="middelen">
            <P>Wat het ministerie per jaar aan uw gemeente heeft toegewezen, wat daarvan al is toegekend en wat u nog kunt aanvragen.</P>
            <AllocationOverview code={user.municipality!} caption={<span class="visually-hidden">Middelen van uw gemeente per jaar</span>} who="municipality" />
          </Section>
          <Section title="Verantwoordingen en deadlines" id="deadlines">
            <ReportDeadlines tasks={data.tasks} apps={data.apps} rejected={data.rejected.map(({ app, report }) => `${app.id}:${report.year}`)} />
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

function ReportDeadlines({ tasks, apps, rejected }: { tasks: Task[]; apps: Application[]; rejected: string[] }) {
  const reports = tasks.filter((t) => t.type === 'REPORT').sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  if (reports.length === 0) return <P>Er staan geen jaarverantwoordingen open.</P>;
  const title = (id: string) => apps.find((a) => a.id === id)?.title ?? id;
  return (
    <Table<Task>
      caption="Open jaarverantwoordingen"
      rows={reports}
      rowKey={(t) => t.taskId}
      columns={[
        {
          key: 'app', header: 'Aanvraag', render: (t) => (
            <a class="utrecht-link" href={`/aanvragen/${t.applicationId}#verantwoording${taskYear(t) ? `-${taskYear(t)}` : ''}`}>{title(t.applicationId)}</a>
          ),
        },
        {
          key: 'what', header: 'Wat', render: (t) => rejected.includes(`${t.applicationId}:${taskYear(t)}`)
            ? <strong>Verantwoording {taskYear(t)} afgekeurd — opnieuw indienen</strong>
            : `${label(TASK, t.type)} ${taskYear(t) ?? ''}`,
        },
        { key: 'due', header: 'Uiterlijk', render: (t) => <Deadline due={t.dueDate} /> },
      ]}
    />
  );
}

export function Deadline({ due }: { due: string | null }) {
  if (!due) return <>–</>;
  const overdue = isPast(due);
  return <span class={overdue ? 'overdue' : undefined}>{date(due)}{overdue ? ' (verlopen)' : ''}</span>;
}
