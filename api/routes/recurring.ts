// Recurring plans: the invoice to repeat and its cadence; a Temporal Schedule does the repeating.
import { Router, type Request } from 'express';
import { RecurringPlan } from '../../db/entities';
import { DomainError } from '../../services/errors';
import { createPlan, endPlan, nextDates, setPaused } from '../../services/recurring';
import type { AppDeps } from '../deps';
import { isUuid } from '../params';
import { HttpError, parse } from '../errors';
import { RecurringCreateSchema, RecurringPatchSchema } from '../schemas';

export function recurringRouter(deps: AppDeps): Router {
  const router = Router();
  const { orm, temporal } = deps;

  const findPlan = async (req: Request) => {
    const plan = isUuid(req.params.id) ? await orm.em.fork().findOne(RecurringPlan, { id: String(req.params.id) }) : null;
    if (!plan) throw new HttpError(404, 'not_found', `No recurring plan with id ${req.params.id}`);
    return plan;
  };
  const view = async (plan: RecurringPlan) => {
    const periods = await orm.em.fork().getConnection().execute<{ period_key: string; invoice_id: string | null; outcome: string }[]>(
      'select period_key, invoice_id, outcome from recurring_invoice where plan_id = ? order by period_key', [plan.id],
    );
    return {
      id: plan.id, status: plan.status, cadence: plan.cadence, timeZone: plan.timeZone, startDate: plan.startDate, endDate: plan.endDate ?? null,
      skipNext: plan.skipNext, invoice: plan.request, scheduleId: `plan-${plan.id}`,
      nextDates: plan.status === 'active' ? await nextDates(temporal, plan.id) : [],
      periods: periods.map((p) => ({ period: p.period_key, invoiceId: p.invoice_id, outcome: p.outcome })),
    };
  };

  router.post('/', async (req, res) => {
    const input = parse(RecurringCreateSchema, req.body);
    const plan = await createPlan(deps, { request: input.invoice, cadence: input.cadence, startDate: input.startDate, endDate: input.endDate });
    res.status(201).json(await view(plan));
  });

  router.get('/', async (_req, res) => {
    const plans = await orm.em.fork().find(RecurringPlan, {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
    res.json({ data: await Promise.all(plans.map(view)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await view(await findPlan(req)));
  });

  // Changes apply from the next period on; invoices already issued are never touched.
  router.patch('/:id', async (req, res) => {
    const plan = await findPlan(req);
    const patch = parse(RecurringPatchSchema, req.body);
    const request = { ...(plan.request as Record<string, unknown>) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete request[key];
      else if (value !== undefined) request[key] = value;
    }
    await orm.em.fork().nativeUpdate(RecurringPlan, { id: plan.id }, { request, updatedAt: new Date() });
    res.json(await view(await findPlan(req)));
  });

  const ensureNotEnded = (plan: RecurringPlan) => {
    if (plan.status === 'ended') throw new DomainError('not_allowed_now', 'This plan has ended.');
  };
  router.post('/:id/pause', async (req, res) => {
    const plan = await findPlan(req);
    ensureNotEnded(plan);
    await setPaused(temporal, orm, plan, true, 'paused by the owner');
    res.json(await view(await findPlan(req)));
  });
  router.post('/:id/resume', async (req, res) => {
    const plan = await findPlan(req);
    ensureNotEnded(plan);
    await setPaused(temporal, orm, plan, false, 'resumed by the owner');
    res.json(await view(await findPlan(req)));
  });
  router.post('/:id/skip-next', async (req, res) => {
    const plan = await findPlan(req);
    ensureNotEnded(plan);
    await orm.em.fork().nativeUpdate(RecurringPlan, { id: plan.id }, { skipNext: true });
    res.json(await view(await findPlan(req)));
  });
  router.post('/:id/end', async (req, res) => {
    const plan = await findPlan(req);
    await endPlan(temporal, orm, plan);
    res.json(await view(await findPlan(req)));
  });

  return router;
}
