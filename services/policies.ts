// Which dunning policy an invoice runs, and why. The invoice keeps a copy of it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientProfile, DunningPolicyRecord, Invoice } from '../db/entities';
import { addDays } from '../domain/dates';
import type { PolicyInput } from '../api/schemas';
import { BUILTIN_POLICIES, isBuiltinPolicy, policyProblems, step, type DunningPolicy } from '../domain/policies';
import { DomainError } from './errors';

/** "Habitually late": this many of the client's last LOOKBACK invoices paid (or still open) LATE_DAYS past due. */
export const LATE_DAYS = 7;
export const LOOKBACK = 5;
export const LATE_THRESHOLD = 2;

export async function findPolicy(em: EntityManager, name: string): Promise<DunningPolicy | null> {
  if (isBuiltinPolicy(name)) return BUILTIN_POLICIES[name];
  return (await em.findOne(DunningPolicyRecord, { name }))?.policy ?? null;
}

export async function listPolicies(em: EntityManager): Promise<DunningPolicy[]> {
  const custom = await em.find(DunningPolicyRecord, {}, { orderBy: { name: 'asc' } });
  return [...Object.values(BUILTIN_POLICIES), ...custom.map((c) => c.policy)];
}

async function requirePolicy(em: EntityManager, name: string, field: string): Promise<DunningPolicy> {
  const policy = await findPolicy(em, name);
  if (!policy) throw new DomainError('unknown_policy', `No dunning policy named "${name}"`, [{ field, message: `"${name}" is not a policy (GET /v1/policies lists them)` }]);
  return policy;
}

/**
 * The invoice's own policy, else the one set for the client, else a choice from the client's
 * record: a new client gets the gentle ladder, one who is habitually late the firm one.
 */
export async function choosePolicy(
  em: EntityManager,
  opts: { requested?: string; clientEmail: string; today: string },
): Promise<{ policy: DunningPolicy; reason: string }> {
  if (opts.requested) return { policy: await requirePolicy(em, opts.requested, 'policy'), reason: 'chosen for this invoice' };
  const profile = await em.findOne(ClientProfile, { email: opts.clientEmail });
  if (profile?.policyName) return { policy: await requirePolicy(em, profile.policyName, 'client.policy'), reason: 'set for this client' };

  const recent = await em.find(
    Invoice,
    { clientEmail: opts.clientEmail, status: { $in: ['open', 'paid'] } },
    { orderBy: { createdAt: 'desc' }, limit: LOOKBACK, fields: ['dueDate', 'paidAt', 'status'] },
  );
  if (recent.length === 0) return { policy: BUILTIN_POLICIES.gentle, reason: 'new client: no earlier invoices' };
  const late = recent.filter((i) => {
    const settled = i.paidAt ? i.paidAt.toISOString().slice(0, 10) : opts.today;
    return settled > addDays(i.dueDate, LATE_DAYS);
  }).length;
  if (late >= LATE_THRESHOLD) {
    return { policy: BUILTIN_POLICIES.firm, reason: `${late} of the last ${recent.length} invoices were paid more than ${LATE_DAYS} days late` };
  }
  return { policy: BUILTIN_POLICIES.standard, reason: `pays on time: ${late} of the last ${recent.length} invoices more than ${LATE_DAYS} days late` };
}

/** The client's payment cycle ("we pay on the 1st"): the first such day on or after the due date. */
export function alignToPaymentDay(dueDate: string, paymentDay: number | null | undefined): string {
  if (!paymentDay) return dueDate;
  let date = dueDate;
  while (Number(date.slice(8, 10)) !== paymentDay) date = addDays(date, 1);
  return date;
}

export async function clientPaymentDay(em: EntityManager, clientEmail: string): Promise<number | null> {
  return (await em.findOne(ClientProfile, { email: clientEmail }))?.paymentDay ?? null;
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** An owner's policy from the API's input, checked against the rules every ladder must keep. */
export function buildPolicy(name: string, input: PolicyInput): DunningPolicy {
  if (isBuiltinPolicy(name)) {
    throw new DomainError('policy_exists', `"${name}" is a built-in policy; choose another name`, [{ field: 'name', message: 'is a built-in policy' }]);
  }
  const steps = input.steps.map((s) =>
    step(s.id ?? (s.offsetDays < 0 ? `before_${-s.offsetDays}` : s.offsetDays === 0 ? 'due_day' : `after_${s.offsetDays}`), s.offsetDays, s.action, s.tone),
  );
  const hours = { startMinutes: toMinutes(input.businessHours.start), endMinutes: toMinutes(input.businessHours.end) };
  const problems = policyProblems(steps);
  if (hours.endMinutes <= hours.startMinutes) problems.push({ field: 'businessHours.end', message: 'must be after businessHours.start' });
  const sendAt = toMinutes(input.sendAt);
  if (sendAt < hours.startMinutes || sendAt >= hours.endMinutes) problems.push({ field: 'sendAt', message: 'must be within business hours' });
  if (problems.length > 0) throw new DomainError('invalid_policy', `The policy breaks ${problems.length} rule(s)`, problems);
  return {
    name,
    description: input.description ?? 'Your own policy.',
    steps,
    sendAtMinutes: sendAt,
    businessHours: hours,
    autoResumeDays: input.autoResumeDays,
    promiseGraceDays: input.promiseGraceDays,
    maxPromises: input.maxPromises,
    maxPromiseDays: input.maxPromiseDays,
  };
}
