// Issuing an invoice: validate against the issuer, number it, price it, store it, start its workflow.
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Invoice, ReferenceRateRecord } from '../db/entities';
import type { Orm } from '../db/orm';
import { addDays, dateIn, daysBetween } from '../domain/dates';
import { IDEMPOTENCY_KEY_LIFETIME_HOURS } from '../domain/idempotency';
import { computeTotals } from '../domain/money';
import { vatProblems } from '../domain/vat';
import type { LateFeeTerms } from '../domain/fees';
import { referenceRateOn, statutoryTerms } from '../domain/late-payment';
import { formatInvoiceNumber, workflowIdFor } from '../domain/numbering';
import type { InvoiceCreate } from '../api/schemas';
import { DomainError } from './errors';
import { alignToPaymentDay, choosePolicy, clientPaymentDay } from './policies';
import { DEFAULT_ISSUER_ID, issuerSnapshot, loadIssuer, missingIssuerFields } from './issuer';
import { applyClientCredits } from './credits';
import { createLink } from './invoice-links';
import { markWorkflowStarted, startInvoiceWorkflow } from './invoice-workflow';
import { eventInvoiceState } from '../domain/events';
import { recordEvents, type Lane } from './event-log';
import { wakeLanes } from './webhook-lanes';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings';

const START_DEADLINE_MS = 5_000;

export interface CreateInvoiceDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  now?: () => Date;
  /** False only against the time-skipping test server, which knows no custom search attributes. */
  searchAttributes?: boolean;
  /** See workflowIdFor: only deployments sharing a namespace set it. */
  workflowIdPrefix?: string;
  /** How the invoice.issued event reaches webhook endpoints. */
  webhooks?: WebhookSettings;
}

/** invoice.issued, in the issuing transaction: the one event the API writes, as creation is its one row-first step. */
function issuedEvent(em: EntityManager, invoice: Invoice, now: Date): Promise<Lane[]> {
  return recordEvents(em, [{ key: `${invoice.id}:issued`, type: 'invoice.issued', invoiceId: invoice.id, invoiceSeq: 0, at: now,
    data: { invoice: eventInvoiceState(invoice, invoice), message: `Invoice ${invoice.number} issued.` } }]);
}

const wakeAfterIssue = (deps: CreateInvoiceDeps, lanes: Lane[]) =>
  wakeLanes({ temporal: deps.temporal, taskQueue: deps.taskQueue, workflowIdPrefix: deps.workflowIdPrefix, webhooks: deps.webhooks ?? DEFAULT_WEBHOOK_SETTINGS }, lanes);

/**
 * Dates, policy, terms and link for an invoice being issued, in the caller's transaction; the row
 * is written here still as a draft (no number), so that numbering it is the transaction's last act.
 */
async function prepareIssue(em: EntityManager, invoice: Invoice, input: InvoiceCreate, now: Date): Promise<{ year: number }> {
  const issuer = await loadIssuer(em);
  const missing = missingIssuerFields(issuer);
  if (missing.length > 0) {
    throw new DomainError('issuer_incomplete', `Complete your business profile (PUT /v1/issuer) before sending invoices; missing: ${missing.join(', ')}`,
      missing.map((f) => ({ field: `issuer.${f}`, message: 'is required on every invoice' })));
  }
  const vat = vatProblems(invoice.lines, {
    issuerTaxId: issuer!.taxId, issuerCountry: issuer!.country, clientTaxId: input.client.taxId, clientCountry: input.client.country,
    exemptionReason: input.taxExemptionReason, hasSupplyDate: Boolean(input.supplyDate ?? input.supplyPeriod),
  });
  if (vat.length > 0) {
    throw new DomainError('vat_incomplete', `The invoice lacks what its VAT case needs: ${vat.map((p) => `${p.path.join('.')} ${p.message}`).join('; ')}`,
      vat.map((p) => ({ field: p.path.join('.'), message: p.message })));
  }
  const issueDate = dateIn(now, issuer!.timeZone);
  const year = Number(issueDate.slice(0, 4));
  const terms = { earlyPayment: input.earlyPayment, lateFees: await lateFeeTerms(em, input, issueDate) };
  const { policy, reason } = await choosePolicy(em, { requested: input.policy, clientEmail: invoice.clientEmail, today: issueDate });
  const paymentDay = input.client.paymentDay ?? (await clientPaymentDay(em, invoice.clientEmail));
  const dueDate = alignToPaymentDay(addDays(issueDate, input.termsDays), paymentDay);
  em.assign(invoice, {
    stage: 'issued',
    client: { ...invoice.client, timeZone: input.client.timeZone ?? issuer!.timeZone },
    // The client's payment cycle may move the due date; the terms say the real number of days.
    termsDays: daysBetween(issueDate, dueDate),
    issueDate,
    dueDate,
    issuerSnapshot: issuerSnapshot(issuer!),
    ladder: policy.steps,
    policy,
    policyName: policy.name,
    policyReason: reason,
    terms,
    draftRequest: null,
    updatedAt: now,
  });
  await em.flush();
  await createLink(em, invoice.id);
  return { year };
}

