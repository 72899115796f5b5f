import { describe, expect, it } from 'vitest';
import { computeTotals, currencyExponent, formatMoney, isKnownCurrency, priceLine } from '../../domain/money';

describe('totals in minor units', () => {
  it('adds lines and per-line tax into an integer total', () => {
    const totals = computeTotals([
      { description: 'Design', quantity: 1, unitAmount: 120_000, taxRate: 20 },
      { description: 'Hours', quantity: 2.5, unitAmount: 4_000 },
    ]);
    expect(totals).toMatchObject({ subtotal: 130_000, taxTotal: 24_000, total: 154_000 });
    expect(totals.lines.map((l) => l.amount)).toEqual([120_000, 10_000]);
  });

  it('rounds half away from zero, once per line, so printed lines add up', () => {
    expect(priceLine({ description: 'a', quantity: 1.5, unitAmount: 333 })).toMatchObject({ amount: 500 }); // 499.5
    expect(priceLine({ description: 'b', quantity: 1, unitAmount: 1_005, taxRate: 10 })).toMatchObject({ taxAmount: 101 }); // 100.5
    expect(priceLine({ description: 'c', quantity: 0.333, unitAmount: 100 })).toMatchObject({ amount: 33 });
    const totals = computeTotals([
      { description: 'x', quantity: 1, unitAmount: 1_005, taxRate: 10 },
      { description: 'y', quantity: 1, unitAmount: 1_005, taxRate: 10 },
    ]);
    expect(totals.taxTotal).toBe(totals.lines[0].taxAmount + totals.lines[1].taxAmount);
    expect(Number.isInteger(totals.total)).toBe(true);
  });

  it('prices exactly, not in floating point', () => {
    // 1.005 × 100 is 100.49999999999999 in floating point; the price is 100.5, so 101.
    expect(priceLine({ description: 'd', quantity: 1.005, unitAmount: 100 })).toMatchObject({ amount: 101 });
    expect(priceLine({ description: 'e', quantity: 1.015, unitAmount: 1_000, taxRate: 19.5 })).toMatchObject({ amount: 1_015, taxAmount: 198 }); // 197.925
    expect(priceLine({ description: 'f', quantity: 999_999.999, unitAmount: 999_999 })).toMatchObject({ amount: 999_998_999_000 });
    expect(priceLine({ description: 'g', quantity: 0.5, unitAmount: 1, taxRate: 1e-7 })).toMatchObject({ amount: 1, taxAmount: 0 });
  });

  it('never produces floats for fractional quantities', () => {
    const { total } = computeTotals([{ description: 'z', quantity: 0.1, unitAmount: 3, taxRate: 7.5 }]);
    expect(Number.isInteger(total)).toBe(true);
  });

  it('knows each currency\'s minor unit and formats amounts', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(formatMoney(144_000, 'EUR')).toBe('€1,440.00');
    expect(formatMoney(5_000, 'JPY')).toBe('JP¥5,000');
    expect(isKnownCurrency('BGN')).toBe(true);
    expect(isKnownCurrency('EURO')).toBe(false);
    expect(isKnownCurrency('eur')).toBe(false);
  });
});
