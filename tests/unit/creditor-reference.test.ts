// ISO 11649 against published references: the standard's own RF18 5390 0754 7034, and references
// that other implementations' test suites (Swiss QR bill, creditor_reference) hold valid.
import { describe, expect, it } from 'vitest';
import { creditorReference, invoiceNumberOfReference, makeCreditorReference, parseCreditorReference, printCreditorReference, rfCheckDigits } from '../../domain/creditor-reference';

const KNOWN_GOOD = [
  'RF18539007547034', 'RF18 5390 0754 7034', 'RF18000000000539007547034', 'RF471234567890', 'RF712348231', 'RF71 2348 231',
  'RF49N73GBST73AKL38ZX', 'RF08 B370 0321', 'RF45G72UUR', 'RF6518K5', 'RF19AB2G59X56V543', 'RF 48 5000056789012345',
];

describe('ISO 11649 creditor references', () => {
  it.each(KNOWN_GOOD)('accepts %s', (ref) => {
    expect(parseCreditorReference(ref)).toBe(ref.replace(/\s/g, ''));
  });

  it('normalises spaces and lowercase', () => {
    expect(parseCreditorReference('rf18 5390 0754 7034')).toBe('RF18539007547034');
    expect(parseCreditorReference('  Rf49n73gbst73akl38zx ')).toBe('RF49N73GBST73AKL38ZX');
  });

  it.each([
    ['a wrong check digit', 'RF19539007547034'], ['two digits swapped', 'RF18539007547043'], ['no RF', '18539007547034'],
    ['letters as check digits', 'RFAB539007547034'], ['longer than 25', `RF18${'1'.repeat(22)}`], ['nothing after the check digits', 'RF18'],
    ['a character outside A-Z 0-9', 'RF18 5390.0754'],
  ])('refuses %s', (_what, ref) => {
    expect(parseCreditorReference(ref)).toBeNull();
  });

  it('makes the check digits the standard gives, zero-padded', () => {
    expect(rfCheckDigits('539007547034')).toBe('18');
    expect(makeCreditorReference('AB2G5 9X56 V543')).toBe('RF19AB2G59X56V543');
    expect(makeCreditorReference('5000056789012345')).toBe('RF485000056789012345');
    expect(makeCreditorReference('7')).toBe('RF097');
    expect(() => makeCreditorReference('x'.repeat(22))).toThrow(/21/);
  });

  it('gives every invoice its own, and reads the invoice back from it', () => {
    expect(creditorReference('INV-2026-0003')).toBe('RF59INV20260003');
    expect(creditorReference('INV-2026-0004')).toBe('RF32INV20260004');
    expect(parseCreditorReference(creditorReference('INV-2031-123456'))).not.toBeNull();
    expect(invoiceNumberOfReference('rf59 inv2 0260 003')).toBe('INV-2026-0003');
    expect(invoiceNumberOfReference('RF58INV20260003')).toBeNull(); // mistyped check digits
    expect(invoiceNumberOfReference('RF18539007547034')).toBeNull(); // valid, but not one of ours
  });

  it('prints in groups of four', () => {
    expect(printCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(printCreditorReference('RF59INV20260003')).toBe('RF59 INV2 0260 003');
  });
});
