// The dunning engine as pure functions: schedules per policy, time zones, weekends, business
// hours, daylight saving, pauses, promises and the no-burst rule.
import { describe, expect, it } from 'vitest';
import { dueNow, effectiveShift, NEW_PROGRESS, nextAllowedInstant, nextBusinessDay, pastAtStart, planSchedule, promiseBreaksAt, STANDARD_LADDER, supersededSteps, type LadderProgress } from '../../domain/ladder';
import { BUILTIN_POLICIES, policyProblems, step } from '../../domain/policies';

const { gentle, standard, firm } = BUILTIN_POLICIES;
const hours = standard.businessHours;
const at = (schedule: ReturnType<typeof planSchedule>) => schedule.upcoming.map((s) => [s.step.id, s.at]);

describe('named policies', () => {
  it('each starts before the due date, is friendly there, escalates, and ends with a person', () => {
    for (const policy of [gentle, standard, firm]) {
      expect(policyProblems(policy.steps), policy.name).toEqual([]);
      expect(policy.steps[0].offsetDays).toBeLessThan(0);
      expect(policy.steps.at(-1)!.action).toBe('collections_review');
      expect(policy.steps.some((s) => s.action === 'owner_task')).toBe(true);
    }
    expect(STANDARD_LADDER.map((s) => s.offsetDays)).toEqual([-3, 0, 3, 7, 14, 30, 45]);
    // Firm reaches a person sooner than standard, standard sooner than gentle.
    const checkIn = (p: typeof standard) => p.steps.find((s) => s.action === 'owner_task')!.offsetDays;
    expect(checkIn(firm)).toBeLessThan(checkIn(standard));
    expect(checkIn(standard)).toBeLessThan(checkIn(gentle));
  });

  it('rejects ladders that break the rules', () => {
    const problems = policyProblems([
      step('a', 2, 'email_client', 'firm'),
      step('b', -1, 'email_client', 'nudge'),
      step('c', 5, 'collections_review', 'final'),
      step('d', 6, 'email_client', 'friendly'),
    ]);
    expect(problems.map((p) => p.field)).toEqual(['steps.1.offsetDays', 'steps.1.tone', 'steps.1.tone', 'steps.2.action', 'steps.3.tone']);
  });
});

