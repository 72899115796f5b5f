// Life operations: issuing (also drafts), change orders through the client's page, the
// conversation (pause, resume, promise, the client's question form), void, collections
// decisions, time skips. Hostile text must be refused with a 4xx and leave nothing, or be
// stored and shown exactly as sent (trimmed where the schema trims).
import { Invoice } from '../../db/entities';
import { invoiceStateQuery } from '../../workflows/messages';
import { type Ctx, expectStatus, expectStored, isHostile, pick, serverDate } from './context';
import { applyCredit, approveChangeOrder, creditable, DAY, lineTotal, newInvoice, pause, setTerms, settle, timePassed, unpause, type ModelInvoice } from './model';
import type { Op } from './ops';
import { formField } from './webhooks';

type LifeOp = Exclude<Op, { k: 'pay' | 'redeliver' | 'refund' | 'dispute' | 'pending' | 'settlePending' | 'kill' }>;

const fits = (s: string | undefined, max: number) => s === undefined || (s.trim().length >= 1 && s.trim().length <= max);
const tokenOf = (url: string | null | undefined) => (url ? url.split('/').pop()! : null);
const open = (m: ModelInvoice) => m.status === 'open';

async function liveState(ctx: Ctx, m: ModelInvoice) {
  return ctx.sys.env.client.workflow.getHandle(m.workflowId!).query(invoiceStateQuery);
}

/** A pause the model may or may not still see (it may have run out): which answers are right. */
const pauseAnswers = (m: ModelInvoice, ok: number) => (!open(m) || m.paused === true ? [409] : m.paused === 'unknown' ? [ok, 409] : [ok]);

