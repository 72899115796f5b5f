// One JSON logger for the API, the worker and (through Temporal's logger) the workflows. Every
// line is one JSON object; secrets, payment details and client data are masked before anything is
// written (observability/mask.ts: link tokens in paths, emails, SQL text and values).
import { maskText, SQL_KEY } from './mask';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const SECRET_KEY = /secret|password|token|api[-_]?key|authorization|cookie|iban|card|account|signature/i;
const SECRET_VALUE = /(whsec_[A-Za-z0-9+/=_-]+|re_[A-Za-z0-9_]{8,}|sk_(live|test)_[A-Za-z0-9]+|dw_[A-Za-z0-9_]{16,}|Bearer\s+\S+|\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b|\b(?:\d[ -]?){13,19}\b)/g;

/** Masks values under secret-looking keys and secret-looking strings anywhere. */
export function redact(value: unknown, key = '', depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (SQL_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') return SECRET_KEY.test(key) ? '[redacted]' : maskText(value).replace(SECRET_VALUE, '[redacted]');
  if (Array.isArray(value)) return value.map((v) => redact(v, key, depth + 1));
  if (value instanceof Error) {
    // The code (an SQL state, ECONNRESET) is what tells an operator which failure it was.
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redact(value.message), ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}) };
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Fields).map(([k, v]) => [k, SECRET_KEY.test(k) && typeof v !== 'object' ? '[redacted]' : redact(v, k, depth + 1)]));
  }
  return value;
}

let sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

/** Tests capture the lines; production writes them to stdout for the platform to collect. */
export function setLogSink(next: (line: string) => void): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

function write(level: Level, msg: string, fields: Fields = {}) {
  sink(JSON.stringify({ time: new Date().toISOString(), level, msg: redact(msg), ...(redact(fields) as Fields) }));
}

export const logger = {
  debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
};
