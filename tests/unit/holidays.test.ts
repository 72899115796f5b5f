// Public holidays: the data the library gives (checked against the law where it lags), and the
// ladder moving steps off them, for Bulgaria and the United Kingdom.
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../db/entities';
import { holidayWindow, withWeekendSubstitutes } from '../../domain/holidays';
import { nextAllowedInstant, nextBusinessDay, planSchedule, NEW_PROGRESS, promiseBreaksAt, supersededSteps } from '../../domain/ladder';
import { BUILTIN_POLICIES } from '../../domain/policies';
import { invoiceHolidays, publicHolidays } from '../../services/holidays';
import { workflowInput } from '../../services/invoice-workflow';
import { scheduleView } from '../../services/schedule-view';

const { standard } = BUILTIN_POLICIES;
const BG = publicHolidays('BG', '2026-01-01', '2027-12-31');
const GB = publicHolidays('GB', '2026-01-01', '2027-12-31');
const year = (days: string[], y: string) => days.filter((d) => d.startsWith(y)).map((d) => d.slice(5));

describe('holiday data', () => {
  it('Bulgaria: the Labour Code\'s days off, Orthodox Easter, and the next working day for one on a weekend', () => {
    expect(year(BG, '2026')).toEqual([
      '01-01', '03-03', '04-10', '04-12', '04-13', '05-01', '05-06', '05-24',
      '05-25', // 24 May is a Sunday
      '09-06', '09-07', // 6 September is a Sunday
      '09-22', '12-24', '12-25', '12-26',
      '12-28', // 26 December is a Saturday
    ]);
    // Orthodox Easter 2027 is 2 May: Good Friday 30 April, Easter Monday 3 May; Labour Day (a
    // Saturday) moves to the first working day after Easter, Tuesday 4 May.
    expect(year(BG, '2027')).toEqual([
      '01-01', '03-03', '04-30', '05-01', '05-02', '05-03', '05-04', '05-06', '05-24', '09-06', '09-22',
      '12-24', '12-25', '12-26', '12-27', '12-28', // Christmas on the weekend cascades to Monday and Tuesday
    ]);
    // Observances and school-only days are working days for businesses.
    expect(BG).not.toContain('2026-03-01');
    expect(BG).not.toContain('2026-11-01');
  });

  it('the United Kingdom without a region: every nation\'s bank holidays', () => {
    expect(year(GB, '2026')).toEqual([
      '01-01', '01-02', // Scotland
      '03-17', // Northern Ireland
      '04-03', '04-06', // Good Friday; Easter Monday (England, Wales, Northern Ireland)
      '05-04', '05-25',
      '07-12', '07-13', // Northern Ireland, and its substitute for a Sunday
      '08-03', '08-31', // Summer bank holiday: Scotland; England, Wales and Northern Ireland
      '11-30', // Scotland
      '12-25', '12-26', '12-28', // Boxing Day on a Saturday: Monday off
    ]);
    expect(GB).not.toContain('2026-03-15'); // Mother's Day is an observance
  });

  it('only the dates asked for, sorted; none for a country the library does not know', () => {
    expect(publicHolidays('BG', '2026-12-25', '2027-01-01')).toEqual(['2026-12-25', '2026-12-26', '2026-12-28', '2027-01-01']);
    expect(publicHolidays('AQ', '2026-01-01', '2027-12-31')).toEqual([]);
  });

  it('substitutes cascade in date order, and Easter gives none', () => {
    // 2022: 24 December a Saturday, 25 a Sunday, 26 a Monday.
    expect(withWeekendSubstitutes(['2022-12-24', '2022-12-25', '2022-12-26'], ['2022-04-24'])).toEqual(['2022-04-24', '2022-12-24', '2022-12-25', '2022-12-26', '2022-12-27', '2022-12-28']);
  });

  it('covers the ladder from issue to two years past its last step', () => {
    expect(holidayWindow('2026-12-02', '2027-01-01', standard.steps)).toEqual({ from: '2026-12-02', to: '2029-02-14' });
    expect(holidayWindow('2026-12-30', '2026-12-30', standard.steps).from).toBe('2026-12-27');
  });
});

