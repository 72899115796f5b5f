// Every message an invoice workflow understands. The API sends them, the workflow handles them.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CollectionsDecision, InvoiceSnapshot, PaymentInput, VoidInput } from './types';

/** Adds a payment; a repeated paymentId is a no-op that returns the current state. */
export const recordPaymentUpdate = defineUpdate<InvoiceSnapshot, [PaymentInput]>('recordPayment');
export const voidInvoiceUpdate = defineUpdate<InvoiceSnapshot, [VoidInput]>('voidInvoice');
/** A person's decision once the invoice reached collections review. */
export const decideCollectionsUpdate = defineUpdate<InvoiceSnapshot, [CollectionsDecision]>('decideCollections');
export const invoiceStateQuery = defineQuery<InvoiceSnapshot>('invoiceState');
