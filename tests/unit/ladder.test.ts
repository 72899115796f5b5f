import { describe, expect, it } from 'vitest';
import { nextBusinessDay, scheduleLadder, STANDARD_LADDER, upcomingSteps } from '../../workflows/ladder';

describe('the standard ladder', () => {
  it('starts before the due date and ends with a person, not a letter', () => {
    expect(STANDARD_LADDER[0].offsetDays).toBeLessThan(0);
    const last = STANDARD_LADDER.at(-1)!;
    expect(last.action).toBe('collections_review');
    expect(STANDARD_LADDER.filter((s) => s.action === 'owner_task').map((s) => s.offsetDays)).toEqual([14]);
    expect(STANDARD_LADDER.map((s) => s.offsetDays)).toEqual([-3, 0, 3, 7, 14, 30, 45]);
  });

  it('moves weekend steps to Monday', () => {
    expect(nextBusinessDay('2026-12-26')).toBe('2026-12-28'); // Saturday
    expect(nextBusinessDay('2026-12-27')).toBe('2026-12-28'); // Sunday
    expect(nextBusinessDay('2026-12-29')).toBe('2026-12-29');
  });

  it('schedules each step at 10:00 on the client\'s clock', () => {
    const schedule = scheduleLadder(STANDARD_LADDER, '2026-12-28', 'Europe/Sofia');
    expect(schedule.map((s) => [s.step.id, s.at])).toEqual([
      ['heads_up', '2026-12-25T08:00:00.000Z'], // Friday
      ['due_today', '2026-12-28T08:00:00.000Z'],
      ['overdue_3', '2026-12-31T08:00:00.000Z'],
      ['overdue_7', '2027-01-04T08:00:00.000Z'], // Sunday 3 Jan moves to Monday
      ['check_in', '2027-01-11T08:00:00.000Z'],
      ['final_notice', '2027-01-27T08:00:00.000Z'],
      ['collections_review', '2027-02-11T08:00:00.000Z'],
    ]);
  });

  it('drops steps whose time has passed, and steps already done, instead of sending them late', () => {
    const upcoming = upcomingSteps(STANDARD_LADDER, '2026-12-28', 'UTC', new Date('2026-12-30T00:00:00Z'), new Set(['overdue_3']));
    expect(upcoming.map((s) => s.step.id)).toEqual(['overdue_7', 'check_in', 'final_notice', 'collections_review']);
  });
});