describe('the ladder skips holidays', () => {
  it('a step on a holiday moves to the next business day', () => {
    expect(nextBusinessDay('2026-12-24', BG)).toBe('2026-12-29'); // 24–26, the weekend, 28 in lieu
    expect(nextBusinessDay('2027-03-03', BG)).toBe('2027-03-04'); // Liberation Day
    expect(nextBusinessDay('2027-05-03', BG)).toBe('2027-05-05'); // Easter Monday, then Labour Day in lieu
    expect(nextBusinessDay('2026-04-06', GB)).toBe('2026-04-07'); // Easter Monday
    expect(nextBusinessDay('2026-12-29', BG)).toBe('2026-12-29');
  });

  it('a holiday on a Friday and the weekend after it move the step to Monday', () => {
    expect(nextBusinessDay('2027-01-01', BG)).toBe('2027-01-04');
    expect(nextBusinessDay('2026-04-03', GB)).toBe('2026-04-07'); // Good Friday, the weekend, Easter Monday
    // Scotland's 2 January (a Saturday) gives Monday 4 January 2027 off: a UK client waits a day more.
    expect(nextBusinessDay('2027-01-01', GB)).toBe('2027-01-05');
  });

  it('moves an instant on a holiday to the next business morning on the client\'s clock', () => {
    // Thursday 24 December 2026, 10:00 in Sofia → Tuesday 29 December, 10:00.
    expect(nextAllowedInstant(new Date('2026-12-24T08:00:00Z'), 'Europe/Sofia', standard.businessHours, standard.sendAtMinutes, BG).toISOString()).toBe('2026-12-29T08:00:00.000Z');
    expect(promiseBreaksAt(standard, '2026-12-30', 'Europe/Sofia', BG).toISOString()).toBe('2027-01-04T08:00:00.000Z');
  });

  it('plans the standard ladder around Christmas and New Year in Sofia; the due date stays', () => {
    const facts = { dueDate: '2026-12-29', timeZone: 'Europe/Sofia', holidays: BG };
    const schedule = planSchedule(standard, facts, NEW_PROGRESS, new Date('2026-12-01T00:00:00Z'));
    expect(schedule.upcoming.map((s) => [s.step.id, s.at])).toEqual([
      ['heads_up', '2026-12-29T08:00:00.000Z'], // Saturday 26, then Monday 28 in lieu of the 26th
      ['due_today', '2026-12-29T08:00:00.000Z'],
      ['overdue_3', '2027-01-04T08:00:00.000Z'], // New Year's Day is a Friday
      ['overdue_7', '2027-01-05T08:00:00.000Z'],
      ['check_in', '2027-01-12T08:00:00.000Z'],
      ['final_notice', '2027-01-28T08:00:00.000Z'],
      ['collections_review', '2027-02-12T08:00:00.000Z'],
    ]);
    expect(supersededSteps(schedule.upcoming).get('heads_up')).toBe('due_today');
    // Without holidays (a workflow started before they were known) nothing changes.
    expect(planSchedule(standard, { ...facts, holidays: undefined }, NEW_PROGRESS, new Date('2026-12-01T00:00:00Z')).upcoming[2].at).toBe('2027-01-01T08:00:00.000Z');
  });
});

describe('one list for the workflow and the preview', () => {
  const invoice = (country?: string) => ({
    id: 'inv-1', number: 'INV-2026-0001', currency: 'EUR', total: 100_00, amountPaid: 0, adjustmentsTotal: 0, issueDate: '2026-12-02', termsDays: 27, dueDate: '2026-12-29',
    clientEmail: 'ap@acme.test', client: { name: 'Acme', email: 'ap@acme.test', address: 'Sofia', locale: 'bg', timeZone: 'Europe/Sofia', ...(country ? { country } : {}) },
    policy: standard, policyName: 'standard', policyReason: 'test', terms: {}, status: 'open', createdAt: new Date('2026-12-02T09:00:00Z'),
  }) as unknown as Invoice;

  it('a client with a country gets its holidays in the workflow input; one without gets none, as before', () => {
    const input = workflowInput(invoice('BG'));
    expect(input.holidays).toEqual(invoiceHolidays(invoice('BG')));
    expect(input.holidays).toEqual(expect.arrayContaining(['2026-12-24', '2026-12-28', '2027-01-01', '2028-12-26']));
    expect(input.holidays!.every((d) => d >= '2026-12-02' && d <= '2029-02-11')).toBe(true);
    expect('holidays' in workflowInput(invoice())).toBe(false);
  });

  it('the API\'s preview moves the same steps as the workflow', () => {
    const view = scheduleView(invoice('BG'), null, new Date('2026-12-02T10:00:00Z'));
    expect(view.dueDate).toBe('2026-12-29');
    expect(view.upcoming.find((s) => s.stepId === 'overdue_3')!.at).toBe('2027-01-04T08:00:00.000Z');
    expect(scheduleView(invoice(), null, new Date('2026-12-02T10:00:00Z')).upcoming.find((s) => s.stepId === 'overdue_3')!.at).toBe('2027-01-01T08:00:00.000Z');
  });
});
