// The write that keeps PostgreSQL in step with an invoice's workflow: the whole row as the
// workflow holds it, plus what the event added (ledger, adjustment, credit, change-order
// decision, timeline line). Carries the event's sequence number, so a retry changes nothing and
// an older write never overwrites a newer one.
import type { AccountRow, AdjustmentEntry, ChangeOrderDecision, CreditEntry, LedgerEntry } from './account';
import type { EventType } from './events';
import type { TimelineEntry } from './types';

export interface InvoiceProjection {
  invoiceId: string;
  seq: number;
  row: AccountRow;
  clientEmail: string;
  currency: string;
  /** Each line with the events it is (often none) (domain/events.ts): the log and the webhooks get it. */
  timeline: (TimelineEntry & { key: string; events?: EventType[] })[];
  ledger: LedgerEntry[];
  adjustments: AdjustmentEntry[];
  credits: CreditEntry[];
  changeOrders: ChangeOrderDecision[];
}

/** The error type of a write PostgreSQL refused for its data: retrying cannot help. */
export const UNSTORABLE_DATA = 'UnstorableData';
