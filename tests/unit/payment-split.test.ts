// One payment over several invoices: oldest due first, each once, the rest as credit on the last.
import { describe, expect, it } from 'vitest';
import { oldestDueFirst, splitPayment } from '../../domain/payment-split';

const inv = (invoiceId: string, due: number) => ({ invoiceId, due });

describe('splitting a payment', () => {
  it('settles each in turn and leaves the last one part-paid', () => {
    expect(splitPayment(2_500, [inv('a', 1_000), inv('b', 1_000), inv('c', 1_000)])).toEqual({ parts: [{ invoiceId: 'a', amount: 1_000 }, { invoiceId: 'b', amount: 1_000 }, { invoiceId: 'c', amount: 500 }], credit: 0 });
  });

  it('exactly enough: no credit', () => {
    expect(splitPayment(3_000, [inv('a', 1_000), inv('b', 2_000)])).toEqual({ parts: [{ invoiceId: 'a', amount: 1_000 }, { invoiceId: 'b', amount: 2_000 }], credit: 0 });
  });

  it('more than is owed: the rest rides on the last invoice, whose workflow makes it credit', () => {
    expect(splitPayment(3_700, [inv('a', 1_000), inv('b', 2_000)])).toEqual({ parts: [{ invoiceId: 'a', amount: 1_000 }, { invoiceId: 'b', amount: 2_700 }], credit: 700 });
    // Nothing owed anywhere (all paid meanwhile): all of it to the last, as credit.
    expect(splitPayment(500, [inv('a', 0), inv('b', 0)])).toEqual({ parts: [{ invoiceId: 'b', amount: 500 }], credit: 500 });
  });

  it('skips an invoice that owes nothing and stops when the money runs out', () => {
    expect(splitPayment(800, [inv('a', 0), inv('b', 500), inv('c', 900)])).toEqual({ parts: [{ invoiceId: 'b', amount: 500 }, { invoiceId: 'c', amount: 300 }], credit: 0 });
  });

  it('the parts always add up to the payment', () => {
    for (let amount = 1; amount < 5_000; amount += 137) {
      const { parts, credit } = splitPayment(amount, [inv('a', 1_234), inv('b', 0), inv('c', 999)]);
      expect(parts.reduce((sum, p) => sum + p.amount, 0)).toBe(amount);
      expect(credit).toBe(Math.max(0, amount - 2_233));
    }
  });

  it('refuses what is not money or has nowhere to go', () => {
    expect(() => splitPayment(0, [inv('a', 1)])).toThrow();
    expect(() => splitPayment(1.5, [inv('a', 1)])).toThrow();
    expect(() => splitPayment(10, [])).toThrow();
  });

  it('orders oldest due first, then by issue date, then by number', () => {
    const order = oldestDueFirst([
      { number: 'INV-2026-0010', dueDate: '2026-03-01', issueDate: '2026-02-01' },
      { number: 'INV-2026-0002', dueDate: '2026-02-01', issueDate: '2026-01-05' },
      { number: 'INV-2026-10000', dueDate: '2026-02-01', issueDate: '2026-01-01' },
      { number: 'INV-2026-9999', dueDate: '2026-02-01', issueDate: '2026-01-01' },
    ]).map((i) => i.number);
    expect(order).toEqual(['INV-2026-9999', 'INV-2026-10000', 'INV-2026-0002', 'INV-2026-0010']);
  });
});
