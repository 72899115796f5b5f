import { Router } from 'express';
import { z } from 'zod';
import { ClientProfile } from '../../db/entities';
import { findPolicy } from '../../services/policies';
import { DomainError } from '../../services/errors';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { ClientProfileSchema } from '../schemas';

const EmailParam = z.string().email('must be an email address');

const view = (email: string, profile: ClientProfile | null) => ({ email, policy: profile?.policyName ?? null, paymentDay: profile?.paymentDay ?? null, eInvoiceFormat: profile?.eInvoiceFormat ?? null });

/** Per-client settings, keyed by the client's email: their policy and the day they pay on. */
export function clientsRouter({ orm }: AppDeps): Router {
  const router = Router();

  router.get('/:email', async (req, res) => {
    const email = parse(EmailParam, req.params.email).toLowerCase();
    res.json(view(email, await orm.em.fork().findOne(ClientProfile, { email })));
  });

  router.put('/:email', async (req, res) => {
    const email = parse(EmailParam, req.params.email).toLowerCase();
    const input = parse(ClientProfileSchema, req.body);
    const em = orm.em.fork();
    if (input.policy && !(await findPolicy(em, input.policy))) {
      throw new DomainError('unknown_policy', `No dunning policy named "${input.policy}"`, [{ field: 'policy', message: 'is not a policy' }]);
    }
    const profile = (await em.findOne(ClientProfile, { email })) ?? em.create(ClientProfile, { email, updatedAt: new Date() });
    if (input.policy !== undefined) profile.policyName = input.policy;
    if (input.paymentDay !== undefined) profile.paymentDay = input.paymentDay;
    if (input.eInvoiceFormat !== undefined) profile.eInvoiceFormat = input.eInvoiceFormat;
    await em.persistAndFlush(profile);
    res.json(view(email, profile));
  });

  return router;
}