export async function execLife(ctx: Ctx, op: LifeOp): Promise<void> {
  const m = 'inv' in op ? pick(ctx.invoices, op.inv) : undefined;
  if ('inv' in op && !m) return;
  if (m) ctx.touched.add(m);
  switch (op.k) {
    case 'create': {
      const email = `c${ctx.created++}-${ctx.run}@random.test`;
      const body = {
        client: { name: op.name ?? 'Acme Ltd', email, address: '5 Main Street, London', locale: 'en', timeZone: 'UTC' },
        currency: 'EUR', termsDays: op.termsDays, lines: op.lines, policy: 'standard', ...(op.draft ? { draft: true } : {}),
        ...(op.note !== undefined ? { note: op.note } : {}), ...(op.early ? { earlyPayment: op.early } : {}), ...(op.late ? { lateFees: op.late } : {}),
      };
      const r = await ctx.sys.call('POST', '/v1/invoices', body);
      const valid = fits(op.name, 200) && fits(op.note, 2000);
      expectStatus(ctx, op, r, valid ? (isHostile(op.name) || isHostile(op.note) ? [201, 400] : [201]) : [400]);
      if (r.status !== 201) {
        // Refused: nothing of it may be stored.
        const rows = await ctx.sys.orm.em.fork().count(Invoice, { clientEmail: email });
        if (rows !== 0) expectStored(op, 'refused invoice', `${rows} rows`, '0 rows');
        return;
      }
      const inv = newInvoice({
        id: r.body.id, email, workflowId: r.body.workflowId, token: tokenOf(r.body.hostedUrl), total: lineTotal(op.lines), draft: op.draft, rates: op.lines.map((l) => l.taxRate),
        issueDate: op.draft ? null : r.body.issueDate, dueDate: op.draft ? null : r.body.dueDate, earlyPayment: op.early, lateFees: op.late,
      });
      ctx.invoices.push(inv);
      ctx.touched.add(inv);
      expectStored(op, 'total (reference model)', r.body.total, inv.total);
      const shown = (await ctx.sys.call('GET', `/v1/invoices/${inv.id}`)).body;
      if (op.note !== undefined) expectStored(op, 'note', shown.note, op.note.trim());
      if (op.name !== undefined) expectStored(op, 'client.name', shown.client?.name, op.name.trim());
      return;
    }
    case 'issue': {
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/issue`);
      expectStatus(ctx, op, r, m!.status === 'draft' ? [200] : [409]);
      if (r.status !== 200) return;
      Object.assign(m!, { status: 'open', stage: null, workflowId: r.body.workflowId, token: tokenOf(r.body.hostedUrl), dueDate: r.body.dueDate });
      setTerms(m!, r.body.issueDate, m!.terms);
      return;
    }
    case 'proposeCO': {
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/change-orders`, { description: op.description, reason: 'Extra work you asked for', lines: op.lines });
      // A bad body and a closed invoice are both reasons to refuse: the body is read first.
      const bodyOk = fits(op.description, 500);
      expectStatus(ctx, op, r, !open(m!) ? (bodyOk && !isHostile(op.description) ? [409] : [400, 409]) : bodyOk ? (isHostile(op.description) ? [201, 400] : [201]) : [400]);
      if (r.status !== 201) return;
      m!.changeOrders.push({ id: r.body.id, token: tokenOf(r.body.approvalUrl)!, total: lineTotal(op.lines), rates: op.lines.map((l) => l.taxRate), status: 'pending' });
      expectStored(op, 'change order total (reference model)', r.body.total, lineTotal(op.lines));
      const list = (await ctx.sys.call('GET', `/v1/invoices/${m!.id}/change-orders`)).body.data;
      expectStored(op, 'change order description', list.find((o: { id: string }) => o.id === r.body.id)?.description, op.description.trim());
      return;
    }
    case 'decideCO': {
      const order = pick(m!.changeOrders, op.co);
      if (!order) return;
      const name = formField('name', op.name);
      const r = await ctx.sys.form(`/c/${order.token}`, `${name.encoded}&decision=${op.approve ? 'approve' : 'decline'}`);
      const nameOk = name.decoded.trim().length >= 2 && name.decoded.trim().length <= 200;
      // A pending change order dies with its invoice's settling, void or write-off: gone (410), not decided.
      const dead = order.status === 'pending' && m!.status !== 'open';
      // The page answers in this order: a dead order (410), then the form (400), then the decision (409 once decided).
      const decided = !nameOk ? [400] : isHostile(op.name) ? [409, 400] : [409];
      expectStatus(ctx, op, r, order.status !== 'pending' ? decided : dead ? [410] : !nameOk ? [400] : isHostile(op.name) ? [303, 400] : [303], `order ${order.status}, invoice ${m!.status}`);
      if (r.status !== 303) return;
      order.status = op.approve ? 'approved' : 'declined';
      if (op.approve) approveChangeOrder(m!, order.total, order.rates);
      const list = (await ctx.sys.call('GET', `/v1/invoices/${m!.id}/change-orders`)).body.data;
      const shown = list.find((o: { id: string }) => o.id === order.id);
      expectStored(op, 'change order status', shown?.status, order.status);
      expectStored(op, 'change order decidedName', shown?.decidedName, name.decoded.trim());
      return;
    }
    case 'pause': {
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/pause`, { message: op.message, source: 'owner', autoResumeDays: op.days });
      const answers = !fits(op.message, 2000) ? [400] : m!.status === 'draft' ? [409] : pauseAnswers(m!, 200);
      expectStatus(ctx, op, r, answers[0] === 400 || !isHostile(op.message) ? answers : [...answers, 400], `status ${m!.status}, paused ${m!.paused}`);
      if (r.status === 409 && open(m!)) m!.paused = true;
      if (r.status !== 200) return;
      pause(m!, op.days > 0 ? ctx.sys.now() + op.days * DAY : null);
      expectStored(op, 'pause message', (await liveState(ctx, m!)).ladder?.pause?.reason, op.message.trim());
      return;
    }
    case 'question': {
      if (!m!.token) return;
      const message = formField('message', op.message);
      const r = await ctx.sys.form(`/i/${m!.token}/question`, message.encoded);
      const fitsForm = message.decoded.trim().length >= 1 && message.decoded.trim().length <= 2000;
      const answers = !fitsForm ? [400] : pauseAnswers(m!, 303);
      expectStatus(ctx, op, r, answers[0] === 400 || !isHostile(op.message) ? answers : [...answers, 400], `status ${m!.status}, paused ${m!.paused}`);
      if (r.status === 409 && open(m!)) m!.paused = true;
      if (r.status !== 303) return;
      pause(m!, ctx.sys.now() + 14 * DAY);
      expectStored(op, 'client question', (await liveState(ctx, m!)).ladder?.pause?.reason, message.decoded.trim());
      return;
    }
    case 'resume': {
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/resume`, {});
      expectStatus(ctx, op, r, !open(m!) || m!.paused === false ? [409] : m!.paused === 'unknown' ? [200, 409] : [200], `status ${m!.status}, paused ${m!.paused}`);
      if (open(m!)) {
        unpause(m!);
        m!.pendingPaymentId = null;
      }
      return;
    }
    case 'promise': {
      const date = serverDate(ctx, op.inDays);
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/promise`, { date });
      // The owner's own date: no promise limits, within a year.
      expectStatus(ctx, op, r, open(m!) && op.inDays <= 365 ? [200] : [409], `status ${m!.status}`);
      if (r.status !== 200) return;
      unpause(m!);
      m!.pendingPaymentId = null;
      m!.stage = 'promised';
      m!.stageUntil = Date.parse(`${date}T00:00:00Z`) + DAY;
      return;
    }
    case 'void': {
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/void`, {});
      // A draft has no workflow yet: it is voided on the spot.
      expectStatus(ctx, op, r, open(m!) || m!.status === 'draft' ? [200] : [409], `status ${m!.status}`);
      // An issued invoice is cancelled by a full credit note (EU VAT rules), a draft simply voided.
      if (r.status === 200 && m!.workflowId) applyCredit(m!, creditable(m!));
      else if (r.status === 200) settle(m!, 'void', 'void');
      return;
    }
    case 'credit': {
      const amount = Math.max(1, Math.floor((creditable(m!) * op.percent) / 100));
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/credit-notes`, { reason: 'Credit agreed with the client', amount });
      // A paid invoice takes one while its workflow still watches it (120 days); one rate is needed for an amount,
      // and some amounts have no net price that gives them exactly with the VAT.
      const allowed = !m!.workflowId || !(open(m!) || m!.status === 'paid') ? [409]
        : m!.rates.length > 1 ? [400] : m!.rates[0] === 0 ? [201] : [201, 400];
      expectStatus(ctx, op, r, m!.status === 'paid' ? [...allowed, 409] : allowed, `status ${m!.status}, rates ${m!.rates.join('/')}`);
      if (r.status === 201) {
        expectStored(op, 'credit note total', r.body.total, amount);
        applyCredit(m!, amount);
      }
      return;
    }
    case 'collections': {
      const newDueDate = serverDate(ctx, op.inDays);
      const body = op.decision === 'write_off' ? { decision: 'write_off', reason: 'Client closed' } : op.decision === 'extend' ? { decision: 'extend', newDueDate } : { decision: 'agency', agency: 'Fair Collect Ltd' };
      const r = await ctx.sys.call('POST', `/v1/invoices/${m!.id}/collections-decision`, body);
      const inReview = open(m!) && (m!.observedStage === 'collections_review' || m!.observedStage === 'with_agency');
      expectStatus(ctx, op, r, inReview ? [200] : [409], `status ${m!.status}, stage ${m!.observedStage}`);
      if (r.status !== 200) return;
      if (op.decision === 'write_off') settle(m!, 'uncollectible', 'written_off');
      else if (op.decision === 'agency') m!.stage = 'with_agency';
      // Extended: the new round may run its first step at once, so the stage is not known.
      else Object.assign(m!, { stage: null, stageUntil: null, dueDate: newDueDate });
      return;
    }
    case 'skip': {
      await ctx.sys.skip(op.hours * 3_600_000);
      for (const inv of ctx.invoices) timePassed(inv, ctx.sys.now());
      return;
    }
  }
}
