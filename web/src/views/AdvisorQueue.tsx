// The advisory team's review queue: oldest first, with the due date and whether the review has been escalated.
import { allPages, items, type Application, type Task } from '../api';
import { date } from '../format';
import { ErrorAlert, Loading, P, PageTitle, Table, useLoad } from '../ui';
import { Deadline } from './MyApplications';

interface Row {
  task: Task;
  app?: Application;
}

export function AdvisorQueue() {
  const { data, error } = useLoad(async () => {
    const [tasks, apps] = await Promise.all([items<Task>('/tasks'), allPages<Application>('/applications?status=IN_REVIEW')]);
    return tasks
      .filter((t) => t.type === 'REVIEW')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((task) => ({ task, app: apps.find((a) => a.id === task.applicationId) }));
  });
  return (
    <>
      <PageTitle title="Beoordelingswachtrij">Beoordelingswachtrij</PageTitle>
      <P lead>Ingediende plannen die op uw advies wachten, de oudste eerst. Na 6 weken wordt een beoordeling geëscaleerd.</P>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <Table<Row>
          caption={`Te beoordelen plannen (${data.length})`}
          rows={data}
          rowKey={(r) => r.task.taskId}
          empty="Er wachten geen plannen op advies."
          columns={[
            { key: 'since', header: 'In de wachtrij sinds', render: (r) => date(r.task.createdAt) },
            { key: 'municipality', header: 'Gemeente', render: (r) => r.app?.municipalityName ?? r.task.municipalityCode },
            { key: 'title', header: 'Aanvraag', render: (r) => <a class="utrecht-link" href={`/aanvragen/${r.task.applicationId}`}>{r.app?.title ?? 'Aanvraag'}</a> },
            { key: 'due', header: 'Advies uiterlijk', render: (r) => <Deadline due={r.task.dueDate} /> },
            {
              key: 'escalated', header: 'Escalatie', render: (r) => (r.app?.reviewEscalatedAt
                ? <span class="overdue">Geëscaleerd op {date(r.app.reviewEscalatedAt)}</span>
                : 'Nee'),
            },
          ]}
        />
      )}
    </>
  );
}
