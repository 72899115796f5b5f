// The EU Late Payment Directive (2011/7/EU) as preset late-fee terms for business clients:
// interest at the reference rate plus 8 percentage points, and a flat EUR 40 compensation,
// owed from the day after the due date without a reminder. Resolved into ordinary late-fee terms
// when the invoice is issued, so the workflow charges them like any other terms.
import type { LateFeeTerms } from './fees';

export const EU_LATE_PAYMENT = {
  preset: 'eu-late-payment',
  directive: '2011/7/EU',
  pointsAboveReference: 8,
  /** Article 6: at least EUR 40, in minor units. */
  compensationEur: 4_000,
} as const;

export interface ReferenceRate {
  /** The central bank's rate in percent (the ECB's main refinancing rate for the euro). */
  ratePercent: number;
  effectiveFrom: string;
}

export interface StatutoryRequest {
  preset: typeof EU_LATE_PAYMENT.preset;
  /** The flat compensation in the invoice's currency; EUR 40 when the invoice is in euros. */
  compensationAmount?: number;
}

/** The rate in force on a date: the latest recorded one that took effect by then. */
export function referenceRateOn(rates: ReferenceRate[], date: string): ReferenceRate | null {
  return rates.filter((r) => r.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
}

export type Resolved = { terms: LateFeeTerms } | { problem: { field: string; message: string } };

export function statutoryTerms(request: StatutoryRequest, currency: string, rate: ReferenceRate | null): Resolved {
  if (!rate) return { problem: { field: 'lateFees.preset', message: 'record the reference rate first (POST /v1/reference-rates)' } };
  const compensation = request.compensationAmount ?? (currency === 'EUR' ? EU_LATE_PAYMENT.compensationEur : undefined);
  if (compensation === undefined) return { problem: { field: 'lateFees.compensationAmount', message: `give the EUR 40 compensation in ${currency}` } };
  // Rates are decimals people read (2.15 + 8 = 10.15): added in hundredths, not in binary floating point.
  const annualRatePercent = Math.round((rate.ratePercent + EU_LATE_PAYMENT.pointsAboveReference) * 100) / 100;
  return {
    terms: {
      graceDays: 0, fixedAmount: compensation, annualRatePercent,
      statutory: { directive: EU_LATE_PAYMENT.directive, referenceRatePercent: rate.ratePercent, effectiveFrom: rate.effectiveFrom },
    },
  };
}
