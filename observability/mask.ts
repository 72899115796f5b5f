// Client data that must never reach a log line: link tokens in paths (the link is the key), email
// addresses, and SQL text with its values (knex writes the statement, values filled in, into the
// error's message).

/** /i/, /c/, /s/ (client) and /o/ (owner) <token> and what follows; the route patterns (/i/:token) and assets stay. */
const TOKEN_PATH = /\/([icso])\/(?!:|\[token\]|assets\/)[^/?#\s"'<>]+/g;
/** An address, also percent-encoded in a path (%40). */
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** knex's "<statement> - <PostgreSQL's message>": the statement carries the row's values. */
const SQL_STATEMENT = /^\s*\(?\s*(select|insert|update|delete|with|alter|create|drop|truncate|copy|begin|commit|call)\b/i;
/** MikroORM appends PostgreSQL's detail ("Failing row contains (…)", "Key (email)=(…)") and where. */
const DETAIL = /\n - (?:detail|where): [\s\S]*?(?=\n - |$)/g;
/** PostgreSQL's data errors quote the value they refused. */
const QUOTED_VALUE = /((?:invalid input (?:syntax|value) for|out of range for|too long for)[^:\n]*): .*$/gm;
/** Fields drivers put on errors (and callers copy into log fields) that hold query text or values. */
export const SQL_KEY = /^(sql|query|parameters|params|bindings|detail|where)$/i;

export function maskText(text: string): string {
  let out = text.replace(DETAIL, '');
  if (SQL_STATEMENT.test(out)) {
    const reason = out.lastIndexOf(' - ');
    out = reason >= 0 ? `[query] - ${out.slice(reason + 3)}` : '[query]';
  }
  return out.replace(QUOTED_VALUE, '$1: [value]').replace(TOKEN_PATH, '/$1/[token]').replace(EMAIL, '[email]');
}
