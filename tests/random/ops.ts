// The operations, as plain data, and how fast-check generates them. An operation names its
// invoice (or change order, or earlier event) by a number taken modulo what exists when it runs,
// so that removing operations while shrinking never makes another one invalid.
import fc from 'fast-check';
import type { Line } from './model';

export type Via = 'manual' | 'stripe' | 'payments';

export type Op =
  | { k: 'create'; draft: boolean; lines: Line[]; termsDays: number; early?: { percent: number; withinDays: number }; late?: { graceDays: number; fixedAmount: number; capAmount?: number }; note?: string; name?: string }
  | { k: 'issue'; inv: number }
  | { k: 'pay'; inv: number; via: Via; size: 'part' | 'full' | 'over'; ref?: string; orphan?: boolean }
  | { k: 'redeliver'; ev: number }
  | { k: 'refund'; inv: number; via: 'stripe' | 'payments'; pay: number; known: boolean; percent: number }
  | { k: 'dispute'; inv: number }
  | { k: 'pending'; inv: number; via: 'stripe' | 'payments' }
  | { k: 'settlePending'; inv: number; succeeded: boolean }
  | { k: 'proposeCO'; inv: number; description: string; lines: Line[] }
  | { k: 'decideCO'; inv: number; co: number; approve: boolean; name: string }
  | { k: 'pause'; inv: number; message: string; days: number }
  | { k: 'resume'; inv: number }
  | { k: 'promise'; inv: number; inDays: number }
  | { k: 'question'; inv: number; message: string }
  | { k: 'void'; inv: number }
  | { k: 'credit'; inv: number; percent: number }
  | { k: 'collections'; inv: number; decision: 'write_off' | 'extend' | 'agency'; inDays: number }
  | { k: 'skip'; hours: number }
  | { k: 'kill'; delayMs: number; during?: Op };

export type OpKind = Op['k'];

/** What the brief calls hostile: NUL, a lone surrogate, a bidi override, CR/LF, very long. */
export const HOSTILE = ['\u0000', '\uD800', '\u202E', '\r\n', '\n\r\u2028', '\uFEFF', 'L'.repeat(3000), 'é'.repeat(199), '<script>alert(1)</script>'];

const plain = fc.constantFrom('Please check', 'Thanks', 'Логотип', 'Rechnung Nr. 7', 'ok');
/** Mostly ordinary text; sometimes a hostile piece inside it (RANDOM_HOSTILE=0: never). */
export const text = process.env.RANDOM_HOSTILE === '0' ? plain : fc.oneof(
  { weight: 3, arbitrary: plain },
  { weight: 2, arbitrary: fc.tuple(plain, fc.constantFrom(...HOSTILE), fc.constantFrom('', ' tail', '\u0000')).map(([a, h, b]) => `${a}${h}${b}`) },
);

// Whole cents everywhere (see model.ts): integer quantities, prices in whole units, 0/10/20 % tax.
const line = fc.record({
  description: fc.constantFrom('Design', 'Hosting', 'Revisions'),
  quantity: fc.integer({ min: 1, max: 5 }),
  unitAmount: fc.integer({ min: 1, max: 2_000 }).map((u) => u * 100),
  taxRate: fc.constantFrom(0, 10, 20),
});
const lines = fc.array(line, { minLength: 1, maxLength: 3 });

const inv = fc.nat(20);

export const createArbitrary: fc.Arbitrary<Op> = fc.record({
  k: fc.constant('create' as const),
  draft: fc.boolean(),
  lines,
  termsDays: fc.integer({ min: 0, max: 20 }),
  early: fc.option(fc.record({ percent: fc.constantFrom(2, 5, 10), withinDays: fc.integer({ min: 1, max: 10 }) }), { nil: undefined }),
  late: fc.option(fc.record({ graceDays: fc.integer({ min: 0, max: 5 }), fixedAmount: fc.integer({ min: 1, max: 50 }).map((a) => a * 100), capAmount: fc.option(fc.constantFrom(500, 5_000), { nil: undefined }) }), { nil: undefined }),
  note: fc.option(text, { nil: undefined, freq: 3 }),
  name: fc.option(text, { nil: undefined, freq: 3 }),
}, { requiredKeys: ['k', 'draft', 'lines', 'termsDays'] });

