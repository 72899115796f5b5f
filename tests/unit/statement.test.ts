// The statement's pure parts: the client's view of each invoice, totals per currency, and the
// one transfer reference that names every open invoice.
import { describe, expect, it } from 'vitest';
import { invoiceNumbersIn } from '../../domain/invoice-references';
import { clientStanding, statementReference, statementTotals } from '../../domain/statement';

describe('a statement', () => {
  it('shows the client how each invoice stands, never the ladder\'s inner stages', () => {
    expect(clientStanding('issued', '2026-12-10', '2026-12-01')).toEqual({ kind: 'not_yet_due' });
    expect(clientStanding('due', '2026-12-01', '2026-12-01')).toEqual({ kind: 'due_today' });
    expect(clientStanding('collections_review', '2026-11-01', '2026-12-01')).toEqual({ kind: 'overdue', days: 30 });
    expect(clientStanding('paused', '2026-11-01', '2026-12-01')).toEqual({ kind: 'on_hold' });
    expect(clientStanding('promised', '2026-11-01', '2026-12-01')).toEqual({ kind: 'promised' });
  });

  it('adds up what is due and the credit held, per currency', () => {
    expect(statementTotals(
      [{ currency: 'EUR', amountDue: 1_000 }, { currency: 'USD', amountDue: 50 }, { currency: 'EUR', amountDue: 2_500 }],
      [{ currency: 'EUR', amount: 300 }, { currency: 'GBP', amount: 70 }],
    )).toEqual([
      { currency: 'EUR', amountDue: 3_500, credit: 300, openInvoices: 2 },
      { currency: 'GBP', amountDue: 0, credit: 70, openInvoices: 0 },
      { currency: 'USD', amountDue: 50, credit: 0, openInvoices: 1 },
    ]);
    expect(statementTotals([], [])).toEqual([]);
  });

  it('names every open invoice in one reference that our matching reads back, within 140 characters', () => {
    const few = ['INV-2026-0003', 'INV-2026-0004'];
    expect(statementReference(few)).toBe('INV-2026-0003, INV-2026-0004');
    const many = Array.from({ length: 11 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, '0')}`);
    expect(statementReference(many)).toBe(many.map((n) => n.replace(/-/g, '')).join(' '));
    expect(invoiceNumbersIn(statementReference(many))).toEqual(many);
    const tooMany = Array.from({ length: 20 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, '0')}`);
    expect(statementReference(tooMany).length).toBeLessThanOrEqual(140);
    expect(invoiceNumbersIn(statementReference(tooMany))).toEqual(tooMany.slice(0, 11));
  });
});
