// Instalment plans: the balance split into dated parts the owner agreed with the client. Pure:
// the workflow validates and follows a plan with these functions; the API shows the same standing.
import { addDays, isIsoDate } from './dates';
import type { DunningPolicy } from './policies';
import type { LadderStep } from './types';

export const MIN_INSTALMENTS = 2;
export const MAX_INSTALMENTS = 12;
/** How far ahead the last instalment may lie: a plan is a way to pay this invoice, not credit. */
export const MAX_PLAN_DAYS = 365;

export interface Instalment {
  dueDate: string;
  amount: number;
}

export interface PlanInput {
  instalments: Instalment[];
}

export interface InstalmentPlan extends PlanInput {
  agreedAt: string;
  /** What was due when the plan was agreed: the instalments add up to it. */
  total: number;
}

export type InstalmentStatus = 'paid' | 'due' | 'late' | 'upcoming';

export interface InstalmentStanding extends Instalment {
  number: number;
  paid: number;
  remaining: number;
  status: InstalmentStatus;
}

export interface PlanStanding {
  agreedAt: string;
  instalments: InstalmentStanding[];
  /** The earliest instalment not fully paid (what the ladder follows), or null when all are. */
  current: InstalmentStanding | null;
}

export interface PlanProblem {
  field: string;
  message: string;
}

/** Why a plan cannot be agreed, field by field; empty when it can. `today` is on the client's clock. */
export function planProblems(input: PlanInput, facts: { amountDue: number; today: string }): PlanProblem[] {
  const list = Array.isArray(input?.instalments) ? input.instalments : [];
  if (list.length < MIN_INSTALMENTS || list.length > MAX_INSTALMENTS) {
    return [{ field: 'instalments', message: `a plan has ${MIN_INSTALMENTS} to ${MAX_INSTALMENTS} instalments` }];
  }
  const problems: PlanProblem[] = [];
  const lastDay = addDays(facts.today, MAX_PLAN_DAYS);
  let previous = '';
  list.forEach((i, n) => {
    const at = `instalments.${n}`;
    if (typeof i?.dueDate !== 'string' || !isIsoDate(i.dueDate)) problems.push({ field: `${at}.dueDate`, message: 'must be a date as YYYY-MM-DD' });
    else if (i.dueDate < facts.today) problems.push({ field: `${at}.dueDate`, message: 'must not be in the past' });
    else if (i.dueDate <= previous) problems.push({ field: `${at}.dueDate`, message: 'must be after the previous instalment\'s date' });
    else if (i.dueDate > lastDay) problems.push({ field: `${at}.dueDate`, message: `must be within ${MAX_PLAN_DAYS} days` });
    if (typeof i?.dueDate === 'string') previous = i.dueDate;
    if (!Number.isSafeInteger(i?.amount) || i.amount <= 0) problems.push({ field: `${at}.amount`, message: 'must be a positive integer in minor units' });
  });
  if (problems.length === 0) {
    const sum = list.reduce((s, i) => s + i.amount, 0);
    if (sum !== facts.amountDue) problems.push({ field: 'instalments', message: `the amounts add up to ${sum}; they must add up to the ${facts.amountDue} due now` });
  }
  return problems;
}

/**
 * Where the plan stands. Whatever lowered the balance since the plan was agreed (payments, a
 * credit note) fills the instalments oldest first, so the plan never disagrees with the balance.
 */
export function planStanding(plan: InstalmentPlan, amountDue: number, today: string): PlanStanding {
  let settled = Math.min(plan.total, Math.max(0, plan.total - amountDue));
  let current: InstalmentStanding | null = null;
  const instalments = plan.instalments.map((i, n): InstalmentStanding => {
    const paid = Math.min(i.amount, settled);
    settled -= paid;
    const remaining = i.amount - paid;
    const status: InstalmentStatus = remaining === 0 ? 'paid' : i.dueDate < today ? 'late' : !current ? 'due' : 'upcoming';
    const standing = { number: n + 1, dueDate: i.dueDate, amount: i.amount, paid, remaining, status };
    if (remaining > 0 && !current) current = standing;
    return standing;
  });
  return { agreedAt: plan.agreedAt, instalments, current };
}

/** The ladder step that notices an instalment still unpaid after its last reminder. */
export const INSTALMENT_MISSED = 'instalment_missed';

/**
 * The ladder one instalment gets: the policy's friendly-to-firm emails (a final notice and
 * collections review belong to the whole invoice, not to a part of it), then a person is told
 * the instalment was missed when the policy would have checked in (a week after the last email
 * if it has no check-in).
 */
export function instalmentPolicy(policy: DunningPolicy): DunningPolicy {
  const emails = policy.steps.filter((s) => s.action === 'email_client' && s.tone !== 'final');
  const lastEmail = emails.at(-1)?.offsetDays ?? 0;
  const checkIn = policy.steps.find((s) => s.action === 'owner_task' && s.offsetDays > lastEmail)?.offsetDays;
  const missed: LadderStep = { id: INSTALMENT_MISSED, offsetDays: checkIn ?? lastEmail + 7, action: 'owner_task', tone: 'firm', template: 'owner_check_in', stage: 'check_in' };
  return { ...policy, steps: [...emails, missed] };
}

/** "3 instalments: EUR 400.00 by 2026-02-01, …" for the timeline; `money` formats minor units. */
export function describePlan(plan: PlanInput, money: (amount: number) => string): string {
  return `${plan.instalments.length} instalments: ${plan.instalments.map((i) => `${money(i.amount)} by ${i.dueDate}`).join(', ')}`;
}

/** A plan the workflow follows: which instalment the ladder's current round is for. */
export interface ActivePlan {
  plan: InstalmentPlan;
  round: number;
}
