// The auditor on demand: compare invoice records with their workflows now, and repair them.
import { Router } from 'express';
import { z } from 'zod';
import { auditInvoices } from '../../services/auditor';
import type { AppDeps } from '../deps';
import { parse } from '../errors';

export const AuditRequestSchema = z
  .object({ invoiceIds: z.array(z.string().uuid('must be an invoice id')).min(1).max(1000).optional().describe('Only these invoices; by default the 1000 most recently changed') })
  .strict();

export function auditRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { invoiceIds } = parse(AuditRequestSchema, req.body ?? {});
    res.json(await auditInvoices(deps, { invoiceIds }));
  });
  return router;
}
