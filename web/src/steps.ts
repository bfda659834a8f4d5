// What happens next with an application, in words, from its open tasks and its status.
import type { Application, Task } from './api';
import { date, label, TASK } from './format';

/** The year a per-year task (REPORT, REVIEW_REPORT, CHASE_OVERDUE_REPORT) is about; its id ends in `:YEAR`. */
export function taskYear(task: Task): number | null {
  const year = task.taskId.split(':')[2];
  return year && /^\d{4}$/.test(year) ? Number(year) : null;
}

export function taskText(task: Task): string {
  const year = taskYear(task);
  return `${label(TASK, task.type)}${year ? ` ${year}` : ''}`;
}

const WAITING: Record<string, string> = {
  DRAFT: 'Plan afmaken en indienen',
  SUBMITTED: 'Wacht op de volledigheidscontrole',
  IN_REVIEW: 'Wacht op het advies van het adviesteam',
  CHANGES_REQUESTED: 'Plan aanpassen en opnieuw indienen',
  ADVISED: 'Wacht op het besluit van het ministerie',
  DECISION_PROPOSED: 'Besluit wacht op goedkeuring door een tweede medewerker',
  AWARDED: 'Verantwoorden per toegekend jaar, vanaf 1 januari van dat jaar',
  REPORTING: 'Verantwoording in behandeling bij het ministerie',
  REJECTED: 'Afgerond: afgewezen',
  SETTLED: 'Afgerond: vastgesteld',
  WITHDRAWN: 'Afgerond: ingetrokken',
};

/**
 * The next steps for one application: the caller's own open tasks with their deadlines, else what it waits for. A
 * report the ministry rejected (its year in `rejectedYears`) says so.
 */
export function nextSteps(app: Application, tasks: Task[], rejectedYears: number[] = []): string[] {
  const own = tasks.filter((t) => t.applicationId === app.id);
  if (own.length > 0) {
    return own.map((t) => {
      const year = taskYear(t);
      const text = t.type === 'REPORT' && year !== null && rejectedYears.includes(year)
        ? `Verantwoording ${year} afgekeurd — opnieuw indienen`
        : taskText(t);
      return `${text}${t.dueDate ? ` (uiterlijk ${date(t.dueDate)})` : ''}`;
    });
  }
  return [WAITING[app.status] ?? ''];
}
