// Dunning policies as data. Three ship; owners define their own through the API.
// A running invoice keeps the copy it started with (its workflow input).
import type { LadderStep, StepAction, Tone } from './types';

export interface BusinessHours {
  /** Minutes after local midnight: 540 = 09:00. */
  startMinutes: number;
  endMinutes: number;
}

export interface DunningPolicy {
  name: string;
  description: string;
  steps: LadderStep[];
  /** Preferred local time of day for a step, inside business hours. */
  sendAtMinutes: number;
  businessHours: BusinessHours;
  /** A pause the owner does not end resumes by itself after this many days (0: never). */
  autoResumeDays: number;
  /** A promise to pay is broken this many days after the promised date. */
  promiseGraceDays: number;
  /** Promises a client may make on one invoice; past them the owner talks to the client. */
  maxPromises?: number;
  /** How far ahead a promised date may lie. */
  maxPromiseDays?: number;
}


/**
 * Why a promise cannot be taken by itself (a client promising again and again would hold the
 * reminders forever), or null when it can. Past the limits a person talks to the client.
 */
export function promiseBeyondLimits(policy: DunningPolicy, p: { promisesMade: number; date: string; lastDay: string }): string | null {
  const max = policy.maxPromises ?? PROMISE_LIMITS.maxPromises;
  if (p.promisesMade >= max) return `${max === 1 ? 'one promise is' : `${max} promises are`} the most this invoice takes`;
  if (p.date > p.lastDay) return `a promised date may be at most ${policy.maxPromiseDays ?? PROMISE_LIMITS.maxPromiseDays} days ahead`;
  return null;
}

export const TONE_ORDER: readonly Tone[] = ['friendly', 'nudge', 'firm', 'final'];

export const PROMISE_LIMITS = { maxPromises: 2, maxPromiseDays: 30 } as const;

const defaults = { sendAtMinutes: 10 * 60, businessHours: { startMinutes: 9 * 60, endMinutes: 17 * 60 }, autoResumeDays: 14, promiseGraceDays: 1, ...PROMISE_LIMITS };

/** The template and stage a step gets when its author names only when, what and how firm. */
export function stepDefaults(offsetDays: number, action: StepAction, tone: Tone): Pick<LadderStep, 'template' | 'stage'> {
  if (action === 'owner_task') return { template: 'owner_check_in', stage: 'check_in' };
  if (action === 'collections_review') return { template: 'owner_collections_review', stage: 'collections_review' };
  if (offsetDays < 0) return { template: 'reminder_before_due', stage: 'heads_up' };
  if (offsetDays === 0) return { template: 'reminder_due_today', stage: 'due' };
  if (tone === 'final') return { template: 'final_notice', stage: 'final_notice' };
  return { template: 'reminder_overdue', stage: 'overdue' };
}

export function step(id: string, offsetDays: number, action: StepAction, tone: Tone): LadderStep {
  return { id, offsetDays, action, tone, ...stepDefaults(offsetDays, action, tone) };
}

export const BUILTIN_POLICIES: Record<'gentle' | 'standard' | 'firm', DunningPolicy> = {
  gentle: {
    name: 'gentle',
    description: 'For new clients: more room before each nudge, a personal check-in before anything firm.',
    steps: [
      step('heads_up', -5, 'email_client', 'friendly'),
      step('due_today', 0, 'email_client', 'friendly'),
      step('overdue_5', 5, 'email_client', 'nudge'),
      step('overdue_12', 12, 'email_client', 'nudge'),
      step('check_in', 18, 'owner_task', 'firm'),
      step('overdue_25', 25, 'email_client', 'firm'),
      step('final_notice', 40, 'email_client', 'final'),
      step('collections_review', 60, 'collections_review', 'final'),
    ],
    ...defaults,
  },
  standard: {
    name: 'standard',
    description: 'Friendly before the due date, firmer after, a personal check-in at two weeks.',
    steps: [
      step('heads_up', -3, 'email_client', 'friendly'),
      step('due_today', 0, 'email_client', 'friendly'),
      step('overdue_3', 3, 'email_client', 'nudge'),
      step('overdue_7', 7, 'email_client', 'firm'),
      step('check_in', 14, 'owner_task', 'firm'),
      step('final_notice', 30, 'email_client', 'final'),
      step('collections_review', 45, 'collections_review', 'final'),
    ],
    ...defaults,
  },
  firm: {
    name: 'firm',
    description: 'For clients who often pay late: shorter gaps and an earlier personal check-in; still polite.',
    steps: [
      step('heads_up', -3, 'email_client', 'friendly'),
      step('due_today', 0, 'email_client', 'friendly'),
      step('overdue_1', 1, 'email_client', 'nudge'),
      step('overdue_4', 4, 'email_client', 'firm'),
      step('check_in', 7, 'owner_task', 'firm'),
      step('final_notice', 14, 'email_client', 'final'),
      step('collections_review', 30, 'collections_review', 'final'),
    ],
    ...defaults,
  },
};

export type BuiltinPolicyName = keyof typeof BUILTIN_POLICIES;

export function isBuiltinPolicy(name: string): name is BuiltinPolicyName {
  return Object.prototype.hasOwnProperty.call(BUILTIN_POLICIES, name);
}

/**
 * What makes a ladder acceptable, whoever wrote it: firmness never goes back down, nothing but
 * friendly before the due date, a final tone only at the end, and collections review (a person's
 * decision) only as the very last step. Returns the problems, empty when it is fine.
 */
export function policyProblems(steps: readonly LadderStep[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const ids = new Set<string>();
  let lastTone = 0;
  let lastOffset = -Infinity;
  steps.forEach((s, i) => {
    const at = `steps.${i}`;
    if (ids.has(s.id)) problems.push({ field: `${at}.id`, message: `"${s.id}" is used twice` });
    ids.add(s.id);
    if (s.offsetDays < lastOffset) problems.push({ field: `${at}.offsetDays`, message: 'steps must be in date order' });
    if (s.offsetDays === lastOffset) problems.push({ field: `${at}.offsetDays`, message: 'two steps on the same day' });
    lastOffset = s.offsetDays;
    const tone = TONE_ORDER.indexOf(s.tone);
    if (tone < lastTone) problems.push({ field: `${at}.tone`, message: 'a step may not be gentler than the one before it' });
    lastTone = Math.max(lastTone, tone);
    if (s.offsetDays < 0 && s.tone !== 'friendly') problems.push({ field: `${at}.tone`, message: 'before the due date every step is friendly' });
    if (s.action === 'collections_review' && i !== steps.length - 1) problems.push({ field: `${at}.action`, message: 'collections review can only be the last step' });
    if (s.tone === 'final' && s.action === 'email_client' && steps.slice(i + 1).some((n) => n.action === 'email_client')) {
      problems.push({ field: `${at}.tone`, message: 'a final notice must be the last email' });
    }
  });
  return problems;
}