/** Late-fee terms as the invoice states them: a statutory preset becomes its rate and compensation on the issue date. */
async function lateFeeTerms(em: EntityManager, input: InvoiceCreate, issueDate: string): Promise<LateFeeTerms | undefined> {
  const fees = input.lateFees;
  if (!fees || !('preset' in fees)) return fees;
  const rates = await em.find(ReferenceRateRecord, {});
  const resolved = statutoryTerms(fees, input.currency, referenceRateOn(rates.map((r) => ({ ratePercent: Number(r.ratePercent), effectiveFrom: r.effectiveFrom })), issueDate));
  if ('problem' in resolved) throw new DomainError('terms_incomplete', `Late-payment terms: ${resolved.problem.message}`, [resolved.problem]);
  return resolved.terms;
}

/**
 * The number, last before commit. It comes from a per-issuer, per-year counter row that the
 * transaction holds locked until it ends, so concurrent issues queue on it and a rolled-back one
 * frees its number: gapless. The less follows the lock, the more invoices per second can be
 * issued at once (README, benchmarks): here, one statement and the row's update.
 */
async function numberInvoice(em: EntityManager, invoice: Invoice, year: number, workflowIdPrefix?: string): Promise<void> {
  const [{ last_sequence: sequence }] = await em.execute<{ last_sequence: number }[]>(
    `insert into invoice_counter (issuer_id, year, last_sequence) values (?, ?, 1)
     on conflict (issuer_id, year) do update set last_sequence = invoice_counter.last_sequence + 1
     returning last_sequence`,
    [DEFAULT_ISSUER_ID, year],
  );
  const number = formatInvoiceNumber(year, sequence);
  em.assign(invoice, { number, year, sequence, status: 'open', workflowId: workflowIdFor(number, workflowIdPrefix) });
  await em.flush();
}

/** The document itself: lines priced on the server, client and terms as given. */
function newInvoice(input: InvoiceCreate, now: Date): Invoice {
  const totals = computeTotals(input.lines);
  const today = now.toISOString().slice(0, 10);
  const invoice = new Invoice();
  Object.assign(invoice, {
    id: randomUUID(),
    issuerId: DEFAULT_ISSUER_ID,
    number: null,
    year: null,
    sequence: null,
    status: 'draft',
    stage: 'issued',
    currency: input.currency,
    subtotal: totals.subtotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
    amountPaid: 0,
    client: { ...input.client, timeZone: input.client.timeZone ?? 'UTC' },
    clientEmail: input.client.email.toLowerCase(),
    poNumber: input.poNumber ?? null,
    note: input.note ?? null,
    // Provisional until issued: the real dates are set on the day it goes out.
    termsDays: input.termsDays,
    issueDate: today,
    dueDate: addDays(today, input.termsDays),
    lines: totals.lines,
    supply: input.supplyDate ? { date: input.supplyDate } : input.supplyPeriod ?? null,
    taxExemptionReason: input.taxExemptionReason ?? null,
    buyerReference: input.buyerReference ?? null,
    issuerSnapshot: {},
    ladder: [],
    policy: null,
    policyName: input.policy ?? 'auto',
    policyReason: 'chosen when issued',
    terms: { earlyPayment: input.earlyPayment, lateFees: input.lateFees },
    adjustmentsTotal: 0,
    paidAt: null,
    workflowId: null,
    workflowStartedAt: null,
    draftRequest: input,
    createdAt: now,
    updatedAt: now,
  });
  return invoice;
}

