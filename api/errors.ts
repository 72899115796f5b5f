// One error shape for every failure: { error: { type, message, fields? } }.
import { logger } from '../observability/logger';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { z } from 'zod';

import { DomainError, type FieldError } from '../services/errors';

export type { FieldError };

export const DOMAIN_STATUS: Record<DomainError['code'], number> = {
  issuer_incomplete: 409,
  vat_incomplete: 400,
  terms_incomplete: 400,
  credit_note_rejected: 400,
  e_invoice_incomplete: 422,
  invoice_not_found: 404,
  invoice_closed: 409,
  payment_rejected: 400,
  invalid_plan: 400,
  not_allowed_now: 409,
  unknown_policy: 400,
  policy_exists: 409,
  invalid_policy: 400,
  task_not_found: 404,
  invalid_cursor: 400,
  webhook_endpoint_not_found: 404,
  delivery_not_found: 404,
  destination_not_allowed: 400,
  change_order_closed: 410,
  workflow_starting: 503,
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parses with a schema or fails with a 400 naming every bad field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' = 'body'): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldErrors(result.error, where === 'query' ? 'query' : undefined);
    throw new HttpError(400, 'invalid_request', `Invalid ${where}: ${fields.map((f) => f.field).join(', ')}`, fields);
  }
  return result.data;
}

/** A documented path asked with an undocumented method: 405 with the methods it does take. */
export function methodNotAllowed(paths: Record<string, object>): RequestHandler {
  const routes = Object.entries(paths).map(([path, operations]) => {
    const methods = Object.keys(operations).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    return { pattern: new RegExp(`^${path.replace(/\{[^/]+\}/g, '[^/]+')}$`), methods };
  });
  return (req, res, next) => {
    const route = routes.find((r) => r.pattern.test(req.path));
    if (!route || route.methods.includes(req.method)) return next();
    res.set('Allow', route.methods.join(', ')).status(405).json({ error: { type: 'method_not_allowed', message: `${req.method} is not allowed on ${req.path}; use ${route.methods.join(', ')}` } });
  };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { type: 'not_found', message: `No route ${req.method} ${req.path}` } });
};

/**
 * PostgreSQL shutting down, crashed or starting up (57P01-57P03, as during a restart), out of
 * connection slots (53300), or the connection itself failing (class 08, but see below): the
 * database is away, not the request wrong.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/**
 * What PostgreSQL refused because of the values themselves: a retry fails the same way, so it is
 * never "unavailable". 08P01 (protocol violation) is what a NUL byte in a parameter gets, though
 * its class is the connection's; class 22 (data exception: a value out of range, bad encoding,
 * bad syntax for its type) is a value that could not be stored; class 23 (integrity constraint)
 * a conflict with what is stored.
 */
const DATA_SQLSTATE = /^(08P01|22...)$/;
const INTEGRITY_SQLSTATE = /^23...$/;

/**
 * 'data' for a value the database could not store (400), 'integrity' for a conflict with what is
 * stored (409), else null; looks through wrappers (MikroORM and knex keep the SQL state as `code`).
 */
export function sqlRequestProblem(err: unknown, depth = 0): 'data' | 'integrity' | null {
  if (err === null || typeof err !== 'object' || depth > 3) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && DATA_SQLSTATE.test(code)) return 'data';
  if (typeof code === 'string' && INTEGRITY_SQLSTATE.test(code)) return 'integrity';
  return sqlRequestProblem((err as { cause?: unknown }).cause, depth + 1);
}

/** Node's socket errors: the peer (PostgreSQL, Temporal) refused, dropped or never answered. */
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * The same failures as the drivers word them: pg on a connection that dropped ("Connection
 * terminated", "not queryable", "socket has been ended"), knex's pool when no connection could be
 * made in time, gRPC's UNAVAILABLE and deadlines. "Transaction query already complete" is what
 * knex says when a transaction's BEGIN failed on a dropped connection: it swallows that error and
 * refuses the transaction's first statement with this one.
 */
const UNAVAILABLE_TEXT = new RegExp([
  ...UNAVAILABLE_SOCKET, // also when only the message names it (a wrapped gRPC or driver error)
  'Connection terminated', 'not queryable', 'socket has been ended', 'Timeout acquiring a connection',
  'the database system is (starting up|shutting down|in recovery mode|not yet accepting)',
  'UNAVAILABLE', 'DEADLINE_EXCEEDED', 'Deadline exceeded', '^Transaction query already complete',
].join('|'));

export function isUnavailable(err: unknown, depth = 0): boolean {
  if (err === null || err === undefined || depth > 3) return false;
  // Whatever wraps it, and however its words read, a refused value is the request's.
  if (depth === 0 && sqlRequestProblem(err)) return false;
  const text = String((err as Error)?.message ?? err);
  const code = (err as { code?: unknown })?.code;
  return (
    err instanceof ServiceError ||
    (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code))) ||
    // An update that Temporal did not answer within our deadline (see services/invoice-commands.ts).
    err instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    UNAVAILABLE_TEXT.test(text) ||
    // Node tries each address of a host name and reports all failures at once, with no message.
    (err instanceof AggregateError && err.errors.some((e) => isUnavailable(e, depth + 1))) ||
    isUnavailable((err as { cause?: unknown }).cause, depth + 1)
  );
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof DomainError) {
    if (DOMAIN_STATUS[err.code] === 503) res.set('Retry-After', '30');
    res.status(DOMAIN_STATUS[err.code]).json({ error: { type: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
    return;
  }
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: { type: err.type, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
    return;
  }
  // Body-parser failures: malformed JSON, too large, wrong charset.
  const status = (err as { status?: number; type?: string }).status;
  if (status && status >= 400 && status < 500) {
    const type = (err as { type?: string }).type === 'entity.too.large' ? 'payload_too_large' : 'invalid_request';
    const message = type === 'payload_too_large' ? 'Request body is too large' : 'Request body is not valid JSON';
    res.status(status).json({ error: { type, message, fields: [{ field: '(body)', message }] } });
    return;
  }
  const refused = sqlRequestProblem(err);
  if (refused === 'data') {
    // The schemas should have refused the value first (domain/text.ts, domain/money.ts); this is
    // the net under them, so it is logged as our gap, and answered as the request's.
    logger.warn('a value could not be stored', { method: req.method, path: req.path, error: err });
    res.status(400).json({ error: { type: 'invalid_request', message: 'A value could not be stored; please check the text and amounts.', fields: [{ field: '(body)', message: 'a value could not be stored' }] } });
    return;
  }
  if (refused === 'integrity') {
    logger.warn('a write conflicted with what is stored', { method: req.method, path: req.path, error: err });
    res.status(409).json({ error: { type: 'conflict', message: 'This conflicts with what is already stored; reload and try again.' } });
    return;
  }
  if (isUnavailable(err)) {
    res.status(503).set('Retry-After', '5').json({ error: { type: 'service_unavailable', message: 'A dependency (database or Temporal) is not answering; please retry shortly.' } });
    return;
  }
  logger.error('unhandled request error', { method: req.method, path: req.path, error: err });
  res.status(500).json({ error: { type: 'internal_error', message: 'Something went wrong on our side.' } });
};
