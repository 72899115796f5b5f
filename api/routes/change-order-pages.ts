// A change order's own page: the client reads the extra work and approves or declines it in
// writing (their typed name, the time, their IP and browser are recorded).
import { formBody } from '../form-body';
import { Router } from 'express';
import { z } from 'zod';
import { escapeHtml as e } from '../../emails/render';
import { messageContext } from '../../emails/context';
import { dateIn } from '../../domain/dates';
import { storableTextProblem } from '../../domain/text';
import { changeOrderForToken, decideChangeOrder } from '../../services/change-orders';
import { DomainError } from '../../services/errors';
import type { AppDeps } from '../deps';
import { PAGE_TEXT } from '../pages/page-text';
import { notFound, pageHeaders } from './client-pages';

const DecisionForm = z.object({
  name: z.string().trim().min(2).max(200).superRefine((name, ctx) => {
    const problem = storableTextProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  decision: z.enum(['approve', 'decline']),
});

export function changeOrderPagesRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(pageHeaders, ...formBody());

  const render = async (token: string, flash?: string) => {
    const found = await changeOrderForToken(deps.orm, token);
    if (!found) return null;
    const { order, invoice, closed } = found;
    const c = messageContext(invoice, new Date());
    const t = PAGE_TEXT[c.locale];
    // A dead proposal (lapsed, invoice closed, link withdrawn) says why and offers no decision.
    const decided = closed
      ? `<p class="status status-open" role="status">${e(closed)}</p>`
      : order.status !== 'pending'
      ? `<p class="status status-${order.status === 'approved' ? 'paid' : 'open'}" role="status">${e(order.status === 'approved' ? t.approvedBy : t.declinedBy)} ${e(order.decidedName ?? '')}, ${e(order.decidedAt!.toISOString().replace('T', ' ').slice(0, 16))} UTC</p>`
      : `<form method="post"><p>${e(t.decisionNote)}</p><label for="name">${e(t.yourName)}</label><input id="name" name="name" required minlength="2" maxlength="200" autocomplete="name">` +
        `<button type="submit" name="decision" value="approve">${e(t.approve)}</button> <button type="submit" name="decision" value="decline" class="button secondary">${e(t.decline)}</button></form>`;
    const page = `<!doctype html><html lang="${c.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${e(t.changeHeading)} · ${e(invoice.number ?? '')}</title><link rel="stylesheet" href="/i/assets/page.css"></head><body><main>
<header><p class="from">${e(t.from)} ${e(invoice.issuerSnapshot.name)} · ${e(invoice.number ?? '')}</p><h1>${e(t.changeHeading)}</h1>${flash ? `<p class="flash error" role="alert">${e(flash)}</p>` : ''}
<h2>${e(order.description)}</h2><p><strong>${e(t.why)}:</strong> ${e(order.reason)}</p></header>
<section><table><tbody>${order.lines.map((l) => `<tr><td>${e(l.description)}</td><td class="num">${e(c.money(l.amount + l.taxAmount))}</td></tr>`).join('')}</tbody></table>
<dl class="totals"><dt>${e(t.changeTotal)}</dt><dd><strong>${e(c.money(order.total))}</strong></dd><dt>${e(t.newTotal)}</dt><dd>${e(c.money(invoice.total + invoice.changesTotal + (order.status === 'pending' ? order.total : 0)))}</dd></dl></section>
<section>${decided}</section></main></body></html>`;
    return { html: page, status: closed ? 410 : 200 };
  };

  router.get('/:token', async (req, res) => {
    const page = await render(req.params.token);
    if (!page) return notFound(res);
    res.status(page.status).type('html').send(page.html);
  });

  router.post('/:token', async (req, res) => {
    const token = req.params.token;
    const found = await changeOrderForToken(deps.orm, token);
    if (!found) return notFound(res);
    if (found.closed) return void res.status(410).type('html').send((await render(token))!.html);
    const form = DecisionForm.safeParse(req.body);
    if (!form.success) {
      // The name as typed could not be stored as the written decision: say why, on the page.
      const problem = form.error.issues.find((i) => i.code === 'custom' && i.path[0] === 'name');
      const t = PAGE_TEXT[found.invoice.client.locale === 'bg' ? 'bg' : 'en'];
      return void res.status(400).type('html').send((await render(token, problem ? `${t.yourName}: ${problem.message}` : 'Please type your full name.'))!.html);
    }
    try {
      await decideChangeOrder(deps, token, { approve: form.data.decision === 'approve', name: form.data.name, ip: req.ip ?? '', userAgent: req.get('user-agent') ?? '' });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return void res.status(err.code === 'change_order_closed' ? 410 : 409).type('html').send((await render(token, err.message))!.html);
    }
    res.redirect(303, `/c/${token}`);
  });

  return router;
}
