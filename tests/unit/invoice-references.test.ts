// Transfer references as people and banks mangle them: every invoice they name, once, in order.
import { describe, expect, it } from 'vitest';
import { invoiceNumbersIn } from '../../domain/invoice-references';

describe('invoice numbers in a transfer reference', () => {
  it.each([
    ['INV-2026-0003, INV-2026-0004', ['INV-2026-0003', 'INV-2026-0004']],
    ['inv 2026 0003 and INV20260004', ['INV-2026-0003', 'INV-2026-0004']],
    ['Invoices inv-2026-0003; inv_2026_0004 / Inv.2026.0005', ['INV-2026-0003', 'INV-2026-0004', 'INV-2026-0005']],
    ['INV/2026/3 INV 2026 04', ['INV-2026-0003', 'INV-2026-0004']],
    ['payment INV2026 0004 INV 20260003', ['INV-2026-0004', 'INV-2026-0003']],
    ['INV-2026-12345', ['INV-2026-12345']],
    ['INV-2026-0003 INV-2026-0003 again', ['INV-2026-0003']],
  ])('%s', (text, numbers) => {
    expect(invoiceNumbersIn(text)).toEqual(numbers);
  });

  it('reads our RF references, printed or not, in any case, beside plain numbers', () => {
    expect(invoiceNumbersIn('RF59INV20260003')).toEqual(['INV-2026-0003']);
    expect(invoiceNumbersIn('rf59 inv2 0260 003, RF32 INV2 0260 004 thanks')).toEqual(['INV-2026-0003', 'INV-2026-0004']);
    expect(invoiceNumbersIn('RF32INV20260004 + INV-2026-0005')).toEqual(['INV-2026-0004', 'INV-2026-0005']);
  });

  it('ignores an RF reference whose check digits fail, and text that only looks like a number', () => {
    expect(invoiceNumbersIn('RF58INV20260003')).toEqual([]);
    expect(invoiceNumbersIn('RF18 5390 0754 7034')).toEqual([]); // valid, but not ours
    expect(invoiceNumbersIn('XINV-2026-0003 INV-26-3 INV-2026-0000 invoice 2026')).toEqual([]);
    expect(invoiceNumbersIn('')).toEqual([]);
    expect(invoiceNumbersIn(null)).toEqual([]);
  });
});
