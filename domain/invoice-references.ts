// The invoices a transfer's reference names, however a person or a bank wrote them:
// "INV-2026-0003, INV-2026-0004", "inv 2026 0003", "INV20260004", "Inv/2026/3", or our RF
// references ("RF47 INV2 0260 003"). Pure: the payment webhooks and the owner's assignments use it.
import { invoiceNumberOfReference } from './creditor-reference';
import { formatInvoiceNumber } from './numbering';

/**
 * INV, the year, the sequence, with any of space . _ / - between them or none. Not glued to a
 * letter or digit before it: inside "RF47INV20260003" the RF reference (checked) speaks for it.
 */
const NUMBER = /(?<![A-Z0-9])INV[\s._/-]*(\d{4})[\s._/-]*(\d{1,9})(?!\d)/g;
const RF_START = /(?<![A-Z0-9])RF(?=\s*\d)/g;
/** ISO 11649's longest reference: RF, two check digits, 21 characters. */
const RF_MAX = 25;

interface Found {
  at: number;
  number: string;
}

/**
 * An RF reference starting at `start`, printed in groups or not: the longest run of letters and
 * digits (spaces between groups skipped) that ends where a group ends and checks as ours.
 */
function rfAt(text: string, start: number): string | null {
  const chars: { ch: string; endsGroup: boolean }[] = [];
  for (let i = start; i < text.length && chars.length < RF_MAX; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (chars.length) chars[chars.length - 1].endsGroup = true;
      continue;
    }
    if (!/[A-Z0-9]/.test(ch)) break;
    chars.push({ ch, endsGroup: i + 1 >= text.length || !/[A-Z0-9]/.test(text[i + 1]) });
  }
  for (let length = chars.length; length >= 5; length--) {
    if (!chars[length - 1].endsGroup) continue;
    const number = invoiceNumberOfReference(chars.slice(0, length).map((c) => c.ch).join(''));
    if (number) return number;
  }
  return null;
}

/** Every invoice number the text names, once each, in the order they appear (INV-2026-0003 form). */
export function invoiceNumbersIn(text: string | null | undefined): string[] {
  if (!text) return [];
  const upper = text.toUpperCase();
  const found: Found[] = [];
  for (const m of upper.matchAll(NUMBER)) {
    const sequence = Number(m[2]);
    if (sequence > 0) found.push({ at: m.index!, number: formatInvoiceNumber(Number(m[1]), sequence) });
  }
  for (const m of upper.matchAll(RF_START)) {
    const number = rfAt(upper, m.index!);
    if (number) found.push({ at: m.index!, number });
  }
  const numbers = found.sort((a, b) => a.at - b.at).map((f) => f.number);
  return [...new Set(numbers)];
}
