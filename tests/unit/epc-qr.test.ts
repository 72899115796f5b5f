// The EPC QR payload against EPC069-12's rules: field order, lengths, the amount's format, the
// 331-byte limit, the BIC rule, a valid IBAN, text or creditor reference but not both.
import { describe, expect, it } from 'vitest';
import { epcAmount, epcQr, epcQrPayload, isValidIban } from '../../domain/epc-qr';

const BASE = { name: 'Studio Ivanova', iban: 'BG80 BNBG 9661 1020 3456 78', bic: 'BNBGBGSD', amountMinor: 154_000, text: 'INV-2026-0042' };
const lines = (payload: string | null) => payload!.split('\n');
const problem = (result: ReturnType<typeof epcQr>) => ('problem' in result ? result.problem : null);

describe('the EPC QR payload', () => {
  it('lists the fields in the order of EPC069-12, one a line, version 002 in UTF-8', () => {
    expect(lines(epcQrPayload(BASE))).toEqual(['BCD', '002', '1', 'SCT', 'BNBGBGSD', 'Studio Ivanova', 'BG80BNBG96611020345678', 'EUR1540.00', '', '', 'INV-2026-0042']);
  });

  it('writes the amount as EUR, a decimal point and two decimals, from cents exactly', () => {
    expect(epcAmount(1)).toBe('EUR0.01');
    expect(epcAmount(1_234)).toBe('EUR12.34');
    expect(epcAmount(1_230)).toBe('EUR12.30');
    expect(epcAmount(99_999_999_999)).toBe('EUR999999999.99');
    expect(lines(epcQrPayload({ ...BASE, amountMinor: 1_234 }))[7]).toMatch(/^EUR\d{1,9}\.\d{2}$/);
  });

  it('takes amounts from EUR0.01 to EUR999999999.99 only', () => {
    expect(problem(epcQr({ ...BASE, amountMinor: 0 }))).toMatch(/amount/);
    expect(problem(epcQr({ ...BASE, amountMinor: 100_000_000_000 }))).toMatch(/amount/);
    expect(problem(epcQr({ ...BASE, amountMinor: 12.5 }))).toMatch(/amount/);
    expect(epcQrPayload({ ...BASE, amountMinor: 99_999_999_999 })).not.toBeNull();
  });

  it('leaves nothing after the last field with a value', () => {
    const payload = epcQrPayload({ ...BASE, text: null })!;
    expect(payload.endsWith('EUR1540.00')).toBe(true);
    expect(payload).not.toMatch(/\n$/);
  });

  it('puts a creditor reference in the structured field, and refuses both a reference and a text', () => {
    expect(lines(epcQrPayload({ ...BASE, text: null, creditorReference: 'RF18 5390 0754 7034' }))[9]).toBe('RF18539007547034');
    expect(problem(epcQr({ ...BASE, creditorReference: 'RF18539007547034' }))).toMatch(/not both/);
    expect(problem(epcQr({ ...BASE, text: null, creditorReference: `RF${'1'.repeat(34)}` }))).toMatch(/35/);
  });

  it('cuts the name to 70 characters and the text to 140, on one line each', () => {
    const l = lines(epcQrPayload({ ...BASE, name: 'N'.repeat(200), text: `a\nb${'T'.repeat(300)}` }));
    expect(l[5]).toHaveLength(70);
    expect(l[10]).toHaveLength(140);
    expect(l[10].startsWith('a b')).toBe(true);
    expect(l).toHaveLength(11);
  });

  it('stays within 331 bytes with names and text in Cyrillic, never cutting a letter in two', () => {
    const payload = epcQrPayload({ ...BASE, name: 'Я'.repeat(70), text: 'Ж'.repeat(140), purpose: 'GDDS' })!;
    expect(Buffer.byteLength(payload, 'utf8')).toBeLessThanOrEqual(331);
    expect(payload).not.toContain('\uFFFD');
    expect(lines(payload)[6]).toBe('BG80BNBG96611020345678');
    expect(lines(payload)[7]).toBe('EUR1540.00');
    expect(lines(payload)[8]).toBe('GDDS');
  });

  it('needs a valid IBAN, a well-formed BIC, and a BIC outside the EEA', () => {
    expect(isValidIban('BG80BNBG96611020345678')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('BG81BNBG96611020345678')).toBe(false);
    expect(problem(epcQr({ ...BASE, iban: 'BG81BNBG96611020345678' }))).toMatch(/IBAN/);
    expect(problem(epcQr({ ...BASE, bic: 'BNBG' }))).toMatch(/BIC/);
    expect(lines(epcQrPayload({ ...BASE, bic: null }))[4]).toBe('');
    // Switzerland is in SEPA but not in the EEA.
    expect(problem(epcQr({ ...BASE, iban: 'CH9300762011623852957', bic: null }))).toMatch(/outside the EEA/);
    expect(epcQrPayload({ ...BASE, iban: 'CH9300762011623852957', bic: 'UBSWCHZH80A' })).not.toBeNull();
  });

  it('refuses a purpose code that is not four letters', () => {
    expect(problem(epcQr({ ...BASE, purpose: 'GOODS' }))).toMatch(/purpose/);
  });
});
