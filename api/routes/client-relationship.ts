// The client as one relationship: one payment over several invoices, one statement (JSON or
// PDF, and the client's link to its page), one pause or resume for all their open invoices.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { payClient } from '../../services/client-payments';
import { pauseClient, resumeClient } from '../../services/client-pause';
import { buildStatement } from '../../services/statement';
import { statementPdf } from '../../services/statement-pdf';
import { rotateStatementLink, statementToken, statementUrl } from '../../services/statement-links';
import type { AppDeps } from '../deps';
import { HttpError, parse } from '../errors';
import { ClientEmailSchema, ClientPauseSchema, ClientPaymentSchema, ClientResumeSchema, StatementQuerySchema } from '../client-schemas';

export function clientRelationshipRouter(deps: AppDeps): Router {
  const router = Router();
  const { orm } = deps;
  // Parsed as a named field, so a bad one is reported as `email`.
  const emailOf = (req: Request) => parse(z.object({ email: ClientEmailSchema }), { email: req.params.email }).email;

  const statementOf = async (email: string) => {
    const statement = await buildStatement(orm, email);
    if (!statement) throw new HttpError(404, 'not_found', `No issued invoice for ${email}: there is no statement to show.`);
    return statement;
  };

  router.post('/:email/payments', async (req, res) => {
    const email = emailOf(req);
    const input = parse(ClientPaymentSchema, req.body);
    const result = await payClient(deps, email, input, req.get('idempotency-key'));
    const applied = result.parts.some((p) => p.outcome === 'applied');
    res.status(applied ? 201 : 200).json({ object: 'client_payment', clientEmail: email, ...result });
  });

  // JSON by default; ?format=pdf for the PDF the client would download (one convention, as the e-invoices use).
  router.get('/:email/statement', async (req, res) => {
    const email = emailOf(req);
    const { format } = parse(StatementQuerySchema, req.query, 'query');
    const statement = await statementOf(email);
    if (format === 'pdf') return void res.type('application/pdf').set('Content-Disposition', 'inline; filename="statement.pdf"').send(await statementPdf(statement));
    const token = await statementToken(orm.em.fork(), email);
    res.json({ object: 'statement', ...statement, statementUrl: statementUrl(deps.publicUrl, token) });
  });

  // A new link for the client's statement page; the old one stops working at once.
  router.post('/:email/statement/link/rotate', async (req, res) => {
    const email = emailOf(req);
    await statementOf(email);
    res.json({ statementUrl: statementUrl(deps.publicUrl, await rotateStatementLink(orm.em.fork(), email)) });
  });

  router.post('/:email/pause', async (req, res) => {
    const email = emailOf(req);
    const input = parse(ClientPauseSchema, req.body);
    res.json({ object: 'client_pause', clientEmail: email, ...(await pauseClient(deps, email, input)) });
  });

  router.post('/:email/resume', async (req, res) => {
    const email = emailOf(req);
    const { note } = parse(ClientResumeSchema, req.body ?? {});
    res.json({ object: 'client_resume', clientEmail: email, ...(await resumeClient(deps, email, note)) });
  });

  return router;
}

