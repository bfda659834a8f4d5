// The ministry's work: decisions to propose and approve, reports to review, overdue reports to chase, settlements.
import { allPages, items, type Application, type Task } from '../api';
import { date, label, TASK } from '../format';
import { taskYear } from '../steps';
import { ErrorAlert, Loading, P, PageTitle, Section, Table, useLoad } from '../ui';
import { Deadline } from './MyApplications';

const GROUPS: { title: string; id: string; types: string[]; hint: string }[] = [
  { title: 'Besluiten voor te stellen', id: 'voorstellen', types: ['DECIDE'], hint: 'Het adviesteam heeft geadviseerd.' },
  { title: 'Besluiten goed te keuren', id: 'goedkeuren', types: ['APPROVE_DECISION'], hint: 'Vier ogen: alleen een andere medewerker dan wie het besluit voorstelde, keurt het goed.' },
  { title: 'Verantwoordingen te beoordelen', id: 'verantwoordingen', types: ['REVIEW_REPORT'], hint: 'Ingediende jaarverantwoordingen.' },
  { title: 'Te late verantwoordingen', id: 'te-laat', types: ['CHASE_OVERDUE_REPORT'], hint: 'De deadline van 15 juli is verstreken; vraag de verantwoording op bij de gemeente.' },
  { title: 'Eindafrekeningen', id: 'eindafrekeningen', types: ['SETTLE', 'APPROVE_SETTLEMENT'], hint: 'Voorstellen zodra alle jaren zijn geaccepteerd; goedkeuren met vier ogen.' },
];

interface Row {
  task: Task;
  app?: Application;
}

export function MinistryWork() {
  const { data, error } = useLoad(async () => {
    const [tasks, apps] = await Promise.all([items<Task>('/tasks'), allPages<Application>('/applications')]);
    return tasks
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((task) => ({ task, app: apps.find((a) => a.id === task.applicationId) }));
  });
  return (
    <>
      <PageTitle title="Werkvoorraad">Werkvoorraad</PageTitle>
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && GROUPS.map((g) => {
        const rows = data.filter((r) => g.types.includes(r.task.type));
        return (
          <Section key={g.id} title={`${g.title} (${rows.length})`} id={g.id}>
            <P>{g.hint}</P>
            <Table<Row>
              caption={g.title}
              rows={rows}
              rowKey={(r) => r.task.taskId}
              empty="Niets te doen."
              columns={[
                { key: 'municipality', header: 'Gemeente', render: (r) => r.app?.municipalityName ?? r.task.municipalityCode },
                { key: 'title', header: 'Aanvraag', render: (r) => <a class="utrecht-link" href={`/aanvragen/${r.task.applicationId}`}>{r.app?.title ?? 'Aanvraag'}</a> },
                { key: 'what', header: 'Taak', render: (r) => `${label(TASK, r.task.type)}${taskYear(r.task) ? ` ${taskYear(r.task)}` : ''}` },
                { key: 'since', header: 'Sinds', render: (r) => date(r.task.createdAt) },
                { key: 'due', header: 'Uiterlijk', render: (r) => <Deadline due={r.task.dueDate} /> },
              ]}
            />
          </Section>
        );
      })}
    </>
  );
}
