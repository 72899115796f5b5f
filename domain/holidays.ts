// Public holidays as data: sorted 'YYYY-MM-DD' strings of the client's country, looked up outside
// the workflow (services/holidays.ts) and handed to it in its input, so replay never asks a library.
// Pure: the workflow imports this file.
import { addDays, weekday } from './dates';

/** Days off of the client's country, sorted, each 'YYYY-MM-DD' on the client's calendar. */
export type HolidayDates = readonly string[];

/** Two years past the ladder's last step: room for pauses, promises (up to a year) and an extension. */
export const HOLIDAY_SLACK_DAYS = 730;

export const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

/** A day no reminder lands on: Saturday, Sunday, or a public holiday of the client's country. */
export function isBusinessDay(date: string, holidays: HolidayDates = []): boolean {
  return !isWeekend(date) && !holidays.includes(date);
}

/**
 * The days an invoice's holidays cover, from facts that never change after issue (the issue date
 * and the due date it was issued with), so the API's preview and the workflow get the same list.
 */
export function holidayWindow(issueDate: string, dueDateAtIssue: string, steps: readonly { offsetDays: number }[]): { from: string; to: string } {
  const offsets = steps.map((s) => s.offsetDays);
  const first = addDays(dueDateAtIssue, Math.min(0, ...offsets));
  const last = addDays(dueDateAtIssue, Math.max(0, ...offsets) + HOLIDAY_SLACK_DAYS);
  return { from: first < issueDate ? first : issueDate, to: last };
}

/** What the holiday library gets wrong or cannot know for a country; read by services/holidays.ts. */
export interface CountryRule {
  /** Regions whose public holidays all count when the client's region is unknown. */
  regions?: readonly string[];
  /** 'MM-DD' days off the library lists under another type. */
  extraFixedDays?: readonly string[];
  /** A fixed-date holiday on a weekend gives the next working day off (not for Easter). */
  weekendSubstitutes?: boolean;
}

export const COUNTRY_RULES: Readonly<Record<string, CountryRule>> = {
  // Labour Code art. 154: 24, 25 and 26 December are all days off (the library calls the 26th an
  // observance), and a fixed holiday on a weekend moves the day off to the next working day(s).
  BG: { extraFixedDays: ['12-26'], weekendSubstitutes: true },
  // Dunwell knows no UK region: every nation's bank holidays count, since a reminder a day late is
  // harmless and one on a Scottish or Northern Irish holiday is what this rule is for.
  GB: { regions: ['ENG', 'WLS', 'SCT', 'NIR'] },
};

/**
 * Adds substitute days off: each fixed-date holiday on a weekend gives the first following day
 * that is neither a weekend nor already off. In date order, so Christmas cascades
 * (24 Sat, 25 Sun, 26 Mon → 27 Tue and 28 Wed off). Movable feasts (Easter) give none.
 */
export function withWeekendSubstitutes(fixed: readonly string[], movable: readonly string[]): string[] {
  const off = new Set([...fixed, ...movable]);
  for (const day of [...new Set(fixed)].sort()) {
    if (!isWeekend(day)) continue;
    let next = addDays(day, 1);
    while (isWeekend(next) || off.has(next)) next = addDays(next, 1);
    off.add(next);
  }
  return [...off].sort();
}