describe('sending times', () => {
  it('moves weekend days to Monday', () => {
    expect(nextBusinessDay('2026-12-26')).toBe('2026-12-28'); // Saturday
    expect(nextBusinessDay('2026-12-27')).toBe('2026-12-28'); // Sunday
    expect(nextBusinessDay('2026-12-29')).toBe('2026-12-29');
  });

  it('moves an instant outside business hours to the next allowed time on the client\'s clock', () => {
    // Friday 18:30 in Sofia → Monday 09:00 Sofia.
    expect(nextAllowedInstant(new Date('2026-12-25T16:30:00Z'), 'Europe/Sofia', hours).toISOString()).toBe('2026-12-28T07:00:00.000Z');
    // Tuesday 07:00 in New York → 09:00 the same day.
    expect(nextAllowedInstant(new Date('2026-12-29T12:00:00Z'), 'America/New_York', hours).toISOString()).toBe('2026-12-29T14:00:00.000Z');
    // Inside hours: unchanged.
    expect(nextAllowedInstant(new Date('2026-12-29T10:00:00Z'), 'UTC', hours).toISOString()).toBe('2026-12-29T10:00:00.000Z');
  });

  it('schedules the standard policy at 10:00 client time, weekdays only', () => {
    expect(at(planSchedule(standard, { dueDate: '2026-12-28', timeZone: 'Europe/Sofia' }, NEW_PROGRESS, new Date('2026-11-28T00:00:00Z')))).toEqual([
      ['heads_up', '2026-12-25T08:00:00.000Z'], // Friday
      ['due_today', '2026-12-28T08:00:00.000Z'],
      ['overdue_3', '2026-12-31T08:00:00.000Z'],
      ['overdue_7', '2027-01-04T08:00:00.000Z'], // Sunday 3 Jan moves to Monday
      ['check_in', '2027-01-11T08:00:00.000Z'],
      ['final_notice', '2027-01-27T08:00:00.000Z'],
      ['collections_review', '2027-02-11T08:00:00.000Z'],
    ]);
  });

  it('keeps 10:00 local across a daylight-saving change', () => {
    const schedule = planSchedule(firm, { dueDate: '2026-03-27', timeZone: 'Europe/Sofia' }, NEW_PROGRESS, new Date('2026-03-01T00:00:00Z'));
    const local = schedule.upcoming.map((s) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Sofia', hour: '2-digit', minute: '2-digit' }).format(new Date(s.at)));
    expect(new Set(local)).toEqual(new Set(['10:00']));
    expect(schedule.upcoming.find((s) => s.step.id === 'due_today')!.at).toBe('2026-03-27T08:00:00.000Z'); // UTC+2
    expect(schedule.upcoming.find((s) => s.step.id === 'overdue_4')!.at).toBe('2026-03-31T07:00:00.000Z'); // UTC+3
  });

  it('drops the steps already past when an invoice is issued late', () => {
    const facts = { dueDate: '2026-12-01', timeZone: 'UTC' };
    expect(pastAtStart(standard, facts, new Date('2026-11-30T12:00:00Z')).map((d) => d.stepId)).toEqual(['heads_up']);
  });
});

describe('what happened so far', () => {
  const facts = { dueDate: '2026-12-28', timeZone: 'UTC' };
  const now = new Date('2026-12-29T12:00:00Z');
  const done = (...ids: string[]): LadderProgress['done'] => ids.map((stepId) => ({ stepId, at: now.toISOString(), outcome: 'sent' }));

  it('a pause with an automatic end moves every remaining step by its length', () => {
    const progress: LadderProgress = { ...NEW_PROGRESS, done: done('heads_up', 'due_today'), pause: { since: '2026-12-29T12:00:00.000Z', reason: 'question', resumesAt: '2027-01-08T12:00:00.000Z' } };
    const schedule = planSchedule(standard, facts, progress, now);
    expect(schedule.state).toBe('paused');
    expect(schedule.resumesAt).toBe('2027-01-08T12:00:00.000Z');
    expect(schedule.upcoming[0]).toMatchObject({ step: { id: 'overdue_3' }, at: '2027-01-11T10:00:00.000Z' }); // 31 Dec + 10 days = Sun 10 Jan → Mon
    expect(dueNow(schedule, new Date('2027-02-01T00:00:00Z'))).toEqual({ run: null, skip: [] });
  });

  it('a pause with no end shows nothing upcoming', () => {
    const progress: LadderProgress = { ...NEW_PROGRESS, pause: { since: now.toISOString(), reason: 'dispute', resumesAt: null } };
    expect(planSchedule(standard, facts, progress, now)).toEqual({ state: 'paused', upcoming: [], resumesAt: null });
  });

  it('a promise holds the next step until the promise is broken, then it goes first', () => {
    const breaksAt = promiseBreaksAt(standard, '2027-01-05', 'UTC').toISOString();
    expect(breaksAt).toBe('2027-01-07T10:00:00.000Z'); // the day after the grace day, at the usual time
    const progress: LadderProgress = { ...NEW_PROGRESS, done: done('heads_up', 'due_today'), promise: { date: '2027-01-05', madeAt: now.toISOString(), breaksAt } };
    const schedule = planSchedule(standard, facts, progress, now);
    expect(schedule.state).toBe('promised');
    expect(schedule.upcoming.slice(0, 2).map((s) => [s.step.id, s.at])).toEqual([
      ['overdue_3', '2027-01-07T10:00:00.000Z'],
      ['overdue_7', '2027-01-11T10:00:00.000Z'], // four days later, as in the ladder
    ]);
    const shift = effectiveShift(standard, facts, progress, now);
    expect(shift).toBe(Date.parse('2027-01-07T10:00:00Z') - Date.parse('2026-12-31T10:00:00Z'));
  });

  it('a due date on a Saturday puts "due today" and "1 day overdue" on Monday: the schedule says only the firmer goes', () => {
    const firm = BUILTIN_POLICIES.firm;
    const schedule = planSchedule(firm, { dueDate: '2027-01-02', timeZone: 'Europe/Sofia' }, NEW_PROGRESS, new Date('2026-12-01T00:00:00Z'));
    const monday = schedule.upcoming.filter((s) => s.at === '2027-01-04T08:00:00.000Z').map((s) => s.step.id);
    expect(monday).toEqual(['due_today', 'overdue_1']);
    expect([...supersededSteps(schedule.upcoming)]).toEqual([['due_today', 'overdue_1']]);
    const { run, skip } = dueNow(schedule, new Date('2027-01-04T08:00:00Z'));
    expect(run!.step.id).toBe('overdue_1');
    expect(skip.map((s) => s.step.id)).toEqual(['heads_up', 'due_today']);
  });

  it('runs only the latest of several steps that fell due together: no burst', () => {
    const schedule = planSchedule(standard, facts, { ...NEW_PROGRESS, done: done('heads_up') }, now);
    const { run, skip } = dueNow(schedule, new Date('2027-01-12T00:00:00Z'));
    expect(run!.step.id).toBe('check_in');
    expect(skip.map((s) => s.step.id)).toEqual(['due_today', 'overdue_3', 'overdue_7']);
  });
});
