import { describe, expect, it } from 'vitest';
import { formatInvoiceNumber, parseInvoiceNumber, workflowIdFor } from '../../domain/numbering';

describe('invoice numbers', () => {
  it('are the year and a zero-padded sequence', () => {
    expect(formatInvoiceNumber(2026, 1)).toBe('INV-2026-0001');
    expect(formatInvoiceNumber(2026, 12345)).toBe('INV-2026-12345');
  });

  it('parse back, and name the workflow', () => {
    expect(parseInvoiceNumber('INV-2026-0042')).toEqual({ year: 2026, sequence: 42 });
    expect(parseInvoiceNumber('2026-42')).toBeNull();
    expect(workflowIdFor('INV-2026-0042')).toBe('invoice-INV-2026-0042');
  });
});
