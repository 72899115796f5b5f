// The owner's one-click page for a task, /o/<token>, linked from every owner task email. The link
// is the key (signed and expiring: services/owner-links.ts), as /i/<token> is the client's. A
// decision posts the API's own fields, is checked by the API's own schema and goes through the
// API's own use case (services/owner-tasks.ts): the page adds words, never a rule.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Locale } from '../../emails/context';
import { DomainError } from '../../services/errors';
import { checkOwnerLink, type OwnerLinks } from '../../services/owner-links';
import { completeTask, decideReviewTask, ownerTaskPage } from '../../services/owner-tasks';
import type { AppDeps } from '../deps';
import { DOMAIN_STATUS } from '../errors';
import { formBody } from '../form-body';
import { OWNER_CSS, renderLinkProblem, renderOwnerPage } from '../pages/owner-page';
import { OWNER_TEXT } from '../pages/owner-text';
import { CollectionsDecisionSchema, TaskCompletionSchema } from '../schemas';
import { pageHeaders } from './client-pages';

type View = NonNullable<Awaited<ReturnType<typeof ownerTaskPage>>>;
type Form = Record<string, string>;

/** The owner's language is not stored: the page asks the browser, and offers the other one. */
function localeOf(req: Request): Locale {
  const asked = req.query.lang;
  if (asked === 'en' || asked === 'bg') return asked;
  return req.acceptsLanguages('en', 'bg') === 'bg' ? 'bg' : 'en';
}

/** The posted form's text fields; a blank one is a field left out, as the API would be sent it. */
function formOf(body: unknown): Form {
  const fields = body && typeof body === 'object' ? Object.entries(body as Record<string, unknown>) : [];
  return Object.fromEntries(fields.filter((f): f is [string, string] => typeof f[1] === 'string'));
}
const given = (form: Form, names: string[]) =>
  Object.fromEntries(names.filter((n) => form[n]?.trim()).map((n) => [n, form[n]]));

/** The API's request bodies, built from the forms' fields (the API's names). */
const completionOf = (f: Form) => given(f, ['outcome', 'promiseDate', 'note']);
const decisionOf = (f: Form) => given(f, ['decision', 'reason', ...(f.decision === 'extend' ? ['newDueDate'] : f.decision === 'agency' ? ['agency'] : [])]);

export function ownerPagesRouter(deps: AppDeps & { ownerLinks: OwnerLinks }): Router {
  const router = Router();
  router.use(pageHeaders);
  router.get('/assets/owner.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(OWNER_CSS));
  router.use(...formBody());

  /** The task a link names, or the page saying why there is none (404 for any bad link, 410 for an old one). */
  const taskOf = async (req: Request, res: Response): Promise<{ view: View; locale: Locale; token: string } | null> => {
    const locale = localeOf(req);
    const token = String(req.params.token);
    const link = checkOwnerLink(deps.ownerLinks.secret, token);
    const view = link.ok ? await ownerTaskPage(deps.orm, link.taskId) : null;
    if (view) return { view, locale, token };
    const problem = link.ok ? 'invalid' : link.reason;
    res.status(problem === 'expired' ? 410 : 404).type('html').send(renderLinkProblem(locale, problem));
    return null;
  };

  router.get('/:token', async (req, res) => {
    const found = await taskOf(req, res);
    if (!found) return;
    const flash = req.query.done === '1' ? { kind: 'ok' as const, text: OWNER_TEXT[found.locale].recorded } : undefined;
    res.type('html').send(renderOwnerPage(found.view, found.token, found.locale, { flash }));
  });

  // Each form posts back and redirects (post/redirect/get), so a reload never sends it twice.
  const decide = <T>(toInput: (form: Form) => unknown, schema: z.ZodType<T>, run: (taskId: string, input: T) => Promise<unknown>): RequestHandler => async (req, res) => {
    const found = await taskOf(req, res);
    if (!found) return;
    const { view, locale, token } = found;
    const t = OWNER_TEXT[locale];
    const form = formOf(req.body);
    const again = async (status: number, text: string) =>
      res.status(status).type('html').send(renderOwnerPage((await ownerTaskPage(deps.orm, view.task.id)) ?? view, token, locale, { flash: { kind: 'error', text: `${t.failed} ${text}` }, form }));
    const input = schema.safeParse(toInput(form));
    if (!input.success) {
      const said = input.error.issues.map((i) => `${t.fields[i.path[0] as keyof typeof t.fields] ?? String(i.path[0] ?? '')}: ${i.message}`);
      return void (await again(400, said.join('; ')));
    }
    try {
      await run(view.task.id, input.data);
    } catch (err) {
      // The workflow's refusal (or the task done meanwhile), said on the page; an outage is the app's 503.
      if (!(err instanceof DomainError)) throw err;
      return void (await again(DOMAIN_STATUS[err.code], err.message));
    }
    res.redirect(303, `/o/${token}?lang=${locale}&done=1`);
  };

  router.post('/:token/complete', decide(completionOf, TaskCompletionSchema, (taskId, input) => completeTask(deps, taskId, input)));
  router.post('/:token/decide', decide(decisionOf, CollectionsDecisionSchema, (taskId, input) => decideReviewTask(deps, taskId, input)));

  return router;
}
