// The client's statement page and its PDF, opened from the link the owner sends: no login, the
// link is the key, and a wrong, revoked or malformed one is a plain 404 like the invoice links.
import { Router } from 'express';
import { statementDocument } from '../../documents/statement-document';
import { buildStatement, invoicePageTokens } from '../../services/statement';
import { clientForStatementToken } from '../../services/statement-links';
import { statementPdf } from '../../services/statement-pdf';
import type { AppDeps } from '../deps';
import { renderStatementPage, STATEMENT_CSS } from '../pages/statement-page';
import { notFound, pageHeaders } from './client-pages';

export function statementPagesRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(pageHeaders);
  router.get('/assets/statement.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(STATEMENT_CSS));

  const statementFor = async (token: string) => {
    const email = await clientForStatementToken(deps.orm.em.fork(), token);
    return email ? buildStatement(deps.orm, email) : null;
  };

  router.get('/:token', async (req, res) => {
    const statement = await statementFor(req.params.token);
    if (!statement) return notFound(res);
    res.type('html').send(await renderStatementPage(statementDocument(statement), req.params.token, await invoicePageTokens(deps.orm, statement)));
  });

  router.get('/:token/pdf', async (req, res) => {
    const statement = await statementFor(req.params.token);
    if (!statement) return notFound(res);
    res.type('application/pdf').set('Content-Disposition', 'inline; filename="statement.pdf"').send(await statementPdf(statement));
  });

  return router;
}
