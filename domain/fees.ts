// Money rules that change what is due: an early-payment discount (habit 6) and late fees
// (habit 10). Pure, stated on the invoice from the start, never retroactive, never compounded.
import { addDays, daysBetween } from './dates';
import { roundHalfAwayFromZero } from './money';

export interface EarlyPaymentTerms {
  /** e.g. 2 for 2 % off. */
  percent: number;
  /** Paid within this many days of the issue date. */
  withinDays: number;
}

export interface LateFeeTerms {
  /** Days after the due date before any fee applies. */
  graceDays: number;
  /** A one-off fee in minor units, once the grace period has passed. */
  fixedAmount?: number;
  /** Simple interest per year on the unpaid principal (never on fees). */
  annualRatePercent?: number;
  /** The most all late fees together may come to, in minor units. */
  capAmount?: number;
  /** Set when the terms are the EU Late Payment Directive's, stated as such on the invoice. */
  statutory?: { directive: string; referenceRatePercent: number; effectiveFrom: string };
}

export interface PaymentTerms {
  earlyPayment?: EarlyPaymentTerms;
  lateFees?: LateFeeTerms;
}

export interface EarlyPaymentOffer {
  /** Last calendar day (client's time zone) on which the offer stands. */
  deadline: string;
  discount: number;
  discountedTotal: number;
}

export function earlyPaymentOffer(terms: EarlyPaymentTerms | undefined, issueDate: string, total: number): EarlyPaymentOffer | null {
  if (!terms || terms.percent <= 0) return null;
  const discount = roundHalfAwayFromZero((total * terms.percent) / 100);
  return { deadline: addDays(issueDate, terms.withinDays), discount, discountedTotal: total - discount };
}

export interface LateFeeProgress {
  fixedCharged: boolean;
  /** Interest has been charged for every day up to this date. */
  interestThrough: string | null;
  charged: number;
}

export const NO_LATE_FEES: LateFeeProgress = { fixedCharged: false, interestThrough: null, charged: 0 };

export interface LateFeeCharge {
  kind: 'fixed' | 'interest';
  amount: number;
  /** For interest: the days it covers, on which principal. */
  days?: number;
  principal?: number;
}

/**
 * The late fees that have become due by `today` and were not charged yet. Interest is simple:
 * it is charged on the principal still unpaid at each charge, for the days since the last one.
 */
export function accrueLateFees(
  terms: LateFeeTerms | undefined,
  dueDate: string,
  principalOutstanding: number,
  today: string,
  progress: LateFeeProgress,
): { charges: LateFeeCharge[]; progress: LateFeeProgress } {
  if (!terms || principalOutstanding <= 0) return { charges: [], progress };
  const startsAfter = addDays(dueDate, terms.graceDays);
  if (today <= startsAfter) return { charges: [], progress };
  const charges: LateFeeCharge[] = [];
  let { fixedCharged, interestThrough, charged } = progress;
  const room = () => (terms.capAmount === undefined ? Infinity : Math.max(0, terms.capAmount - charged));

  if (terms.fixedAmount && !fixedCharged) {
    const amount = Math.min(terms.fixedAmount, room());
    if (amount > 0) charges.push({ kind: 'fixed', amount });
    charged += amount;
    fixedCharged = true;
  }
  if (terms.annualRatePercent) {
    const from = interestThrough ?? startsAfter;
    const days = daysBetween(from, today);
    if (days > 0) {
      const amount = Math.min(roundHalfAwayFromZero((principalOutstanding * terms.annualRatePercent * days) / 100 / 365), room());
      if (amount > 0) charges.push({ kind: 'interest', amount, days, principal: principalOutstanding });
      charged += amount;
      interestThrough = today;
    }
  }
  return { charges, progress: { fixedCharged, interestThrough, charged } };
}
