// Custom search attributes that let an operator find an invoice in the Temporal UI.
// scripts/services.ts registers exactly these with the dev server.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const InvoiceNumber = defineSearchAttributeKey('InvoiceNumber', SearchAttributeType.KEYWORD);
export const ClientEmail = defineSearchAttributeKey('ClientEmail', SearchAttributeType.KEYWORD);
export const Stage = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
export const AmountDue = defineSearchAttributeKey('AmountDue', SearchAttributeType.INT);
export const DueDate = defineSearchAttributeKey('DueDate', SearchAttributeType.DATETIME);

export const INVOICE_SEARCH_ATTRIBUTES = [InvoiceNumber, ClientEmail, Stage, AmountDue, DueDate];
