// The reference rates statutory late-payment interest is computed from, as the owner records
// them (Dunwell fetches nothing): the latest in force on an invoice's issue date applies to it.
import { Router } from 'express';
import { listReferenceRates, recordReferenceRate } from '../../services/reference-rates';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { ReferenceRateSchema } from '../schemas';

export function referenceRatesRouter({ orm }: AppDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ data: await listReferenceRates(orm) });
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await recordReferenceRate(orm, parse(ReferenceRateSchema, req.body)));
  });
  return router;
}