/** After the commit: a workflow never exists without its row; a lost start is the reconciler's. */
async function startAfterCommit(deps: CreateInvoiceDeps, invoice: Invoice): Promise<boolean> {
  try {
    // Bounded: with Temporal down the client answers in seconds and the reconciler takes over.
    await deps.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      startInvoiceWorkflow(deps.temporal, deps.taskQueue, invoice, { searchAttributes: deps.searchAttributes }),
    );
  } catch (err) {
    logger.warn('workflow start deferred to the reconciler', { invoiceId: invoice.id, invoiceNumber: invoice.number, workflowId: invoice.workflowId, error: err });
    return false;
  }
  // Independent of each other: side by side, the answer comes a round trip sooner.
  const marked = markWorkflowStarted(deps.orm, invoice.id).catch((err) =>
    logger.warn('workflow start not marked; the reconciler will find it running', { invoiceId: invoice.id, invoiceNumber: invoice.number, error: err }),
  );
  const credited = applyClientCredits(deps, invoice).catch((err) =>
    logger.warn('client credit not applied; it stays available', { invoiceId: invoice.id, invoiceNumber: invoice.number, error: err }),
  );
  await Promise.all([marked, credited]);
  return true;
}

/** Issues an invoice at once, or keeps it as a draft (no number, no email, no ladder). */
export async function createInvoice(
  deps: CreateInvoiceDeps,
  input: InvoiceCreate & { draft?: boolean },
  options: {
    /** Runs inside the issuing transaction; a throw undoes the whole invoice, number included. */
    within?: (em: EntityManager, invoice: Invoice) => Promise<void>;
    /** The request's Idempotency-Key: kept with the invoice, so a retry gets this invoice back. */
    idempotencyKey?: string;
  } = {},
): Promise<{ invoice: Invoice; workflowStarted: boolean }> {
  const { within, idempotencyKey } = options;
  if (idempotencyKey !== undefined) {
    // Created by an earlier try whose answer was lost: that invoice is the answer (its workflow,
    // if the start was lost too, is the reconciler's).
    const earlier = await deps.orm.em.fork().findOne(Invoice, { idempotencyKey, createdAt: { $gt: new Date(Date.now() - IDEMPOTENCY_KEY_LIFETIME_HOURS * 3_600_000) } });
    if (earlier) return { invoice: earlier, workflowStarted: earlier.workflowStartedAt != null };
  }
  const now = deps.now?.() ?? new Date();
  const { draft, ...request } = input;
  let lanes: Lane[] = [];
  const invoice = await deps.orm.em.fork().transactional(async (em) => {
    const created = newInvoice(request, now);
    created.idempotencyKey = idempotencyKey ?? null;
    if (draft) {
      await em.persistAndFlush(created);
      return created;
    }
    em.persist(created);
    const { year } = await prepareIssue(em, created, request, now);
    await within?.(em, created);
    await numberInvoice(em, created, year, deps.workflowIdPrefix);
    lanes = await issuedEvent(em, created, now);
    return created;
  });
  metrics.invoicesCreated.inc({ status: invoice.status });
  logger.info(draft ? 'draft created' : 'invoice issued', { invoiceId: invoice.id, invoiceNumber: invoice.number, workflowId: invoice.workflowId, total: invoice.total, currency: invoice.currency });
  if (draft) return { invoice, workflowStarted: false };
  // Independent: the webhook lane's wake-up goes beside the workflow's start, not before it.
  const [workflowStarted] = await Promise.all([startAfterCommit(deps, invoice), wakeAfterIssue(deps, lanes)]);
  return { invoice, workflowStarted };
}

/** A draft goes out: numbered today, its ladder started. */
export async function issueDraft(deps: CreateInvoiceDeps, invoiceId: string): Promise<Invoice> {
  const now = deps.now?.() ?? new Date();
  let lanes: Lane[] = [];
  const invoice = await deps.orm.em.fork().transactional(async (em) => {
    const draft = await em.findOne(Invoice, { id: invoiceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!draft) throw new DomainError('invoice_not_found', `No invoice with id ${invoiceId}`);
    if (draft.status !== 'draft') throw new DomainError('not_allowed_now', `Invoice ${draft.number} is already issued.`);
    const { year } = await prepareIssue(em, draft, draft.draftRequest as InvoiceCreate, now);
    await numberInvoice(em, draft, year, deps.workflowIdPrefix);
    lanes = await issuedEvent(em, draft, now);
    return draft;
  });
  await Promise.all([startAfterCommit(deps, invoice), wakeAfterIssue(deps, lanes)]);
  return invoice;
}
