// The client's country's public holidays, from the date-holidays library. It runs here (where a
// workflow is started, and for the API's schedule preview), never in the workflow sandbox: the
// workflow gets the dates as data in its input, so its replay never depends on the library.
import Holidays from 'date-holidays';
import type { Invoice } from '../db/entities';
import { addDays, zonedInstant } from '../domain/dates';
import { COUNTRY_RULES, holidayWindow, withWeekendSubstitutes } from '../domain/holidays';
import { BUILTIN_POLICIES } from '../domain/policies';

interface YearDays {
  /** Holidays on a fixed date ('01-01'), which give a substitute day where the law says so. */
  fixed: string[];
  /** Movable feasts (Easter and the days tied to it). */
  movable: string[];
}

const DAY_MS = 86_400_000;
const byYear = new Map<string, YearDays>();

/**
 * The library's type `public` only: `bank` is mostly half days (24 and 31 December from 14:00 in
 * Germany and Austria) or closures of banks alone (Veterans Day in the US), on which businesses
 * work; `optional`, `school` and `observance` are working days too.
 */
function isDayOff(h: { type: string }): boolean {
  return h.type === 'public';
}

/** The calendar days a holiday covers: those whose midday falls inside it (a 14:00 start does not count). */
function daysCovered(h: { date: string; start: Date; end: Date }, timeZone: string): string[] {
  const first = addDays(h.date.slice(0, 10), -1);
  const span = Math.ceil((h.end.getTime() - h.start.getTime()) / DAY_MS) + 2;
  const days: string[] = [];
  for (let i = 0; i <= span; i++) {
    const day = addDays(first, i);
    const noon = zonedInstant(day, 12 * 60, timeZone).getTime();
    if (noon >= h.start.getTime() && noon < h.end.getTime()) days.push(day);
  }
  return days;
}

function yearDays(country: string, year: number): YearDays {
  const key = `${country}:${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  const rule = COUNTRY_RULES[country] ?? {};
  const calendars = rule.regions ? rule.regions.map((r) => new Holidays(country, r)) : [new Holidays(country)];
  const fixed = new Set<string>(rule.extraFixedDays?.map((md) => `${year}-${md}`));
  const movable = new Set<string>();
  for (const hd of calendars) {
    const timeZone = hd.getTimezones()[0] ?? 'UTC';
    for (const h of hd.getHolidays(year).filter(isDayOff)) {
      // A fixed-date rule starts with its month and day; Easter's and the weekday rules do not.
      const into = /^\d{2}-\d{2}(\s|$)/.test(h.rule) ? fixed : movable;
      for (const day of daysCovered(h, timeZone)) into.add(day);
    }
  }
  const days = { fixed: [...fixed], movable: [...movable] };
  byYear.set(key, days);
  return days;
}

/**
 * Days off in `country` (ISO 3166-1 alpha-2) from `from` to `to`, both included: sorted, unique
 * 'YYYY-MM-DD'. A country the library does not know has none (weekends still count).
 */
export function publicHolidays(country: string, from: string, to: string): string[] {
  const code = country.toUpperCase();
  const fixed: string[] = [];
  const movable: string[] = [];
  // A year before `from` too: a holiday there may give a day off in lieu after New Year.
  for (let y = Number(from.slice(0, 4)) - 1; y <= Number(to.slice(0, 4)); y++) {
    const days = yearDays(code, y);
    fixed.push(...days.fixed);
    movable.push(...days.movable);
  }
  const all = COUNTRY_RULES[code]?.weekendSubstitutes ? withWeekendSubstitutes(fixed, movable) : [...new Set([...fixed, ...movable])].sort();
  return all.filter((d) => d >= from && d <= to);
}

/**
 * The holidays an invoice's ladder avoids, over a span fixed at issue (see holidayWindow), so the
 * workflow's input and the API's preview always carry the same list. No country, no holidays.
 */
export function invoiceHolidays(invoice: Pick<Invoice, 'client' | 'issueDate' | 'termsDays' | 'policy'>): string[] | undefined {
  const country = invoice.client.country;
  if (!country) return undefined;
  const steps = (invoice.policy ?? BUILTIN_POLICIES.standard).steps;
  const { from, to } = holidayWindow(invoice.issueDate, addDays(invoice.issueDate, invoice.termsDays), steps);
  return publicHolidays(country, from, to);
}
