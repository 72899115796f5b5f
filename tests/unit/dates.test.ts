import { describe, expect, it } from 'vitest';
import { addDays, dateIn, formatLongDate, isIsoDate, zonedInstant } from '../../domain/dates';
import { paymentTerms } from '../../services/invoice-view';

describe('calendar dates', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2026-11-28', 30)).toBe('2026-12-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -3)).toBe('2026-02-26');
  });

  it('validates ISO dates strictly', () => {
    expect(isIsoDate('2026-12-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('28/12/2026')).toBe(false);
  });

  it('states payment terms in plain words, never "net 30"', () => {
    expect(paymentTerms({ termsDays: 30, dueDate: '2026-12-28' })).toBe('within 30 days (by 28 December 2026)');
    expect(paymentTerms({ termsDays: 1, dueDate: '2026-11-29' })).toBe('within 1 day (by 29 November 2026)');
    expect(formatLongDate('2026-12-28', 'bg-BG')).toContain('декември');
  });

  it('finds the local date of an instant in a time zone', () => {
    const instant = new Date('2026-11-28T23:30:00Z');
    expect(dateIn(instant, 'UTC')).toBe('2026-11-28');
    expect(dateIn(instant, 'Europe/Sofia')).toBe('2026-11-29');
    expect(dateIn(instant, 'America/New_York')).toBe('2026-11-28');
  });

  it('turns a local wall time into the right instant, also across daylight saving', () => {
    expect(zonedInstant('2026-12-28', 600, 'Europe/Sofia').toISOString()).toBe('2026-12-28T08:00:00.000Z'); // UTC+2
    expect(zonedInstant('2026-07-01', 600, 'Europe/Sofia').toISOString()).toBe('2026-07-01T07:00:00.000Z'); // UTC+3
    expect(zonedInstant('2026-03-29', 600, 'Europe/Sofia').toISOString()).toBe('2026-03-29T07:00:00.000Z'); // the DST day
    expect(zonedInstant('2026-11-01', 600, 'America/New_York').toISOString()).toBe('2026-11-01T15:00:00.000Z'); // back to EST
    expect(zonedInstant('2026-01-05', 600, 'Asia/Kolkata').toISOString()).toBe('2026-01-05T04:30:00.000Z');
  });
});
