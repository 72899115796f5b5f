// What one run of operations shares: the system, the model's invoices, the events delivered so
// far (for redelivery), and the rules every answer must keep (no 5xx but a declared 503 while
// the worker is down; the status the model expects).
import type { ModelInvoice } from './model';
import type { Op } from './ops';
import type { Reply, System } from './system';
import type { SentEvent } from './webhooks';

export interface Ctx {
  sys: System;
  /** Unique per run: client emails are unique, so no client credit moves between invoices. */
  run: string;
  invoices: ModelInvoice[];
  events: SentEvent[];
  /** True while the worker is being killed and restarted: a 503 is then declared, not a bug. */
  outage: boolean;
  created: number;
  /** Invoices the current operation acted on: checked after it (all of them after skips and kills). */
  touched: Set<ModelInvoice>;
}

export class Divergence extends Error {}

export function pick<T>(items: T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

const brief = (r: Reply) => `${r.status} ${r.text.slice(0, 300)}`;

/** Fails the run unless the answer's status is one of `allowed` (5xx never, bar a declared 503). */
export function expectStatus(ctx: Ctx, op: Op, r: Reply, allowed: number[], why = ''): void {
  if (r.status >= 500 && !(r.status === 503 && ctx.outage)) throw new Divergence(`${op.k}: server error ${brief(r)}${why ? ` (${why})` : ''}`);
  if (!allowed.includes(r.status)) throw new Divergence(`${op.k}: expected ${allowed.join('|')}${why ? ` (${why})` : ''}, got ${brief(r)}`);
}

/** A webhook's answer: 200 with an outcome that starts with one of `outcomes`. */
export function expectOutcome(ctx: Ctx, op: Op, r: Reply, outcomes: string[], why = ''): string {
  expectStatus(ctx, op, r, [200], why);
  const outcome = r.body?.duplicate ? 'duplicate' : String(r.body?.outcome ?? '');
  if (!outcomes.some((o) => outcome.startsWith(o))) throw new Divergence(`${op.k}: expected outcome ${outcomes.join('|')}${why ? ` (${why})` : ''}, got ${brief(r)}`);
  return outcome;
}

/** Free text the system accepted must come back as it was sent (trimmed where the schema trims). */
export function expectStored(op: Op, where: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) {
    const esc = (v: unknown) => JSON.stringify(v)?.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 200);
    throw new Divergence(`${op.k}: ${where} accepted but stored/shown as ${esc(actual)}, sent ${esc(expected)}`);
  }
}

/** Retries an answer that is a declared 503 (worker down) as the sender would, same request. */
export async function untilAnswered(ctx: Ctx, send: () => Promise<Reply>, deadlineMs = 120_000): Promise<Reply> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const r = await send();
    if (r.status !== 503 || !ctx.outage || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Text with a control, a lone surrogate, a bidi or invisible character: refusing it whole is also right. */
export const isHostile = (s: string | undefined) => s !== undefined && /[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]/.test(s);

/** The server's calendar date, `days` from now. */
export const serverDate = (ctx: Ctx, days = 0) => new Date(ctx.sys.now() + days * 86_400_000).toISOString().slice(0, 10);
