// What «Мой день» shows: open tasks grouped by urgency, overdue first.

export type TaskGroupName = 'overdue' | 'today' | 'later';

export interface TaskGroup<T> {
  name: TaskGroupName;
  tasks: T[];
}

interface Due {
  due_at: string;
  overdue: boolean;
}

/** Midnight at the end of `now`'s day in the browser's time zone. */
export function endOfDay(now: Date): Date {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return end;
}

/** Overdue now (the server's flag is as of the response; the page stays open for hours). */
export function isOverdue(task: Due, now: Date): boolean {
  return task.overdue || new Date(task.due_at).getTime() < now.getTime();
}

/**
 * Splits tasks into «Просрочено», «Сегодня» and (unless `todayOnly`, as in «Мой день» where the
 * server already cut the list at the end of the day) «Позже»; each group by due time, empty
 * groups left out.
 */
export function groupTasks<T extends Due>(tasks: readonly T[], now: Date, todayOnly = false): TaskGroup<T>[] {
  const end = endOfDay(now).getTime();
  const byDue = [...tasks].sort((a, b) => new Date(a.due_at).getTime() - new Date(b.due_at).getTime());
  const groups: Record<TaskGroupName, T[]> = { overdue: [], today: [], later: [] };
  for (const task of byDue) {
    if (isOverdue(task, now)) groups.overdue.push(task);
    else if (todayOnly || new Date(task.due_at).getTime() < end) groups.today.push(task);
    else groups.later.push(task);
  }
  return (['overdue', 'today', 'later'] as const).filter((n) => groups[n].length > 0).map((name) => ({ name, tasks: groups[name] }));
}
