// The reference rates statutory late-payment interest is computed from, as the owner records
// them (Dunwell fetches nothing): the latest in force on an invoice's issue date applies to it.
import { Router } from 'express';
import { ReferenceRateRecord } from '../../db/entities';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { ReferenceRateSchema } from '../schemas';

const view = (r: ReferenceRateRecord) => ({ ratePercent: Number(r.ratePercent), effectiveFrom: r.effectiveFrom });

export function referenceRatesRouter({ orm }: AppDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const rates = await orm.em.fork().find(ReferenceRateRecord, {}, { orderBy: { effectiveFrom: 'desc' } });
    res.json({ data: rates.map(view) });
  });
  // Recording a rate for a day that has one replaces it (a correction).
  router.post('/', async (req, res) => {
    const input = parse(ReferenceRateSchema, req.body);
    const em = orm.em.fork();
    await em.upsert(ReferenceRateRecord, { ...input, createdAt: new Date() });
    res.status(201).json(input);
  });
  return router;
}
