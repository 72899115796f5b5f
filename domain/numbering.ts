// Invoice numbers are gapless per issuer and year: INV-2026-0001, INV-2026-0002, …
// The sequence itself is allocated in the database (db/invoice-numbers.ts); this is only its shape.

export function formatInvoiceNumber(year: number, sequence: number): string {
  return `INV-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseInvoiceNumber(number: string): { year: number; sequence: number } | null {
  const match = /^INV-(\d{4})-(\d{4,})$/.exec(number);
  return match ? { year: Number(match[1]), sequence: Number(match[2]) } : null;
}

export const DEFAULT_WORKFLOW_ID_PREFIX = 'invoice-';

/**
 * One workflow per invoice, named after its number so operators can find it by eye. Deployments
 * that share one Temporal namespace (staging beside production, parallel test runs) each need
 * their own prefix, or their invoice numbers would collide.
 */
export function workflowIdFor(invoiceNumber: string, prefix = DEFAULT_WORKFLOW_ID_PREFIX): string {
  return `${prefix}${invoiceNumber}`;
}
