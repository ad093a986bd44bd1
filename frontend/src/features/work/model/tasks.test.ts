import { describe, expect, it } from 'vitest';
import { endOfDay, groupTasks, isOverdue } from './tasks';

const now = new Date(2026, 10, 25, 14, 0); // 25.11.2026 14:00 local
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).toISOString();
const task = (id: string, due: string, overdue = false) => ({ id, due_at: due, overdue });

describe('groupTasks', () => {
  it('puts overdue tasks first, then today, then later, each by due time', () => {
    const groups = groupTasks(
      [task('tomorrow', at(26, 9)), task('evening', at(25, 18)), task('late', at(25, 9), true), task('older', at(24, 12), true), task('soon', at(25, 15))],
      now,
    );
    expect(groups.map((g) => [g.name, g.tasks.map((t) => t.id)])).toEqual([
      ['overdue', ['older', 'late']],
      ['today', ['soon', 'evening']],
      ['later', ['tomorrow']],
    ]);
  });

  it('treats a task whose due time passed while the page was open as overdue', () => {
    const groups = groupTasks([task('was-due', at(25, 13, 30), false)], now);
    expect(groups).toEqual([{ name: 'overdue', tasks: [task('was-due', at(25, 13, 30))] }]);
  });

  it('keeps everything that is not overdue under «Сегодня» in my day', () => {
    // The server cut «Мой день» at the end of the head office's day, which may differ from ours.
    const groups = groupTasks([task('after-midnight', at(26, 0, 30)), task('late', at(25, 10), true)], now, true);
    expect(groups.map((g) => g.name)).toEqual(['overdue', 'today']);
  });

  it('leaves out empty groups', () => {
    expect(groupTasks([], now)).toEqual([]);
    expect(groupTasks([task('a', at(25, 16))], now).map((g) => g.name)).toEqual(['today']);
  });
});

describe('isOverdue and endOfDay', () => {
  it('trusts the server flag and the clock', () => {
    expect(isOverdue(task('a', at(25, 16), true), now)).toBe(true);
    expect(isOverdue(task('a', at(25, 13)), now)).toBe(true);
    expect(isOverdue(task('a', at(25, 16)), now)).toBe(false);
  });

  it('ends the day at local midnight', () => {
    expect(endOfDay(now).getTime()).toBe(new Date(2026, 10, 26, 0, 0).getTime());
  });
});
