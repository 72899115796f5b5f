// Which text Dunwell takes and stores: the one rule, used by the API's schemas, the client's
// forms, and (to strip rather than refuse) the webhook handlers.
//
// Refused, because PostgreSQL cannot hold it or would hold something other than what was sent:
// - NUL (U+0000): PostgreSQL text cannot contain it; the driver's message is refused as a
//   protocol violation (08P01).
// - A lone surrogate (an unpaired U+D800-U+DFFF code unit): not a character; UTF-8 encoding
//   silently turns it into U+FFFD, so the stored text would differ from the accepted one.
// Refused, because the text would read back as something other than what it is:
// - Bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder what follows
//   ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), in pages, PDFs, emails and logs.
// - Control characters (Unicode category Cc: C0, DEL and C1) except tab; line feed and carriage
//   return only where a text has lines (a note, an address), never in a single-line field (a
//   name, a reference, an email subject's parts).

export interface TextRule {
  /** Line breaks (CR, LF) allowed: notes, addresses, messages. */
  multiline?: boolean;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why the code unit at `i` may not be stored, or null (each half of a proper surrogate pair is fine). */
function problemAt(s: string, i: number, multiline: boolean): string | null {
  const c = s.charCodeAt(i);
  if (c >= 0x20 && c < 0x7f) return null; // printable ASCII, by far the most common
  if (c === 0) return 'must not contain the NUL character (U+0000)';
  if (c === 0x09) return null;
  if (c === 0x0a || c === 0x0d) return multiline ? null : 'must be a single line (no line breaks)';
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `must not contain the control character ${hex(c)}`;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? null : `must not contain an unpaired surrogate (${hex(c)}); it is not a character`;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const previous = i > 0 ? s.charCodeAt(i - 1) : 0;
    return previous >= 0xd800 && previous <= 0xdbff ? null : `must not contain an unpaired surrogate (${hex(c)}); it is not a character`;
  }
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return `must not contain the bidirectional control ${hex(c)}, which reorders how text is shown`;
  return null;
}

/**
 * Why this text cannot be taken as it is (the first problem, with its position counted in
 * characters from 1), or null when it can be stored and shown as given.
 */
export function storableTextProblem(s: string, { multiline = false }: TextRule = {}): string | null {
  let position = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) position++;
    const problem = problemAt(s, i, multiline);
    if (problem) return `${problem} (at position ${position})`;
  }
  return null;
}

/**
 * The text without what storableTextProblem refuses in a multi-line text: for text Dunwell cannot
 * refuse, such as a signed provider event (a 4xx would only make the provider retry it forever).
 */
export function toStorableText(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (!problemAt(s, i, true)) continue;
    out += s.slice(start, i);
    start = i + 1;
  }
  return start === 0 ? s : out + s.slice(start);
}

/** A parsed JSON value with every string in it (keys too) made storable. */
export function toStorableJson<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map(toStorableJson) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorableText(k), toStorableJson(v)])) as T;
  }
  return value;
}

/** A link we show to a client: https only, so never javascript:, data: or a page sent in clear. */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}
