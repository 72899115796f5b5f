// The EPC QR code ("SEPA QR", "GiroCode"), as the European Payments Council's EPC069-12 defines
// it: a banking app scans it and fills in a SEPA credit transfer. Pure: the client's page and the
// PDF both draw the payload built here.
import { EU_COUNTRIES } from './vat';

export interface EpcTransfer {
  /** The beneficiary's name; cut to 70 characters. */
  name: string;
  iban: string;
  /** Optional in version 002 inside the EEA; required for a beneficiary outside it. */
  bic?: string | null;
  /** Euro cents. */
  amountMinor: number;
  /** Unstructured remittance information (up to 140 characters): the invoice number. */
  text?: string | null;
  /** A structured ISO 11649 creditor reference ("RF…", up to 35 characters), instead of text. */
  creditorReference?: string | null;
  /** An ISO 20022 purpose code of four letters, e.g. GDDS. */
  purpose?: string | null;
}

export const EPC_LIMITS = { name: 70, iban: 34, text: 140, creditorReference: 35, payloadBytes: 331, minAmount: 1, maxAmount: 99_999_999_999 } as const;

/** The EEA: the EU and Iceland, Liechtenstein, Norway. The BIC may be left out only in here. */
const EEA = new Set([...EU_COUNTRIES, 'IS', 'LI', 'NO']);

const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();
/** Cut by characters (code points), not UTF-16 units: a cut never splits a letter. */
const cut = (s: string, max: number) => [...s].slice(0, max).join('');
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();
const utf8 = new TextEncoder();
const bytes = (s: string) => utf8.encode(s).length;

/** ISO 13616: two letters, two check digits, up to 30 letters or digits, and the mod-97 check. */
export function isValidIban(value: string): boolean {
  const iban = compact(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** "EUR" and the amount with a decimal point and two decimals: EUR12.30, from cents, exactly. */
export function epcAmount(cents: number): string {
  return `EUR${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export type EpcResult = { payload: string } | { problem: string };

/**
 * The payload, or why there can be none. Fields in the order EPC069-12 lists them, one a line
 * (LF), version 002, UTF-8 (character set 1), SCT; nothing after the last field that has a value.
 */
export function epcQr(t: EpcTransfer): EpcResult {
  const iban = compact(t.iban);
  const bic = t.bic ? compact(t.bic) : '';
  if (!isValidIban(iban) || iban.length > EPC_LIMITS.iban) return { problem: 'the IBAN is not valid' };
  if (bic && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) return { problem: 'the BIC is not 8 or 11 letters and digits' };
  if (!bic && !EEA.has(iban.slice(0, 2))) return { problem: 'a beneficiary outside the EEA needs a BIC' };
  if (!Number.isInteger(t.amountMinor) || t.amountMinor < EPC_LIMITS.minAmount || t.amountMinor > EPC_LIMITS.maxAmount) {
    return { problem: 'the amount must be from EUR0.01 to EUR999999999.99' };
  }
  if (t.text && t.creditorReference) return { problem: 'give a creditor reference or a text, not both' };
  const reference = t.creditorReference ? compact(t.creditorReference) : '';
  if (reference.length > EPC_LIMITS.creditorReference) return { problem: 'the creditor reference is longer than 35 characters' };
  const purpose = t.purpose ? compact(t.purpose) : '';
  if (purpose && !/^[A-Z]{4}$/.test(purpose)) return { problem: 'the purpose code is not four letters' };
  let text = t.text ? cut(oneLine(t.text), EPC_LIMITS.text) : '';
  let name = cut(oneLine(t.name), EPC_LIMITS.name);
  if (!name) return { problem: 'the beneficiary needs a name' };

  const build = () => {
    const fields = ['BCD', '002', '1', 'SCT', bic, name, iban, epcAmount(t.amountMinor), purpose, reference, text];
    while (fields[fields.length - 1] === '') fields.pop();
    return fields.join('\n');
  };
  // Long text in a script of several bytes a letter can pass 331 bytes: shorten the name (the bank
  // shows it) to 20 letters first, then the text; never the IBAN, the amount or the reference.
  const length = (s: string) => [...s].length;
  while (bytes(build()) > EPC_LIMITS.payloadBytes) {
    if (length(name) > 20) name = cut(name, length(name) - 1);
    else if (length(text) > 0) text = cut(text, length(text) - 1).trimEnd();
    else break;
  }
  const payload = build();
  return bytes(payload) <= EPC_LIMITS.payloadBytes ? { payload } : { problem: 'the payload is longer than 331 bytes' };
}

/** The payload when there can be one, else null (the bank details are still printed). */
export function epcQrPayload(t: EpcTransfer): string | null {
  const result = epcQr(t);
  return 'payload' in result ? result.payload : null;
}
