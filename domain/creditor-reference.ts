// The structured creditor reference of ISO 11649 ("RF" + two check digits + up to 21 letters or
// digits), as banks carry it in a SEPA transfer's structured remittance field. Each invoice's is
// made from its number (INV-2026-0003 -> RFkkINV20260003), so the reference alone names the
// invoice and a bank can refuse a mistyped one. Pure.
import { formatInvoiceNumber } from './numbering';

/** "RF", two digits, 1 to 21 letters or digits: 25 characters at most. */
const ELECTRONIC = /^RF(\d{2})([A-Z0-9]{1,21})$/;
/** The part of an invoice number that survives without its dashes: INV, the year, the sequence. */
const INVOICE_BODY = /^INV(\d{4})(\d{4,14})$/;

/** Letters as two digits (A=10 … Z=35), then the remainder mod 97, a digit at a time (no bigint). */
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

/** The two check digits for a reference body: 98 minus (body + "RF00") mod 97, zero-padded. */
export function rfCheckDigits(body: string): string {
  return String(98 - mod97(`${body}RF00`)).padStart(2, '0');
}

/** Spaces (any), dashes and case removed: how a person's or a bank's copy is compared. */
const compact = (input: string) => input.replace(/[\s-]+/g, '').toUpperCase();

/** The reference in electronic form when it is a valid RF reference (any spacing, any case), else null. */
export function parseCreditorReference(input: string): string | null {
  const ref = compact(input);
  const match = ELECTRONIC.exec(ref);
  if (!match) return null;
  // ISO 11649: the first four characters moved to the end leave a number whose rest mod 97 is 1.
  return mod97(match[2] + ref.slice(0, 4)) === 1 ? ref : null;
}

/** An RF reference for any body of 1 to 21 letters or digits (separators and case ignored). */
export function makeCreditorReference(reference: string): string {
  const body = compact(reference);
  if (!/^[A-Z0-9]{1,21}$/.test(body)) throw new Error('an RF reference takes 1 to 21 letters or digits');
  return `RF${rfCheckDigits(body)}${body}`;
}

/** The invoice's RF reference: INV-2026-0003 -> RF..INV20260003. */
export function creditorReference(invoiceNumber: string): string {
  return makeCreditorReference(invoiceNumber.replace(/[^A-Za-z0-9]/g, ''));
}

/** The invoice number an RF reference of ours names (INV-2026-0003), or null for any other reference. */
export function invoiceNumberOfReference(input: string): string | null {
  const ref = parseCreditorReference(input);
  const body = ref && INVOICE_BODY.exec(ref.slice(4));
  return body ? formatInvoiceNumber(Number(body[1]), Number(body[2])) : null;
}

/** The printed form ISO 11649 asks for: groups of four, the last one shorter ("RF18 5390 0754 7034"). */
export function printCreditorReference(reference: string): string {
  return compact(reference).replace(/(.{4})(?=.)/g, '$1 ');
}
