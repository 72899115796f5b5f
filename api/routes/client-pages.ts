// What the client opens from the email: their invoice page, its PDF, and the two buttons that
// feed the ladder (a question pauses it, a promise holds it). No login: the link is the key.
import { formBody } from '../form-body';
import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { shownChangeOrders } from '../../services/change-orders';
import { invoicePdf } from '../../services/invoice-pdf';
import { creditNotePdf } from '../../services/credit-note-pdf';
import { eInvoiceFile } from '../../services/e-invoice';
import { E_INVOICE_FORMATS } from '../../domain/e-invoice';
import { CreditNote } from '../../db/entities';
import { DomainError } from '../../services/errors';
import { pauseReminders, PromiseDeclined, recordPromise } from '../../services/invoice-commands';
import { invoiceForToken } from '../../services/invoice-links';
import { storableTextProblem } from '../../domain/text';
import type { AppDeps } from '../deps';
import { PAGE_CSS, PAGE_JS, renderInvoicePage, type PageState } from '../pages/invoice-page';
import { PAGE_TEXT } from '../pages/page-text';

/** Pages carry a client's details: never cached, framed, indexed, or given scripts from elsewhere. */
export const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex',
  });
  next();
};

const QuestionForm = z.object({
  message: z.string().trim().min(1).max(2000).superRefine((message, ctx) => {
    const problem = storableTextProblem(message, { multiline: true });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
const PromiseForm = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** What a refused form says: the field, and why when the text itself was the trouble. */
function formProblem(err: unknown): string {
  const issue = err instanceof z.ZodError ? err.issues.find((i) => i.code === 'custom') : undefined;
  return issue ? `: ${issue.message}` : '';
}

export function notFound(res: Response) {
  res.status(404).type('text/plain').send('Not found');
}

export function clientPagesRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(pageHeaders);
  router.get('/assets/page.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(PAGE_CSS));
  router.get('/assets/page.js', (_req, res) => void res.type('application/javascript').set('Cache-Control', 'public, max-age=3600').send(PAGE_JS));
  router.use(...formBody());

  // A lapsed or withdrawn proposal is not offered again from the page or the PDF.
  const changeOrdersOf = (invoiceId: string) => shownChangeOrders(deps.orm, invoiceId);

  const show = async (res: Response, token: string, state: PageState = {}, status = 200) => {
    const invoice = await invoiceForToken(deps.orm.em.fork(), token);
    if (!invoice) return notFound(res);
    const notes = await deps.orm.em.fork().find(CreditNote, { invoiceId: invoice.id }, { orderBy: { year: 'asc', sequence: 'asc' } });
    res.status(status).type('html').send(await renderInvoicePage(invoice, token, state, await changeOrdersOf(invoice.id), notes));
  };

  router.get('/:token', async (req, res) => {
    const sent = req.query.sent;
    const invoice = await invoiceForToken(deps.orm.em.fork(), req.params.token);
    if (!invoice) return notFound(res);
    const t = PAGE_TEXT[invoice.client.locale === 'bg' ? 'bg' : 'en'];
    const flash = sent === 'question' ? { kind: 'ok' as const, text: t.sentQuestion } : sent === 'promise' ? { kind: 'ok' as const, text: t.sentPromise } : sent === 'promise_owner' ? { kind: 'ok' as const, text: t.promiseToOwner } : undefined;
    await show(res, req.params.token, { flash });
  });

  router.get('/:token/pdf', async (req, res) => {
    const invoice = await invoiceForToken(deps.orm.em.fork(), req.params.token);
    if (!invoice) return notFound(res);
    res.type('application/pdf').set('Content-Disposition', `inline; filename="${invoice.number}.pdf"`).send(await invoicePdf(deps.orm, invoice, await changeOrdersOf(invoice.id)));
  });

  // The e-invoice for the client's accounting software, and their credit notes: the link is the key.
  router.get('/:token/e-invoice', async (req, res) => {
    const invoice = await invoiceForToken(deps.orm.em.fork(), req.params.token);
    if (!invoice) return notFound(res);
    const format = z.enum(E_INVOICE_FORMATS).safeParse(req.query.format);
    if (!format.success) return void res.status(400).type('text').send(`format must be one of ${E_INVOICE_FORMATS.join(', ')}`);
    try {
      const file = await eInvoiceFile(deps.orm, invoice, format.data);
      res.type(file.contentType).attachment(file.filename).send(file.body);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      res.status(422).type('text').send(err.message);
    }
  });

  router.get('/:token/credit-notes/:creditNoteId/pdf', async (req, res) => {
    const invoice = await invoiceForToken(deps.orm.em.fork(), req.params.token);
    const id = z.string().uuid().safeParse(req.params.creditNoteId);
    const note = invoice && id.success ? await deps.orm.em.fork().findOne(CreditNote, { id: id.data, invoiceId: invoice.id }) : null;
    if (!invoice || !note) return notFound(res);
    res.type('application/pdf').set('Content-Disposition', `inline; filename="${note.number}.pdf"`).send(await creditNotePdf(deps.orm, invoice, note));
  });

  // Each form posts back and redirects (post/redirect/get), so a reload never sends it twice.
  const act = (parse: (body: unknown) => unknown, run: (input: any, invoice: NonNullable<Awaited<ReturnType<typeof invoiceForToken>>>) => Promise<unknown>, sent: string): RequestHandler =>
    async (req, res) => {
      const token = String(req.params.token);
      const invoice = await invoiceForToken(deps.orm.em.fork(), token);
      if (!invoice) return notFound(res);
      const t = PAGE_TEXT[invoice.client.locale === 'bg' ? 'bg' : 'en'];
      let input: unknown;
      try {
        input = parse(req.body);
      } catch (err) {
        return show(res, token, { flash: { kind: 'error', text: `${t.failed} ${sent === 'question' ? t.yourMessage : t.date}${formProblem(err)}` } }, 400);
      }
      try {
        await run(input, invoice);
      } catch (err) {
        // Not a failure for the client: a person will agree the date with them.
        if (err instanceof PromiseDeclined) return res.redirect(303, `/i/${token}?sent=promise_owner`);
        if (!(err instanceof DomainError)) throw err;
        return show(res, token, { flash: { kind: 'error', text: `${t.failed} ${err.message}` } }, 409);
      }
      res.redirect(303, `/i/${token}?sent=${sent}`);
    };

  router.post('/:token/question', act((b) => QuestionForm.parse(b), ({ message }, invoice) => pauseReminders(deps.temporal, invoice, { source: 'client', message }), 'question'));
  router.post('/:token/promise', act((b) => PromiseForm.parse(b), ({ date }, invoice) => recordPromise(deps.temporal, invoice, { date, source: 'client' }), 'promise'));

  return router;
}
