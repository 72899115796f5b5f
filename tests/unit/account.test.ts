// The invoice's account: the one balance and the one offer rule that the workflow, the API views,
// emails, the page and the PDF all use.
import { describe, expect, it } from 'vitest';
import {
  accountDue,
  amountDue,
  applyPayment,
  applyRefund,
  changeOrderProblem,
  decideChangeOrder,
  lateFeeCharge,
  offerState,
  openAccount,
  paymentProblem,
  rowOf,
  type Account,
} from '../../domain/account';

const TOTAL = 100_000;
const offer = { terms: { earlyPayment: { percent: 2, withinDays: 10 } }, issueDate: '2026-12-01', timeZone: 'Europe/Sofia', total: TOTAL };
const inWindow = Date.parse('2026-12-05T10:00:00Z');
// The deadline day (11 December) ends at midnight in Sofia, 22:00 UTC.
const lastMinute = Date.parse('2026-12-11T21:59:00Z');
const afterWindow = Date.parse('2026-12-11T22:00:00Z');
const pay = (a: Account, key: string, amount: number, now = inWindow) =>
  applyPayment(offer, a, { key, amount, currency: 'EUR', method: 'bank_transfer', reference: null, receivedAt: new Date(now).toISOString() }, now).account;
const fresh = () => openAccount({ total: TOTAL, currency: 'EUR', dueDate: '2026-12-31' });

describe('the balance', () => {
  it('is total plus change orders and fees, minus discount and payments, never below zero', () => {
    expect(amountDue({ total: 100, changes: 20, adjustments: 5, paid: 50 })).toBe(75);
    expect(amountDue({ total: 100, changes: 0, adjustments: -2, paid: 200 })).toBe(0);
  });

  it('the row the projection writes gives the same balance as the account', () => {
    const a = lateFeeCharge(pay(fresh(), 'p1', 30_000), { key: 'fee', amount: 2_500, description: 'fee' }).account;
    const row = rowOf(a);
    expect(amountDue({ total: TOTAL, changes: row.changesTotal, adjustments: row.adjustmentsTotal, paid: row.amountPaid })).toBe(accountDue(a));
  });
});

describe('the early-payment offer', () => {
  it('still stands after a part payment, and says what now settles the invoice', () => {
    const a = pay(fresh(), 'p1', 30_000);
    expect(offerState(offer, { status: a.status, discount: a.discount, amounts: { total: TOTAL, changes: 0, adjustments: 0, paid: a.paid } }, inWindow))
      .toMatchObject({ stands: true, applied: false, discount: 2_000, payNow: 68_000 });
  });

  it('is earned by paying the rest less the discount within the window, through its last minute on the client\'s clock', () => {
    const a = pay(pay(fresh(), 'p1', 30_000), 'p2', 68_000, lastMinute);
    expect(a).toMatchObject({ status: 'paid', discount: 2_000, paid: 98_000 });
    expect(accountDue(a)).toBe(0);
  });

  it('is gone after its last day: the full balance stands', () => {
    const a = pay(fresh(), 'p1', 98_000, afterWindow);
    expect(a).toMatchObject({ status: 'open', discount: 0 });
    expect(accountDue(a)).toBe(2_000);
  });

  it('does not stand on a closed invoice', () => {
    expect(offerState(offer, { status: 'void', discount: 0, amounts: { total: TOTAL, changes: 0, adjustments: 0, paid: 0 } }, inWindow)?.stands).toBe(false);
  });
});

describe('money events', () => {
  it('an overpayment settles the invoice and the rest becomes credit, once', () => {
    const r = applyPayment(offer, fresh(), { key: 'p1', amount: 120_000, currency: 'EUR', method: 'card', reference: null, receivedAt: '' }, afterWindow);
    expect(r.account.status).toBe('paid');
    expect(r.entries.credit).toEqual({ key: 'credit:p1', amount: 20_000 });
  });

  it('a refund reopens a paid invoice at the stage its ladder stood', () => {
    const paid = pay({ ...fresh(), stage: 'overdue', ladderStage: 'overdue' }, 'p1', TOTAL, afterWindow);
    expect(paid).toMatchObject({ status: 'paid', stage: 'paid' });
    expect(applyRefund(paid, { key: 'refund:r1', amount: 10_000, reason: null, at: '' }).account).toMatchObject({ status: 'open', stage: 'overdue', paid: 90_000 });
  });

  it('a declined change order is never billed, an approved one is; a second, different decision is refused', () => {
    const d = { changeOrderId: 'co1', amount: 5_000, description: 'x', name: 'n', at: '', ip: '', userAgent: '' };
    const declined = decideChangeOrder(fresh(), { ...d, approved: false }).account;
    expect(accountDue(declined)).toBe(TOTAL);
    expect(changeOrderProblem(declined, { ...d, approved: true })).toMatch(/already declined/);
    expect(accountDue(decideChangeOrder(fresh(), { ...d, approved: true }).account)).toBe(TOTAL + 5_000);
  });

  it('refuses a payment in another currency, of no amount, or past the ledger\'s bound', () => {
    expect(paymentProblem(fresh(), { amount: 1, currency: 'USD' })).toMatch(/currency/);
    expect(paymentProblem(fresh(), { amount: 0, currency: 'EUR' })).toMatch(/positive/);
    expect(paymentProblem({ ...fresh(), paid: 999_999_999_999_999 }, { amount: 2, currency: 'EUR' })).toMatch(/add up/);
  });

  it('every change moves the sequence number forward', () => {
    const a = fresh();
    const b = pay(a, 'p1', 1);
    expect(b.seq).toBeGreaterThan(a.seq);
  });
});
