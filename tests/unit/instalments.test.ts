// Instalment plans as pure rules: what a plan may be, and where it stands as money comes in.
import { describe, expect, it } from 'vitest';
import { INSTALMENT_MISSED, instalmentPolicy, planProblems, planStanding, type InstalmentPlan } from '../../domain/instalments';
import { BUILTIN_POLICIES } from '../../domain/policies';

const today = '2026-03-10';
const three = [
  { dueDate: '2026-04-01', amount: 40_000 },
  { dueDate: '2026-05-01', amount: 40_000 },
  { dueDate: '2026-06-01', amount: 20_000 },
];
const fields = (instalments: unknown[], amountDue = 100_000) => planProblems({ instalments } as never, { amountDue, today }).map((p) => p.field);

describe('agreeing a plan', () => {
  it('takes 2 to 12 dated instalments that add up to what is due now', () => {
    expect(planProblems({ instalments: three }, { amountDue: 100_000, today })).toEqual([]);
    expect(fields(three.slice(0, 1), 40_000)).toEqual(['instalments']);
    expect(fields(Array.from({ length: 13 }, (_, i) => ({ dueDate: `2026-04-${String(i + 10)}`, amount: 1 })), 13)).toEqual(['instalments']);
  });

  it('names the field that is wrong', () => {
    expect(fields([{ dueDate: '2026-03-09', amount: 50_000 }, three[1]], 90_000)).toEqual(['instalments.0.dueDate']);
    expect(fields([three[1], three[0]], 80_000)).toEqual(['instalments.1.dueDate']);
    expect(fields([three[0], { dueDate: '2026-04-01', amount: 1 }], 40_001)).toEqual(['instalments.1.dueDate']);
    expect(fields([three[0], { dueDate: '2027-03-11', amount: 1 }], 40_001)).toEqual(['instalments.1.dueDate']);
    expect(fields([three[0], { dueDate: '2026-13-01', amount: 1 }], 40_001)).toEqual(['instalments.1.dueDate']);
    expect(fields([three[0], { ...three[1], amount: 0 }], 40_000)).toEqual(['instalments.1.amount']);
    expect(fields([three[0], { ...three[1], amount: 1.5 }], 40_001.5)).toEqual(['instalments.1.amount']);
    expect(fields(three, 99_999)).toEqual(['instalments']);
  });

  it('allows the first instalment today and the last a year ahead', () => {
    expect(fields([{ dueDate: today, amount: 1 }, { dueDate: '2027-03-10', amount: 1 }], 2)).toEqual([]);
  });
});

describe('where a plan stands', () => {
  const plan: InstalmentPlan = { instalments: three, agreedAt: '2026-03-10T10:00:00Z', total: 100_000 };
  const statuses = (amountDue: number, on: string) => planStanding(plan, amountDue, on).instalments.map((i) => [i.status, i.remaining]);

  it('fills the instalments oldest first', () => {
    expect(statuses(100_000, today)).toEqual([['due', 40_000], ['upcoming', 40_000], ['upcoming', 20_000]]);
    expect(statuses(70_000, today)).toEqual([['due', 10_000], ['upcoming', 40_000], ['upcoming', 20_000]]);
    expect(statuses(50_000, today)).toEqual([['paid', 0], ['due', 30_000], ['upcoming', 20_000]]);
    expect(statuses(0, today)).toEqual([['paid', 0], ['paid', 0], ['paid', 0]]);
    expect(planStanding(plan, 0, today).current).toBeNull();
  });

  it('calls an instalment late once its date has passed on the client\'s clock', () => {
    expect(statuses(60_000, '2026-05-01')).toEqual([['paid', 0], ['due', 40_000], ['upcoming', 20_000]]);
    expect(statuses(60_000, '2026-05-02')).toEqual([['paid', 0], ['late', 40_000], ['upcoming', 20_000]]);
    expect(planStanding(plan, 60_000, '2026-05-02').current).toMatchObject({ number: 2, dueDate: '2026-05-01', remaining: 40_000 });
  });

  it('never counts more than the plan, and a rise in the balance reopens the oldest', () => {
    expect(statuses(120_000, today)[0]).toEqual(['due', 40_000]);
  });
});

describe('the ladder of one instalment', () => {
  it('keeps the friendly-to-firm emails and tells the owner when the check-in would come', () => {
    const steps = instalmentPolicy(BUILTIN_POLICIES.standard).steps;
    expect(steps.map((s) => [s.id, s.offsetDays])).toEqual([['heads_up', -3], ['due_today', 0], ['overdue_3', 3], ['overdue_7', 7], [INSTALMENT_MISSED, 14]]);
  });
});
