// A client's statement of account, from the record: every open invoice (oldest due first), the
// credit notes against their invoices, the credit they hold, and the totals per currency.
import { amountDueOf, ClientCredit, CreditNote, Invoice, type ClientDetails, type IssuerSnapshot } from '../db/entities';
import type { Orm } from '../db/orm';
import { creditorReference } from '../domain/creditor-reference';
import { dateIn } from '../domain/dates';
import { oldestDueFirst } from '../domain/payment-split';
import { statementTotals, type StatementTotal } from '../domain/statement';
import type { Stage } from '../domain/types';
import { activeToken } from './invoice-links';
import { issuerSnapshot, loadIssuer, missingIssuerFields } from './issuer';

export interface StatementInvoice {
  id: string;
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  /** Billed: the lines and approved change orders. */
  total: number;
  paid: number;
  /** Late fees less discounts and credit notes. */
  adjustments: number;
  amountDue: number;
  stage: Stage;
  creditorReference: string;
}

export interface Statement {
  clientEmail: string;
  client: ClientDetails;
  issuer: IssuerSnapshot;
  /** The day it is drawn up, on the client's clock. */
  asOf: string;
  invoices: StatementInvoice[];
  creditNotes: { id: string; number: string; invoiceId: string; invoiceNumber: string; issueDate: string; currency: string; total: number; reason: string }[];
  credits: { id: string; currency: string; amount: number; createdAt: string; sourceInvoiceNumber: string | null }[];
  totals: StatementTotal[];
}

const row = (i: Invoice): StatementInvoice => ({
  id: i.id, number: i.number, currency: i.currency, issueDate: i.issueDate, dueDate: i.dueDate, total: i.total + (i.changesTotal ?? 0),
  paid: i.amountPaid, adjustments: i.adjustmentsTotal ?? 0, amountDue: amountDueOf(i), stage: i.stage, creditorReference: creditorReference(i.number),
});

/** Null when the client has no issued invoice: there is nobody to address a statement to. */
export async function buildStatement(orm: Orm, clientEmail: string, now = new Date()): Promise<Statement | null> {
  const em = orm.em.fork();
  const issued = await em.find(Invoice, { clientEmail, status: { $ne: 'draft' } }, { orderBy: { issueDate: 'desc', createdAt: 'desc' } });
  if (issued.length === 0) return null;
  const latest = issued[0];
  const byId = new Map(issued.map((i) => [i.id, i]));
  const [notes, credits, profile] = await Promise.all([
    em.find(CreditNote, { invoiceId: { $in: [...byId.keys()] } }, { orderBy: { year: 'asc', sequence: 'asc' } }),
    em.find(ClientCredit, { clientEmail, appliedToInvoiceId: null }, { orderBy: { createdAt: 'asc' } }),
    loadIssuer(em),
  ]);
  const open = oldestDueFirst(issued.filter((i) => i.status === 'open')).map(row);
  return {
    clientEmail,
    // The client as their latest invoice addresses them; the issuer as the profile stands today (its current bank account).
    client: latest.client,
    issuer: profile && missingIssuerFields(profile).length === 0 ? issuerSnapshot(profile) : latest.issuerSnapshot,
    asOf: dateIn(now, latest.client.timeZone),
    invoices: open,
    creditNotes: notes.map((n) => ({ id: n.id, number: n.number, invoiceId: n.invoiceId, invoiceNumber: byId.get(n.invoiceId)!.number, issueDate: n.issueDate, currency: n.currency, total: n.total, reason: n.reason })),
    credits: credits.map((c) => ({ id: c.id, currency: c.currency, amount: c.amount, createdAt: c.createdAt.toISOString(), sourceInvoiceNumber: c.sourceInvoiceId ? byId.get(c.sourceInvoiceId)?.number ?? null : null })),
    totals: statementTotals(open, credits),
  };
}

/** Each open invoice's page (its client link), so the statement page can lead to it. */
export async function invoicePageTokens(orm: Orm, statement: Statement): Promise<Map<string, string>> {
  const em = orm.em.fork();
  const tokens = await Promise.all(statement.invoices.map(async (i) => [i.id, await activeToken(em, i.id)] as const));
  return new Map(tokens.filter((t): t is readonly [string, string] => !!t[1]));
}
