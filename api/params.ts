// Path parameters: an id that cannot be one is simply not found, before any query runs, so a
// malformed id never reaches PostgreSQL (whose uuid cast would refuse it as a data error).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
