// The local outbox: every email Dunwell sent (or would have sent without a Resend key), to read in a browser.
import { Router } from 'express';
import { EmailMessage } from '../../db/entities';
import { escapeHtml } from '../../emails/render';
import { HttpError } from '../errors';
import type { AppDeps } from '../deps';
import { isUuid } from '../params';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem;color:#222}td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}a{color:#1a56db}iframe{width:100%;height:70vh;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head><body>${body}</body></html>`;

export function outboxRouter({ orm }: AppDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const mails = await orm.em.fork().find(EmailMessage, {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
    const rows = mails
      .map((m) => `<tr><td>${m.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td><td>${escapeHtml(m.recipient)}</td><td><a href="/outbox/${m.id}">${escapeHtml(m.subject)}</a></td><td>${m.transport}</td></tr>`)
      .join('');
    res.type('html').send(page('Dunwell outbox', `<h1>Outbox</h1><p>${mails.length} most recent emails.</p><table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th><th>Via</th></tr></thead><tbody>${rows}</tbody></table>`));
  });

  router.get('/:id', async (req, res) => {
    const mail = isUuid(req.params.id) ? await orm.em.fork().findOne(EmailMessage, { id: req.params.id }) : null;
    if (!mail) throw new HttpError(404, 'not_found', 'No such email');
    res.type('html').send(page(mail.subject,
      `<p><a href="/outbox">← Outbox</a></p><h1>${escapeHtml(mail.subject)}</h1><p>From ${escapeHtml(mail.sender)} to ${escapeHtml(mail.recipient)}</p>` +
      `<h2>HTML</h2><iframe sandbox srcdoc="${escapeHtml(mail.html)}" title="HTML body"></iframe><h2>Plain text</h2><pre>${escapeHtml(mail.bodyText)}</pre>`));
  });

  router.get('/:id/json', async (req, res) => {
    const mail = isUuid(req.params.id) ? await orm.em.fork().findOne(EmailMessage, { id: req.params.id }) : null;
    if (!mail) throw new HttpError(404, 'not_found', 'No such email');
    res.json(mail);
  });

  return router;
}
