import { Router } from 'express';
import { DunningPolicyRecord } from '../../db/entities';
import { DomainError } from '../../services/errors';
import { buildPolicy, findPolicy, listPolicies } from '../../services/policies';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { PolicyInputSchema, PolicyNameSchema } from '../schemas';

export function policiesRouter({ orm }: AppDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json({ data: await listPolicies(orm.em.fork()) });
  });

  router.get('/:name', async (req, res) => {
    const policy = await findPolicy(orm.em.fork(), req.params.name);
    if (!policy) throw new DomainError('unknown_policy', `No dunning policy named "${req.params.name}"`);
    res.json(policy);
  });

  // Create or replace. Invoices already running keep the copy they started with.
  router.put('/:name', async (req, res) => {
    const name = parse(PolicyNameSchema, req.params.name);
    const policy = buildPolicy(name, parse(PolicyInputSchema, req.body));
    const em = orm.em.fork();
    const existing = await em.findOne(DunningPolicyRecord, { name });
    if (existing) existing.policy = policy;
    else em.persist(em.create(DunningPolicyRecord, { name, policy, createdAt: new Date(), updatedAt: new Date() }));
    await em.flush();
    res.status(existing ? 200 : 201).json(policy);
  });

  return router;
}
