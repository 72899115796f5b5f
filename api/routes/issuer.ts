import { Router } from 'express';
import { Issuer } from '../../db/entities';
import { DEFAULT_ISSUER_ID, issuerView, loadIssuer } from '../../services/issuer';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { IssuerInputSchema } from '../schemas';

export function issuerRouter({ orm }: AppDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json(issuerView(await loadIssuer(orm.em.fork(), { withLogo: true })));
  });

  // PUT replaces the profile as a whole; a field left out is cleared.
  router.put('/', async (req, res) => {
    const input = parse(IssuerInputSchema, req.body);
    const em = orm.em.fork();
    const issuer = (await loadIssuer(em)) ?? em.create(Issuer, { id: DEFAULT_ISSUER_ID, paymentInstructions: {}, timeZone: 'UTC', updatedAt: new Date() });
    em.assign(issuer, {
      name: input.name ?? null,
      taxId: input.taxId ?? null,
      address: input.address ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      country: input.country ?? null,
      city: input.city ?? null,
      postalCode: input.postalCode ?? null,
      timeZone: input.timeZone ?? 'UTC',
      paymentInstructions: input.paymentInstructions ?? {},
      logo: input.logo ?? null,
      updatedAt: new Date(),
    });
    await em.persistAndFlush(issuer);
    res.json(issuerView(issuer));
  });

  return router;
}
