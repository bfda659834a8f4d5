// The ministry's work: decisions to propose and approve, reports to review, overdue reports to chase, settlements.
import { useState } from 'preact/hooks';
import { allPages, items, remindOverdueReport, remindOverdueReports, type Application, type Task } from '../api';
import { message } from '../errors';
import { date, label, TASK } from '../format';
import { ExtendDialog } from '../panels/Deadlines';
import { taskYear } from '../steps';
import { Alert, Button, ButtonGroup, ErrorAlert, Loading, P, PageTitle, Section, Table, useConfirm, useLoad, type Column } from '../ui';
import { Deadline } from './MyApplications';

const GROUPS: { title: string; id: string; types: string[]; hint: string }[] = [
  { title: 'Besluiten voor te stellen', id: 'voorstellen', types: ['DECIDE'], hint: 'Het adviesteam heeft geadviseerd.' },
  { title: 'Besluiten goed te keuren', id: 'goedkeuren', types: ['APPROVE_DECISION'], hint: 'Vier ogen: alleen een andere medewerker dan wie het besluit voorstelde, keurt het goed.' },
  { title: 'Verantwoordingen te beoordelen', id: 'verantwoordingen', types: ['REVIEW_REPORT'], hint: 'Ingediende jaarverantwoordingen.' },
  { title: 'Te late verantwoordingen', id: 'te-laat', types: ['CHASE_OVERDUE_REPORT'], hint: 'De uiterste datum is verstreken en de gemeente heeft nog niet ingediend. Stuur een herinnering, of verleng de termijn als daar reden voor is.' },
  { title: 'Eindafrekeningen', id: 'eindafrekeningen', types: ['SETTLE', 'APPROVE_SETTLEMENT'], hint: 'Voorstellen zodra alle jaren zijn geaccepteerd; goedkeuren met vier ogen.' },
];

interface Row {
  task: Task;
  app?: Application;
}

export function MinistryWork() {
  const { data, error, reload } = useLoad(async () => {
    const [tasks, apps] = await Promise.all([items<Task>('/tasks'), allPages<Application>('/applications')]);
    return tasks
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((task) => ({ task, app: apps.find((a) => a.id === task.applicationId) }));
  });
  const columns: Column<Row>[] = [
    { key: 'municipality', header: 'Gemeente', render: (r) => r.app?.municipalityName ?? r.task.municipalityCode },
    { key: 'title', header: 'Aanvraag', render: (r) => <a class="utrecht-link" href={`/aanvragen/${r.task.applicationId}`}>{r.app?.title ?? 'Aanvraag'}</a> },
    { key: 'what', header: 'Taak', render: (r) => `${label(TASK, r.task.type)}${taskYear(r.task) ? ` ${taskYear(r.task)}` : ''}` },
    { key: 'since', header: 'Sinds', render: (r) => date(r.task.createdAt) },
    { key: 'due', header: 'Uiterlijk', render: (r) => <Deadline due={r.task.dueDate} /> },
  ];
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
            {g.id === 'te-laat'
              ? <OverdueReports rows={rows} columns={columns} caption={g.title} onChange={reload} />
              : <Table<Row> caption={g.title} rows={rows} rowKey={(r) => r.task.taskId} empty="Niets te doen." columns={columns} />}
          </Section>
        );
      })}
    </>
  );
}

/** The overdue reports, with a reminder and an extension per report and a reminder for all of a year. */
function OverdueReports({ rows, columns, caption, onChange }: { rows: Row[]; columns: Column<Row>[]; caption: string; onChange: () => void }) {
  const { ask, dialog } = useConfirm();
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [extending, setExtending] = useState<Row | null>(null);
  const years = [...new Set(rows.map((r) => taskYear(r.task)).filter((y): y is number => y !== null))].sort();
  const municipality = (r: Row) => r.app?.municipalityName ?? r.task.municipalityCode;

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

  async function remind(r: Row) {
    const year = taskYear(r.task)!;
    const confirmed = await ask({
      title: `Herinnering sturen aan ${municipality(r)}?`,
      body: <P>{municipality(r)} krijgt opnieuw bericht dat de verantwoording {year} te laat is (uiterlijk {date(r.task.dueDate)}), per e-mail en in de applicatie.</P>,
      confirm: 'Herinnering sturen',
    });
    if (!confirmed) return;
    await run(r.task.taskId, async () => {
      await remindOverdueReport(r.task.applicationId, year);
      return `Herinnering over de verantwoording ${year} verstuurd aan ${municipality(r)}.`;
    });
  }

  async function remindAll(year: number) {
    const late = rows.filter((r) => taskYear(r.task) === year).length;
    const confirmed = await ask({
      title: `Alle te late verantwoordingen over ${year} herinneren?`,
      body: <P>Elke gemeente waarvan de verantwoording {year} nu te laat is, krijgt opnieuw bericht ({late === 1 ? '1 gemeente' : `${late} gemeenten`} in deze lijst).</P>,
      confirm: `Herinner alle gemeenten over ${year}`,
    });
    if (!confirmed) return;
    await run(`alle-${year}`, async () => {
      const { sent } = await remindOverdueReports(year);
      return sent === 1 ? `1 herinnering over ${year} verstuurd.` : `${sent} herinneringen over ${year} verstuurd.`;
    });
  }

  const withActions: Column<Row>[] = [...columns, {
    key: 'actions',
    header: 'Acties',
    render: (r) => (
      <ButtonGroup>
        <Button variant="secondary" busy={busy === r.task.taskId} onClick={() => remind(r)}
          aria-label={`Herinnering sturen aan ${municipality(r)} over ${taskYear(r.task)}`}>Herinnering sturen</Button>
        <Button variant="secondary" onClick={() => setExtending(r)}
          aria-label={`Termijn verlengen voor ${municipality(r)}, verantwoording ${taskYear(r.task)}`}>Termijn verlengen…</Button>
      </ButtonGroup>
    ),
  }];

  return (
    <>
      {dialog}
      {extending && (
        <ExtendDialog
          extending={{ applicationId: extending.task.applicationId, municipalityName: municipality(extending),
            year: taskYear(extending.task)!, due: extending.task.dueDate ?? '' }}
          onClose={() => setExtending(null)}
          onDone={(due) => {
            setResult({ ok: true, text: `De termijn van ${municipality(extending)} voor de verantwoording ${taskYear(extending.task)} is verlengd tot ${date(due)}. De gemeente heeft bericht gekregen.` });
            onChange();
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
      <Table<Row> caption={caption} rows={rows} rowKey={(r) => r.task.taskId} empty="Niets te doen." columns={withActions} />
    </>
  );
}