const money: fc.Arbitrary<Op>[] = [
  fc.record({ k: fc.constant('pay' as const), inv, via: fc.constantFrom<Via>('manual', 'stripe', 'payments'), size: fc.constantFrom('part' as const, 'full' as const, 'over' as const), ref: fc.option(text, { nil: undefined, freq: 4 }), orphan: fc.boolean() }, { requiredKeys: ['k', 'inv', 'via', 'size', 'orphan'] }),
  fc.record({ k: fc.constant('redeliver' as const), ev: fc.nat(50) }),
  fc.record({ k: fc.constant('refund' as const), inv, via: fc.constantFrom('stripe' as const, 'payments' as const), pay: fc.nat(10), known: fc.boolean(), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ k: fc.constant('dispute' as const), inv }),
  fc.record({ k: fc.constant('pending' as const), inv, via: fc.constantFrom('stripe' as const, 'payments' as const) }),
  fc.record({ k: fc.constant('settlePending' as const), inv, succeeded: fc.boolean() }),
];

export function opArbitrary(skip: Set<string>, withKills: boolean): fc.Arbitrary<Op> {
  const all: [number, fc.Arbitrary<Op>][] = [
    [5, createArbitrary],
    [2, fc.record({ k: fc.constant('issue' as const), inv })],
    ...money.map((m) => [m === money[0] ? 8 : 2, m] as [number, fc.Arbitrary<Op>]),
    [2, fc.record({ k: fc.constant('proposeCO' as const), inv, description: text, lines })],
    [3, fc.record({ k: fc.constant('decideCO' as const), inv, co: fc.nat(5), approve: fc.boolean(), name: fc.oneof(text, fc.constantFrom('Ana Petrova', 'J')) })],
    [2, fc.record({ k: fc.constant('pause' as const), inv, message: text, days: fc.integer({ min: 0, max: 20 }) })],
    [2, fc.record({ k: fc.constant('resume' as const), inv })],
    [2, fc.record({ k: fc.constant('promise' as const), inv, inDays: fc.integer({ min: 0, max: 95 }) })],
    [2, fc.record({ k: fc.constant('question' as const), inv, message: text })],
    [1, fc.record({ k: fc.constant('void' as const), inv })],
    [2, fc.record({ k: fc.constant('credit' as const), inv, percent: fc.integer({ min: 1, max: 100 }) })],
    [2, fc.record({ k: fc.constant('collections' as const), inv, decision: fc.constantFrom('write_off' as const, 'extend' as const, 'agency' as const), inDays: fc.integer({ min: 1, max: 30 }) })],
    [3, fc.record({ k: fc.constant('skip' as const), hours: fc.integer({ min: 1, max: 24 * 20 }) })],
  ];
  if (withKills) all.push([Number(process.env.RANDOM_KILL_WEIGHT ?? 0.3), fc.record({ k: fc.constant('kill' as const), delayMs: fc.integer({ min: 0, max: 300 }), during: fc.option(fc.oneof(...money.slice(0, 3)), { nil: undefined }) }, { requiredKeys: ['k', 'delayMs'] })]);
  const kept = all.filter(([, a]) => !skip.has(kindOf(a)));
  // fast-check wants whole weights: tenths let a kind be rarer than 1 (kills default to 0.3).
  return fc.oneof(...kept.filter(([w]) => w > 0).map(([weight, arbitrary]) => ({ weight: Math.round(weight * 10), arbitrary })));
}

/** The kind an arbitrary makes (sampled once, deterministically): lets RANDOM_SKIP leave kinds out. */
function kindOf(a: fc.Arbitrary<Op>): string {
  return fc.sample(a, { numRuns: 1, seed: 1 })[0].k;
}

/** An operation as one readable line, for the failure report. */
export const show = (op: Op) =>
  JSON.stringify(op, (_k, v) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 20)}…(${v.length} chars)` : v))
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
