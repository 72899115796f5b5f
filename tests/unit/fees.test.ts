import { describe, expect, it } from 'vitest';
import { accrueLateFees, earlyPaymentOffer, NO_LATE_FEES } from '../../domain/fees';

describe('early-payment discount', () => {
  it('takes the percentage off the total until the deadline day', () => {
    expect(earlyPaymentOffer({ percent: 2, withinDays: 10 }, '2026-11-28', 154_000)).toEqual({ deadline: '2026-12-08', discount: 3_080, discountedTotal: 150_920 });
    expect(earlyPaymentOffer(undefined, '2026-11-28', 154_000)).toBeNull();
  });
});

describe('late fees', () => {
  const terms = { graceDays: 7, fixedAmount: 2_500, annualRatePercent: 8, capAmount: 5_000 };

  it('charge nothing within the grace period', () => {
    expect(accrueLateFees(terms, '2026-12-28', 100_000, '2027-01-04', NO_LATE_FEES).charges).toEqual([]);
  });

  it('charge the fixed fee once and simple interest for the days since the last charge', () => {
    const first = accrueLateFees(terms, '2026-12-28', 100_000, '2027-01-14', NO_LATE_FEES);
    // 8% a year on 1,000.00 for 10 days = 2.19
    expect(first.charges).toEqual([{ kind: 'fixed', amount: 2_500 }, { kind: 'interest', amount: 219, days: 10, principal: 100_000 }]);
    const second = accrueLateFees(terms, '2026-12-28', 50_000, '2027-01-24', first.progress);
    // No second fixed fee; interest only on the principal still unpaid, never on fees.
    expect(second.charges).toEqual([{ kind: 'interest', amount: 110, days: 10, principal: 50_000 }]);
    expect(second.progress.charged).toBe(2_829);
  });

  it('never exceed the cap', () => {
    let progress = NO_LATE_FEES;
    let total = 0;
    for (const today of ['2027-02-01', '2027-06-01', '2027-12-01', '2028-12-01']) {
      const step = accrueLateFees(terms, '2026-12-28', 100_000, today, progress);
      total += step.charges.reduce((s, c) => s + c.amount, 0);
      progress = step.progress;
    }
    expect(total).toBe(5_000);
  });

  it('charge nothing when fees are off or nothing is owed', () => {
    expect(accrueLateFees(undefined, '2026-12-28', 100_000, '2027-06-01', NO_LATE_FEES).charges).toEqual([]);
    expect(accrueLateFees(terms, '2026-12-28', 0, '2027-06-01', NO_LATE_FEES).charges).toEqual([]);
  });
});
