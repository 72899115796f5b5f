// The typed Dunwell client: openapi-fetch over the types generated from /openapi.json
// (schema.d.ts, `npm run client:generate`). Paths, parameters, bodies and answers are checked by
// the compiler, so a call the API would not take does not compile.
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };

/** Any component of the spec by name, for those without a shorthand below. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type Invoice = Schema<'Invoice'>;
export type InvoiceSummary = Schema<'InvoiceSummary'>;
export type InvoiceCreate = Schema<'InvoiceCreate'>;
export type PaymentCreate = Schema<'PaymentCreate'>;
export type IssuerInput = Schema<'IssuerInput'>;
export type Schedule = Schema<'Schedule'>;
export type CreditNote = Schema<'CreditNote'>;
export type CreditNoteCreate = Schema<'CreditNoteCreate'>;
/** Every failure's body: `{ error: { type, message, fields? } }`; `fields` names each bad field. */
export type ApiError = Schema<'Error'>;

export type DunwellClient = Client<paths>;

export interface DunwellClientOptions {
  /** Where the API is, without /v1 (the paths carry it): e.g. http://localhost:3000. */
  baseUrl: string;
  /** DUNWELL_API_KEY; sent as `Authorization: Bearer <key>` on every call, as api/auth.ts expects. */
  apiKey: string;
  /** Another fetch (a test double, a proxy agent); the global one by default. */
  fetch?: ClientOptions['fetch'];
}

/**
 * A client for the owner API. Per call, an Idempotency-Key goes in the documented header
 * parameter (`params: { header: { 'Idempotency-Key': key } }`) or in `headers`.
 */
export function createDunwellClient({ baseUrl, apiKey, fetch }: DunwellClientOptions): DunwellClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { Authorization: `Bearer ${apiKey}` },
    ...(fetch ? { fetch } : {}),
  });
}
