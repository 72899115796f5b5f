// Failures the business rules name. The API maps each code to an HTTP status (api/errors.ts).
export interface FieldError {
  field: string;
  message: string;
}

export type DomainErrorCode =
  | 'issuer_incomplete'
  | 'vat_incomplete'
  | 'terms_incomplete'
  | 'credit_note_rejected'
  | 'e_invoice_incomplete'
  | 'invoice_not_found'
  | 'invoice_closed'
  | 'payment_rejected'
  | 'invalid_plan'
  | 'not_allowed_now'
  | 'unknown_policy'
  | 'policy_exists'
  | 'invalid_policy'
  | 'task_not_found'
  | 'invalid_cursor'
  | 'webhook_endpoint_not_found'
  | 'delivery_not_found'
  | 'destination_not_allowed'
  | 'change_order_closed'
  /** The invoice's workflow is yet to start: retry shortly (503). */
  | 'workflow_starting';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}
