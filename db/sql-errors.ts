// What PostgreSQL's refusals mean. A data exception (class 22), an integrity violation (class 23)
// or a protocol violation (08P01: a NUL byte in a parameter) fails the same way on every retry:
// the request or the write is wrong, the database is not away.

/** The SQL state of an error, looking through the wrappers MikroORM and knex put around pg's. */
export function sqlState(err: unknown, depth = 0): string | null {
  if (err === null || err === undefined || depth > 3) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return sqlState((err as { cause?: unknown }).cause, depth + 1) ?? sqlState((err as { previous?: unknown }).previous, depth + 1);
}

export function isDataError(err: unknown): boolean {
  const state = sqlState(err);
  return state !== null && (state.startsWith('22') || state.startsWith('23') || state === '08P01');
}
