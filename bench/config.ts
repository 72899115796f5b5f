// The benchmark's knobs, read once from the environment (README, "Benchmarks").
import { loadConfig } from '../config/env';

export type ServerKind = 'dev' | 'cluster';
export type Part = 'create' | 'webhook' | 'lateness' | 'open' | 'spike' | 'outgoing';

// outgoing last: the lanes it leaves idle (an hour) and its invoices stay out of the other parts' figures.
const PARTS: Part[] = ['create', 'webhook', 'lateness', 'open', 'spike', 'outgoing'];
const SERVERS: ServerKind[] = ['dev', 'cluster'];

function list<T extends string>(name: string, allowed: T[]): T[] {
  const wanted = (process.env[name] ?? allowed.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !allowed.includes(w as T));
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')} (one or more of ${allowed.join(',')})`);
  // In the canonical order, whatever order they were given in.
  return allowed.filter((a) => wanted.includes(a));
}

function number(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export interface Knobs {
  servers: ServerKind[];
  only: Set<Part>;
  /** Length of each load step, seconds. */
  seconds: number;
  openInvoices: number;
  ladders: number;
  /** Enough round trips that the p99 is a percentile (the 5th slowest of 500), not nearly the maximum. */
  webhooks: number;
  /** Email rate after the creation steps, so queued emails settle quickly. */
  emailRate: number;
  /** The rate Dunwell ships with (config/env.ts), used while invoices are created, as in production. */
  shippedEmailRate: number;
  /** Invoices a second issued at a steady pace for outgoing webhooks' delivery latency: below what the worker keeps up with. */
  outgoingRate: number;
  spikeInvoices: number;
  spikeEmailRate: number;
  /** Keep the scratch folder (logs, databases) after the run. */
  keep: boolean;
}

export function readKnobs(): Knobs {
  return {
    servers: list('BENCH_SERVERS', SERVERS),
    only: new Set(list('BENCH_ONLY', PARTS)),
    seconds: number('BENCH_SECONDS', 10),
    openInvoices: number('BENCH_OPEN_INVOICES', 10_000),
    ladders: number('BENCH_LADDERS', 200),
    webhooks: number('BENCH_WEBHOOKS', 500),
    emailRate: number('BENCH_EMAIL_RATE', 100),
    shippedEmailRate: loadConfig({ DATABASE_URL: 'postgres://unused' }).EMAIL_RATE_PER_SECOND,
    outgoingRate: number('BENCH_OUTGOING_RATE', 4),
    spikeInvoices: number('BENCH_SPIKE_INVOICES', 10_000),
    spikeEmailRate: number('BENCH_SPIKE_EMAIL_RATE', 50),
    keep: Boolean(process.env.BENCH_KEEP),
  };
}

/** Dunwell's task queue in the bench (its email queue is derived from it), and the bare worker's. */
export const TASK_QUEUE = 'bench-invoices';
export const BARE_QUEUE = 'bench-bare';
/** Creates at once in the outgoing-webhooks part's burst: a busy API, as the creation part's middle step. */
export const OUTGOING_CONCURRENCY = 8;
export const API_KEY = 'dw_bench_0123456789abcdef';
export const STRIPE_SECRET = 'whsec_bench_secret';
