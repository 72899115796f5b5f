/**
 * Generated: do not edit. Made by `npm run client:generate` (scripts/generate-client.ts, with
 * openapi-typescript 6) from the OpenAPI document the API serves at /openapi.json.
 */


/** OneOf type helpers */
type Without<T, U> = { [P in Exclude<keyof T, keyof U>]?: never };
type XOR<T, U> = (T | U) extends object ? (Without<T, U> & U) | (Without<U, T> & T) : T | U;
type OneOf<T extends any[]> = T extends [infer Only] ? Only : T extends [infer A, infer B, ...infer Rest] ? OneOf<[XOR<A, B>, ...Rest]> : never;

export interface paths {
  "/v1/invoices/{id}/credit-notes": {
    /** An invoice's credit notes */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Credit notes */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Issue a credit note (CN-YYYY-NNNN): lines, an amount, or neither for everything billed, which cancels the invoice */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["CreditNoteCreate"];
        };
      };
      responses: {
        /** @description Issued and emailed */
        201: {
          content: {
            "application/json": components["schemas"]["CreditNote"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A draft, or an invoice that takes no credit note */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/e-invoice": {
    /** The invoice as an EN 16931 e-invoice */
    get: {
      parameters: {
        query?: {
          format?: "ubl" | "cii" | "xrechnung" | "factur-x";
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description UBL 2.1 (Peppol BIS 3.0), CII (EN 16931), XRechnung (CII), or a Factur-X PDF/A-3 */
        200: {
          content: {
            "application/xml": unknown;
            "application/pdf": unknown;
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice or credit note */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A draft has no e-invoice */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The format needs what the invoice lacks; `fields` names it */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/credit-notes/{creditNoteId}/e-invoice": {
    /** A credit note as an EN 16931 e-invoice */
    get: {
      parameters: {
        query?: {
          format?: "ubl" | "cii" | "xrechnung" | "factur-x";
        };
        path: {
          id: string;
          creditNoteId: string;
        };
      };
      responses: {
        /** @description UBL 2.1 (Peppol BIS 3.0), CII (EN 16931), XRechnung (CII), or a Factur-X PDF/A-3 */
        200: {
          content: {
            "application/xml": unknown;
            "application/pdf": unknown;
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice or credit note */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A draft has no e-invoice */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The format needs what the invoice lacks; `fields` names it */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/credit-notes": {
    /** Credit notes, newest first */
    get: {
      parameters: {
        query?: {
          invoiceId?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Credit notes */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/credit-notes/{creditNoteId}": {
    /** One credit note */
    get: {
      parameters: {
        path: {
          creditNoteId: string;
        };
      };
      responses: {
        /** @description The credit note */
        200: {
          content: {
            "application/json": components["schemas"]["CreditNote"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such credit note */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/reference-rates": {
    /** Reference rates recorded for statutory late-payment interest */
    get: {
      responses: {
        /** @description Rates, newest first */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Record a central bank's reference rate and the day it took effect */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ReferenceRate"];
        };
      };
      responses: {
        /** @description Recorded */
        201: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/clients/{email}/payments": {
    /** One payment that settles several invoices of the client: split oldest due first (or over `invoices`, in that order); the rest becomes their credit */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          email: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ClientPayment"];
        };
      };
      responses: {
        /** @description Every part was applied before (a retry) */
        200: {
          content: {
            "application/json": components["schemas"]["ClientPaymentResult"];
          };
        };
        /** @description Applied: each part and the credit */
        201: {
          content: {
            "application/json": components["schemas"]["ClientPaymentResult"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No open invoice in that currency */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/clients/{email}/statement": {
    /** The client's statement: open invoices, credit notes, credit, totals per currency, and `statementUrl` for their page */
    get: {
      parameters: {
        query?: {
          format?: "json" | "pdf";
        };
        path: {
          email: string;
        };
      };
      responses: {
        /** @description The statement (JSON), or its PDF with format=pdf */
        200: {
          content: {
            "application/json": components["schemas"]["Statement"];
            "application/pdf": unknown;
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The client has no issued invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/clients/{email}/statement/link/rotate": {
    /** A new link for the client's statement page; the old one stops working */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          email: string;
        };
      };
      responses: {
        /** @description The new statementUrl */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The client has no issued invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/clients/{email}/pause": {
    /** Pause the reminders of every open invoice of the client; each invoice's outcome (already paused or closed ones are reported, not errors) */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          email: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ClientPause"];
        };
      };
      responses: {
        /** @description Each invoice's outcome */
        200: {
          content: {
            "application/json": components["schemas"]["ClientPauseResult"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/clients/{email}/resume": {
    /** Resume the reminders of every open invoice of the client where they stopped */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          email: string;
        };
      };
      requestBody?: {
        content: {
          "application/json": components["schemas"]["ClientResume"];
        };
      };
      responses: {
        /** @description Each invoice's outcome */
        200: {
          content: {
            "application/json": components["schemas"]["ClientPauseResult"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/events": {
    /** The event log, newest first (kept EVENT_RETENTION_DAYS, 30 by default); page with startingAfter=nextCursor */
    get: {
      parameters: {
        query?: {
          type?: "invoice.issued" | "invoice.sent" | "invoice.reminder_sent" | "invoice.payment_received" | "invoice.paid" | "invoice.refunded" | "invoice.disputed" | "invoice.paused" | "invoice.resumed" | "invoice.promised" | "invoice.promise_broken" | "invoice.credited" | "invoice.collections_review" | "invoice.decided" | "invoice.voided" | "task.created";
          invoiceId?: string;
          startingAfter?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description A page of events */
        200: {
          content: {
            "application/json": {
              /** @constant */
              object?: "list";
              data?: components["schemas"]["Event"][];
              hasMore?: boolean;
              nextCursor?: string | null;
            };
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhook-endpoints": {
    /** The webhook endpoints */
    get: {
      responses: {
        /** @description Every endpoint (no secrets) */
        200: {
          content: {
            "application/json": {
              /** @constant */
              object?: "list";
              data?: components["schemas"]["WebhookEndpoint"][];
              hasMore?: boolean;
              nextCursor?: string | null;
            };
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Push events to a URL: each delivery signed (webhook-id, webhook-timestamp, webhook-signature), retried with backoff for three days, in order per invoice */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["WebhookEndpointCreate"];
        };
      };
      responses: {
        /** @description Created; the answer carries its signing secret, shown only here */
        201: {
          content: {
            "application/json": components["schemas"]["WebhookEndpointCreated"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhook-endpoints/{id}": {
    /** One webhook endpoint */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The endpoint */
        200: {
          content: {
            "application/json": components["schemas"]["WebhookEndpoint"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such webhook endpoint */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Delete an endpoint and its deliveries */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Deleted */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such webhook endpoint */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhook-endpoints/{id}/enable": {
    /** Turn a disabled endpoint back on */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Enabled */
        200: {
          content: {
            "application/json": components["schemas"]["WebhookEndpoint"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such webhook endpoint */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhook-endpoints/{id}/deliveries": {
    /** The endpoint's deliveries, newest event first */
    get: {
      parameters: {
        query?: {
          status?: "pending" | "succeeded" | "failed";
          limit?: number;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Deliveries with their attempts and last answer */
        200: {
          content: {
            "application/json": {
              /** @constant */
              object?: "list";
              data?: components["schemas"]["WebhookDelivery"][];
              hasMore?: boolean;
              nextCursor?: string | null;
            };
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such webhook endpoint */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry": {
    /** Send a failed delivery again (a pending or delivered one is left as it is) */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
          deliveryId: string;
        };
      };
      responses: {
        /** @description Back in its lane */
        202: {
          content: {
            "application/json": components["schemas"]["WebhookDelivery"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such endpoint or delivery */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The endpoint is disabled */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/healthz": {
    /** Readiness: database and Temporal */
    get: {
      responses: {
        /** @description Ready */
        200: {
          content?: never;
        };
        /** @description A dependency is down */
        503: {
          content?: never;
        };
      };
    };
  };
  "/v1/issuer": {
    /** The business profile */
    get: {
      responses: {
        /** @description Profile and its missing fields */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Set the business profile */
    put: {
      requestBody: {
        content: {
          "application/json": components["schemas"]["IssuerInput"];
        };
      };
      responses: {
        /** @description Saved */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices": {
    /** List invoices, newest first */
    get: {
      parameters: {
        query?: {
          status?: "draft" | "open" | "paid" | "uncollectible" | "void";
          clientEmail?: string;
          limit?: number;
          startingAfter?: string;
        };
      };
      responses: {
        /** @description A page */
        200: {
          content: {
            "application/json": {
              data?: components["schemas"]["InvoiceSummary"][];
              hasMore?: boolean;
              nextCursor?: string | null;
            };
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Issue an invoice and start its follow-up */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["InvoiceCreate"];
        };
      };
      responses: {
        /** @description Issued */
        201: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The business profile is incomplete */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}": {
    /** An invoice with its live stage, next step and timeline */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The invoice */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Delete a draft (an issued invoice is voided instead) */
    delete: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Deleted */
        204: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not a draft */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/payments": {
    /** Record a payment received outside Dunwell */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["PaymentCreate"];
        };
      };
      responses: {
        /** @description Already applied (same Idempotency-Key) */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Applied */
        201: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The invoice is closed */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/void": {
    /** Void an open invoice (its follow-up stops) or a draft (kept, never numbered) */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody?: {
        content: {
          "application/json": components["schemas"]["VoidInvoice"];
        };
      };
      responses: {
        /** @description Voided */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Neither open nor a draft */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/collections-decision": {
    /**
     * A person decides an invoice in collections review
     * @description The review's open task is marked done with the decision (as when it is decided on the task's page).
     */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["CollectionsDecision"];
        };
      };
      responses: {
        /** @description Recorded */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not in collections review */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/change-orders": {
    /** Change orders of an invoice, with who decided and when */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Change orders */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Propose extra scope; the client approves or declines it on its own page */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ChangeOrderCreate"];
        };
      };
      responses: {
        /** @description Proposed, with approvalUrl */
        201: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The invoice is not open */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/recurring": {
    /** Recurring plans */
    get: {
      responses: {
        /** @description Plans */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** A recurring plan: an invoice repeated on a cadence by a Temporal Schedule */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["RecurringCreate"];
        };
      };
      responses: {
        /** @description Created, with its next dates */
        201: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/recurring/{id}": {
    /** A plan, its next dates and every period's outcome */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The plan */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such plan */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Change the repeated invoice from the next period on */
    patch: {
      parameters: {
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["RecurringPatch"];
        };
      };
      responses: {
        /** @description Changed */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such plan */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/recurring/{id}/pause": {
    /** pause the plan */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The plan */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such plan */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The plan has ended */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/recurring/{id}/resume": {
    /** resume the plan */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The plan */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such plan */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The plan has ended */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/recurring/{id}/skip-next": {
    /** skip next the plan */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The plan */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such plan */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The plan has ended */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/recurring/{id}/end": {
    /** end the plan */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The plan */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such plan */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description The plan has ended */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/issue": {
    /** Issue a draft: numbered today, emailed, its reminders started */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description Issued */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Already issued, or the business profile is incomplete */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/pdf": {
    /** The invoice as a PDF */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description PDF */
        200: {
          content: {
            "application/pdf": unknown;
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A draft: issue it first */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/link/rotate": {
    /** A new link for the client's page; the old one stops working */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The new hostedUrl */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A draft has no client link until issued */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/schedule": {
    /** Every upcoming step with its date and time, and what has happened already */
    get: {
      parameters: {
        path: {
          id: string;
        };
      };
      responses: {
        /** @description The schedule */
        200: {
          content: {
            "application/json": components["schemas"]["Schedule"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/pause": {
    /** Pause reminders (a client question or dispute); the owner gets a task */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["Pause"];
        };
      };
      responses: {
        /** @description Paused */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Already paused or closed */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/resume": {
    /** Resume reminders where they stopped (no burst) */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody?: {
        content: {
          "application/json": components["schemas"]["Resume"];
        };
      };
      responses: {
        /** @description Resumed */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Not paused */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/plan": {
    /** Agree an instalment plan: the balance in 2 to 12 dated parts; reminders follow each instalment */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["Plan"];
        };
      };
      responses: {
        /** @description Agreed; `plan` shows each instalment */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Invoice closed or in collections review */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/invoices/{id}/promise": {
    /** Record a promise to pay by a date; reminders wait until then plus the grace days */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["Promise"];
        };
      };
      responses: {
        /** @description Recorded */
        200: {
          content: {
            "application/json": components["schemas"]["Invoice"];
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such invoice */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Date in the past, too far, or invoice closed */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/policies": {
    /** Dunning policies: gentle, standard, firm and your own */
    get: {
      responses: {
        /** @description Policies */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/policies/{name}": {
    /** One policy */
    get: {
      parameters: {
        path: {
          name: string;
        };
      };
      responses: {
        /** @description The policy */
        200: {
          content?: never;
        };
        /** @description No such policy */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Create or replace your own policy; running invoices keep their copy */
    put: {
      parameters: {
        path: {
          name: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["PolicyInput"];
        };
      };
      responses: {
        /** @description Replaced */
        200: {
          content?: never;
        };
        /** @description Created */
        201: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A built-in name */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/clients/{email}": {
    /** A client's settings */
    get: {
      parameters: {
        path: {
          email: string;
        };
      };
      responses: {
        /** @description Settings */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
    /** Set a client's policy and payment day ("we pay on the 1st") */
    put: {
      parameters: {
        path: {
          email: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["ClientProfile"];
        };
      };
      responses: {
        /** @description Saved */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/tasks": {
    /**
     * Open tasks for the owner: check-ins, client questions, broken promises, collections reviews
     * @description Each open task carries `pageUrl`, a fresh signed link to its one-click page (`/o/<token>`, valid for OWNER_LINK_DAYS) where it can be decided as through this API; a done one has `pageUrl: null`.
     */
    get: {
      parameters: {
        query?: {
          status?: "open" | "done";
        };
      };
      responses: {
        /** @description Tasks, each with `pageUrl` */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/tasks/{id}/complete": {
    /** Complete a task with its outcome: a promise, a pause, a resume, or a note */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": components["schemas"]["TaskCompletion"];
        };
      };
      responses: {
        /** @description Done */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such task */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Already done */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/payments/unapplied": {
    /** Payments that matched no invoice (or came in another currency), waiting for you */
    get: {
      responses: {
        /** @description Unapplied payments */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/payments/unapplied/{id}/assign": {
    /** Apply an unapplied payment to an invoice in the same currency (invoiceId), or split it over several (invoiceIds, in order) */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
        path: {
          id: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** Format: uuid */
            invoiceId?: string;
            /** @description Split the payment over these invoices, in this order; the rest becomes the credit of the last one's client */
            invoiceIds?: string[];
          };
        };
      };
      responses: {
        /** @description Applied; with invoiceIds, `split` lists each part */
        200: {
          content?: never;
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description No such payment */
        404: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Already assigned */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/audit": {
    /** Compare invoice records with their workflows (the owners of their state) and repair any record that drifted */
    post: {
      parameters: {
        header?: {
          "Idempotency-Key"?: string;
        };
      };
      requestBody?: {
        content: {
          "application/json": {
            /** @description Only these invoices; by default the 1000 most recently changed */
            invoiceIds?: string[];
          };
        };
      };
      responses: {
        /** @description What was checked and repaired */
        200: {
          content: {
            "application/json": {
              checked?: number;
              unanswered?: number;
              repaired?: {
                  invoiceId?: string;
                  number?: string;
                  differences?: string[];
                }[];
            };
          };
        };
        /** @description Invalid input; `fields` names each bad field */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description Missing or wrong API key */
        401: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description A request with this Idempotency-Key is still running, or the state does not allow it */
        409: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
        /** @description This Idempotency-Key was used with another request */
        422: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhooks/payments": {
    /** Any provider, bank or crypto processor, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature) */
    post: {
      parameters: {
        header: {
          "webhook-id": string;
          "webhook-timestamp": string;
          "webhook-signature": string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            type: "payment.succeeded" | "payment.pending" | "payment.failed" | "payment.refunded";
            data: {
              /** @description The payment's id at the provider; the same id across its events */
              id: string;
              refund_id?: string;
              amount: number;
              currency: string;
              /** @default bank_transfer */
              method?: string;
              invoice_id?: string;
              /** @description A transfer reference; the invoice number in it matches the invoice */
              reference?: string;
              reason?: string;
            };
          };
        };
      };
      responses: {
        /** @description Received (also for a repeat) */
        200: {
          content?: never;
        };
        /** @description Bad, stale or altered signature, or not the documented shape; nothing recorded */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhooks/resend": {
    /** Resend email events (delivered, opened, bounced, complained), signed by Svix */
    post: {
      parameters: {
        header: {
          "svix-id": string;
          "svix-timestamp": string;
          "svix-signature": string;
        };
      };
      requestBody: {
        content: {
          "application/json": Record<string, unknown>;
        };
      };
      responses: {
        /** @description Received (an event type not acted on is ignored) */
        200: {
          content?: never;
        };
        /** @description Bad, stale or future signature, or a field we read is malformed (named); nothing recorded */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
  "/v1/webhooks/stripe": {
    /** Stripe events (checkout.session.completed, payment_intent.succeeded/processing/payment_failed, charge.refunded, charge.dispute.created) signed with Stripe-Signature */
    post: {
      parameters: {
        header: {
          "Stripe-Signature": string;
        };
      };
      requestBody: {
        content: {
          "application/json": Record<string, unknown>;
        };
      };
      responses: {
        /** @description Received (also for a repeat; an unhandled type is ignored) */
        200: {
          content?: never;
        };
        /** @description Bad, stale or future signature, or a field we read is malformed (named); nothing recorded or applied */
        400: {
          content: {
            "application/json": components["schemas"]["Error"];
          };
        };
      };
    };
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    IssuerInput: {
      name?: string;
      taxId?: string;
      address?: string;
      /** Format: email */
      email?: string;
      phone?: string;
      /** @description ISO 3166-1 alpha-2 */
      country?: string;
      city?: string;
      postalCode?: string;
      timeZone?: string;
      paymentInstructions?: {
        bankTransfer?: {
          accountName: string;
          iban?: string;
          bic?: string;
          accountNumber?: string;
          routingNumber?: string;
          bankName?: string;
        };
        cardPaymentUrl?: string;
        crypto?: {
          asset: string;
          network?: string;
          address: string;
        };
      };
      /** @description The logo drawn top right on the PDF: a PNG or JPEG data URL (data:image/png;base64,…), at most 180 KiB of image */
      logo?: string | null;
    };
    InvoiceCreate: {
      client: {
        name: string;
        /** Format: email */
        email: string;
        address: string;
        /** @description VAT number; needed for reverse charge and intra-community supplies */
        taxId?: string;
        /** @description ISO 3166-1 alpha-2 */
        country?: string;
        /** @description Beside the address: XRechnung needs city and postcode structured */
        city?: string;
        postalCode?: string;
        phone?: string;
        /**
         * @default en
         * @enum {string}
         */
        locale?: "en" | "bg";
        timeZone?: string;
        /** @description The client pays on this day of the month; the due date moves to the next one */
        paymentDay?: number;
      };
      currency: string;
      termsDays: number;
      lines: ({
          description: string;
          quantity: number;
          /** @description Price of one unit in minor units, e.g. 12000 for 120.00 */
          unitAmount: number;
          /** @description Tax rate in percent */
          taxRate?: number;
          /**
           * @description EN 16931 VAT category: S standard, Z zero-rated, E exempt, AE reverse charge, K intra-community, G export, O outside scope. Default S with a rate, Z without
           * @enum {string}
           */
          taxCategory?: "S" | "Z" | "E" | "AE" | "K" | "G" | "O";
        })[];
      poNumber?: string;
      note?: string;
      /** @description Dunning policy; by default chosen from the client's record */
      policy?: string;
      /** @description Keep it as a draft: no number, no email, no reminders until POST /v1/invoices/{id}/issue */
      draft?: boolean;
      /** @description A discount for paying early, e.g. 2% off if paid within 10 days */
      earlyPayment?: {
        percent: number;
        withinDays: number;
      };
      /** @description Off unless given; stated on the invoice and in every reminder */
      lateFees?: {
        /**
         * @description EU Late Payment Directive 2011/7/EU: the reference rate plus 8 points, and EUR 40 compensation
         * @constant
         */
        preset: "eu-late-payment";
        /** @description The EUR 40 compensation in the invoice currency; needed for any currency but EUR */
        compensationAmount?: number;
      } | {
        /** @default 0 */
        graceDays?: number;
        /** @description A one-off late fee in minor units */
        fixedAmount?: number;
        /** @description Simple yearly interest on the unpaid principal */
        annualRatePercent?: number;
        /** @description The most all late fees together may come to */
        capAmount?: number;
      };
      /** @description When the goods or services were supplied (Article 226(7)); the issue date when absent */
      supplyDate?: string;
      /** @description The period the services were supplied in */
      supplyPeriod?: {
        start: string;
        end: string;
      };
      /** @description EN 16931 BT-10, e.g. the Leitweg-ID for German public bodies */
      buyerReference?: string;
      /** @description Why exempt lines (E) carry no VAT, e.g. the article of the VAT law */
      taxExemptionReason?: string;
    };
    PaymentCreate: {
      /** @description Amount received, in minor units */
      amount: number;
      /** @enum {string} */
      method: "card" | "bank_transfer" | "cash" | "check" | "crypto" | "other";
      reference?: string;
      /** Format: date-time */
      paidAt?: string;
    };
    VoidInvoice: {
      reason?: string;
    };
    CollectionsDecision: OneOf<[{
      /** @constant */
      decision: "write_off";
      reason: string;
    }, {
      /** @constant */
      decision: "extend";
      newDueDate: string;
      reason?: string;
    }, {
      /** @constant */
      decision: "agency";
      agency: string;
      reason?: string;
    }]>;
    PolicyInput: {
      description?: string;
      steps: ({
          id?: string;
          /** @description Days from the due date; negative is before it */
          offsetDays: number;
          /** @enum {string} */
          action: "email_client" | "owner_task" | "collections_review";
          /** @enum {string} */
          tone: "friendly" | "nudge" | "firm" | "final";
        })[];
      /** @default 10:00 */
      sendAt?: string;
      /**
       * @default {
       *   "start": "09:00",
       *   "end": "17:00"
       * }
       */
      businessHours?: {
        start: string;
        end: string;
      };
      /** @default 14 */
      autoResumeDays?: number;
      /** @default 1 */
      promiseGraceDays?: number;
      /**
       * @description Promises to pay a client may make on one invoice; past them you get a task to talk to them
       * @default 2
       */
      maxPromises?: number;
      /**
       * @description How far ahead a promised date may lie
       * @default 30
       */
      maxPromiseDays?: number;
    };
    ChangeOrderCreate: {
      description: string;
      /** @description Why the extra work was needed, in words the client recognises */
      reason: string;
      lines: ({
          description: string;
          quantity: number;
          /** @description Price of one unit in minor units, e.g. 12000 for 120.00 */
          unitAmount: number;
          /** @description Tax rate in percent */
          taxRate?: number;
          /**
           * @description EN 16931 VAT category: S standard, Z zero-rated, E exempt, AE reverse charge, K intra-community, G export, O outside scope. Default S with a rate, Z without
           * @enum {string}
           */
          taxCategory?: "S" | "Z" | "E" | "AE" | "K" | "G" | "O";
        })[];
    };
    RecurringCreate: {
      invoice: {
        client: {
          name: string;
          /** Format: email */
          email: string;
          address: string;
          /** @description VAT number; needed for reverse charge and intra-community supplies */
          taxId?: string;
          /** @description ISO 3166-1 alpha-2 */
          country?: string;
          /** @description Beside the address: XRechnung needs city and postcode structured */
          city?: string;
          postalCode?: string;
          phone?: string;
          /**
           * @default en
           * @enum {string}
           */
          locale?: "en" | "bg";
          timeZone?: string;
          /** @description The client pays on this day of the month; the due date moves to the next one */
          paymentDay?: number;
        };
        currency: string;
        termsDays: number;
        lines: ({
            description: string;
            quantity: number;
            /** @description Price of one unit in minor units, e.g. 12000 for 120.00 */
            unitAmount: number;
            /** @description Tax rate in percent */
            taxRate?: number;
            /**
             * @description EN 16931 VAT category: S standard, Z zero-rated, E exempt, AE reverse charge, K intra-community, G export, O outside scope. Default S with a rate, Z without
             * @enum {string}
             */
            taxCategory?: "S" | "Z" | "E" | "AE" | "K" | "G" | "O";
          })[];
        poNumber?: string;
        note?: string;
        /** @description Dunning policy; by default chosen from the client's record */
        policy?: string;
        /** @description A discount for paying early, e.g. 2% off if paid within 10 days */
        earlyPayment?: {
          percent: number;
          withinDays: number;
        };
        /** @description Off unless given; stated on the invoice and in every reminder */
        lateFees?: {
          /**
           * @description EU Late Payment Directive 2011/7/EU: the reference rate plus 8 points, and EUR 40 compensation
           * @constant
           */
          preset: "eu-late-payment";
          /** @description The EUR 40 compensation in the invoice currency; needed for any currency but EUR */
          compensationAmount?: number;
        } | {
          /** @default 0 */
          graceDays?: number;
          /** @description A one-off late fee in minor units */
          fixedAmount?: number;
          /** @description Simple yearly interest on the unpaid principal */
          annualRatePercent?: number;
          /** @description The most all late fees together may come to */
          capAmount?: number;
        };
        /** @description When the goods or services were supplied (Article 226(7)); the issue date when absent */
        supplyDate?: string;
        /** @description The period the services were supplied in */
        supplyPeriod?: {
          start: string;
          end: string;
        };
        /** @description EN 16931 BT-10, e.g. the Leitweg-ID for German public bodies */
        buyerReference?: string;
        /** @description Why exempt lines (E) carry no VAT, e.g. the article of the VAT law */
        taxExemptionReason?: string;
      };
      cadence: OneOf<[{
        /** @constant */
        every: "month";
        /** @description 1-28, so every month has it */
        dayOfMonth: number;
        /**
         * @description Every N months
         * @default 1
         */
        interval?: 1 | 2 | 3 | 4 | 6 | 12;
      }, {
        /** @constant */
        every: "week";
        /** @enum {string} */
        weekday: "monday" | "tuesday" | "wednesday" | "thursday" | "friday";
      }]>;
      startDate: string;
      endDate?: string;
    };
    RecurringPatch: {
      lines?: ({
          description: string;
          quantity: number;
          /** @description Price of one unit in minor units, e.g. 12000 for 120.00 */
          unitAmount: number;
          /** @description Tax rate in percent */
          taxRate?: number;
          /**
           * @description EN 16931 VAT category: S standard, Z zero-rated, E exempt, AE reverse charge, K intra-community, G export, O outside scope. Default S with a rate, Z without
           * @enum {string}
           */
          taxCategory?: "S" | "Z" | "E" | "AE" | "K" | "G" | "O";
        })[];
      termsDays?: number;
      note?: string | null;
      poNumber?: string | null;
      policy?: string | null;
    };
    ClientProfile: {
      policy?: string | null;
      paymentDay?: number | null;
      /** @description Attach this e-invoice to their invoice emails (Factur-X replaces the PDF) */
      eInvoiceFormat?: ("ubl" | "cii" | "xrechnung" | "factur-x") | null;
    };
    Pause: {
      /** @description What the client said, or why you pause */
      message: string;
      /**
       * @default owner
       * @enum {string}
       */
      source?: "client" | "owner";
      autoResumeDays?: number;
    };
    Resume: {
      note?: string;
    };
    Promise: {
      date: string;
      note?: string;
    };
    Plan: {
      instalments: {
          dueDate: string;
          /** @description This instalment, in minor units */
          amount: number;
        }[];
    };
    TaskCompletion: {
      /** @enum {string} */
      outcome: "promise" | "pause" | "resume" | "note";
      promiseDate?: string;
      note?: string;
    };
    Schedule: {
      policy?: {
        name?: string;
        reason?: string;
      };
      /** @enum {string} */
      state?: "running" | "paused" | "promised" | "finished" | "closed";
      /** Format: date-time */
      resumesAt?: string | null;
      upcoming?: ({
          stepId?: string;
          action?: string;
          tone?: string;
          /** Format: date-time */
          at?: string;
          localTime?: string;
          /** @description Set when a firmer step falls on the same moment: only that one is sent */
          supersededBy?: string | null;
        })[];
      done?: ({
          stepId?: string;
          /** Format: date-time */
          at?: string;
          /** @enum {string} */
          outcome?: "sent" | "skipped";
        })[];
    };
    /** @description Neither lines nor amount: everything still billed is credited, which cancels the invoice */
    CreditNoteCreate: {
      /** @description Why the invoice is credited; printed on the credit note */
      reason: string;
      /** @description The lines to credit, each with its VAT */
      lines?: ({
          description: string;
          quantity: number;
          /** @description Price of one unit in minor units, e.g. 12000 for 120.00 */
          unitAmount: number;
          /** @description Tax rate in percent */
          taxRate?: number;
          /**
           * @description EN 16931 VAT category: S standard, Z zero-rated, E exempt, AE reverse charge, K intra-community, G export, O outside scope. Default S with a rate, Z without
           * @enum {string}
           */
          taxCategory?: "S" | "Z" | "E" | "AE" | "K" | "G" | "O";
        })[];
      /** @description An amount to credit, gross; for an invoice with one VAT rate */
      amount?: number;
    };
    /** @description A central bank's reference rate (the ECB's main refinancing rate for the euro) and the day it took effect */
    ReferenceRate: {
      ratePercent: number;
      effectiveFrom: string;
    };
    CreditNote: {
      /** Format: uuid */
      id: string;
      /** @constant */
      object?: "credit_note";
      /** @example CN-2026-0001 */
      number: string;
      /** Format: uuid */
      invoiceId: string;
      reason?: string;
      /** @description Cancels the invoice */
      full: boolean;
      currency?: string;
      lines?: Record<string, unknown>[];
      subtotal?: number;
      taxTotal?: number;
      total: number;
      /** Format: date */
      issueDate?: string;
    };
    ClientPayment: {
      /** @description Amount received, in minor units */
      amount: number;
      /** @enum {string} */
      method: "card" | "bank_transfer" | "cash" | "check" | "crypto" | "other";
      reference?: string;
      /** Format: date-time */
      paidAt?: string;
      currency: string;
      /** @description The invoices to pay, in this order; by default every open invoice of the client in the currency, oldest due first */
      invoices?: string[];
    };
    ClientPause: {
      /** @description What the client said, or why you pause */
      message: string;
      autoResumeDays?: number;
      /**
       * @description dispute also gives you a task per invoice
       * @default owner
       * @enum {string}
       */
      source?: "owner" | "dispute";
    };
    ClientResume: {
      note?: string;
    };
    ClientPaymentResult: {
      /** @constant */
      object?: "client_payment";
      clientEmail?: string;
      /** @description Each part is recorded as <paymentId>/<invoiceId> */
      paymentId: string;
      currency: string;
      /** @description Minor units */
      amount: number;
      /** @description Paid beyond what the invoices owed: the last part carries it, and its invoice makes it the client's credit */
      credit: number;
      parts: ({
          /** Format: uuid */
          invoiceId?: string;
          /** @example INV-2026-0003 */
          number?: string;
          /** @description Minor units */
          amount?: number;
          /** @description Minor units */
          credit?: number;
          reason?: string | null;
          /**
           * @description duplicate: applied by an earlier attempt; unapplied: the invoice took no more money, kept in GET /v1/payments/unapplied
           * @enum {string}
           */
          outcome?: "applied" | "duplicate" | "unapplied";
        })[];
    };
    ClientPauseResult: {
      clientEmail?: string;
      invoices?: ({
          /** Format: uuid */
          invoiceId?: string;
          /** @example INV-2026-0003 */
          number?: string;
          stage?: string;
          reason?: string | null;
          /** @enum {string} */
          outcome?: "paused" | "resumed" | "already_paused" | "not_paused" | "closed" | "refused";
        })[];
    };
    Statement: {
      /** @constant */
      object?: "statement";
      clientEmail?: string;
      /** Format: date */
      asOf?: string;
      client?: Record<string, unknown>;
      issuer?: Record<string, unknown>;
      /** @description Every open invoice, oldest due first */
      invoices?: {
          /** Format: uuid */
          id?: string;
          number?: string;
          currency?: string;
          /** Format: date */
          issueDate?: string;
          /** Format: date */
          dueDate?: string;
          /** @description Lines and approved change orders */
          total?: number;
          /** @description Minor units */
          paid?: number;
          /** @description Late fees less discounts and credit notes */
          adjustments?: number;
          /** @description Minor units */
          amountDue?: number;
          stage?: string;
          /**
           * @description ISO 11649
           * @example RF59INV20260003
           */
          creditorReference?: string;
        }[];
      creditNotes?: Record<string, unknown>[];
      /** @description Credit the client holds (unapplied) */
      credits?: Record<string, unknown>[];
      totals?: {
          currency?: string;
          /** @description Minor units */
          amountDue?: number;
          /** @description Minor units */
          credit?: number;
          openInvoices?: number;
        }[];
      /**
       * Format: uri
       * @description The client's page (/s/<token>): a secret; send it to the client
       */
      statementUrl?: string;
    };
    WebhookEndpointCreate: {
      /** @description https:// only; no private, loopback or link-local host unless WEBHOOK_ALLOW_PRIVATE_URLS=true */
      url: string;
      /** @description The event types to receive; "*" for all */
      events: (("invoice.issued" | "invoice.sent" | "invoice.reminder_sent" | "invoice.payment_received" | "invoice.paid" | "invoice.refunded" | "invoice.disputed" | "invoice.paused" | "invoice.resumed" | "invoice.promised" | "invoice.promise_broken" | "invoice.credited" | "invoice.collections_review" | "invoice.decided" | "invoice.voided" | "task.created") | "*")[];
      description?: string;
    };
    WebhookEndpoint: {
      /** @example we_3f9c2a7d41b85e06c1d2e3f4 */
      id: string;
      /** @constant */
      object?: "webhook_endpoint";
      /** Format: uri */
      url: string;
      description?: string | null;
      events: ("invoice.issued" | "invoice.sent" | "invoice.reminder_sent" | "invoice.payment_received" | "invoice.paid" | "invoice.refunded" | "invoice.disputed" | "invoice.paused" | "invoice.resumed" | "invoice.promised" | "invoice.promise_broken" | "invoice.credited" | "invoice.collections_review" | "invoice.decided" | "invoice.voided" | "task.created" | "*")[];
      /** @enum {string} */
      status: "enabled" | "disabled";
      disabledReason?: string | null;
      /**
       * Format: date-time
       * @description Since when every attempt has failed
       */
      failingSince?: string | null;
      /** Format: date-time */
      createdAt?: string;
    };
    WebhookEndpointCreated: {
      /** @example we_3f9c2a7d41b85e06c1d2e3f4 */
      id: string;
      /** @constant */
      object?: "webhook_endpoint";
      /** Format: uri */
      url: string;
      description?: string | null;
      events: ("invoice.issued" | "invoice.sent" | "invoice.reminder_sent" | "invoice.payment_received" | "invoice.paid" | "invoice.refunded" | "invoice.disputed" | "invoice.paused" | "invoice.resumed" | "invoice.promised" | "invoice.promise_broken" | "invoice.credited" | "invoice.collections_review" | "invoice.decided" | "invoice.voided" | "task.created" | "*")[];
      /** @enum {string} */
      status: "enabled" | "disabled";
      disabledReason?: string | null;
      /**
       * Format: date-time
       * @description Since when every attempt has failed
       */
      failingSince?: string | null;
      /** Format: date-time */
      createdAt?: string;
      /**
       * @description Verifies the webhook-signature header (Standard Webhooks); shown only here
       * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
       */
      secret: string;
    };
    WebhookDelivery: {
      /** @example whd_0b1c2d3e4f5a6b7c8d9e0f1a */
      id?: string;
      /** @constant */
      object?: "webhook_delivery";
      endpointId?: string;
      eventId?: string;
      /** Format: uuid */
      invoiceId?: string;
      /** @enum {string} */
      status?: "pending" | "succeeded" | "failed";
      attempts?: number;
      lastStatusCode?: number | null;
      lastError?: string | null;
      /** Format: date-time */
      lastAttemptAt?: string | null;
      /** Format: date-time */
      deliveredAt?: string | null;
      /** Format: date-time */
      createdAt?: string;
    };
    /** @description As listed and as a webhook carries it: the body of every delivery, whose webhook-id header is this id */
    Event: {
      /** @example evt_5e0c4d1b9a8f7e6d5c4b3a29 */
      id: string;
      /** @enum {string} */
      type: "invoice.issued" | "invoice.sent" | "invoice.reminder_sent" | "invoice.payment_received" | "invoice.paid" | "invoice.refunded" | "invoice.disputed" | "invoice.paused" | "invoice.resumed" | "invoice.promised" | "invoice.promise_broken" | "invoice.credited" | "invoice.collections_review" | "invoice.decided" | "invoice.voided" | "task.created";
      /** Format: date-time */
      timestamp: string;
      data: {
        /** @description The invoice as this change left it */
        invoice: {
          /** Format: uuid */
          id?: string;
          number?: string;
          status?: string;
          stage?: string;
          currency?: string;
          /** @description Minor units */
          total?: number;
          /** @description Minor units */
          amountPaid?: number;
          /** @description Minor units */
          amountDue?: number;
          /** Format: date */
          dueDate?: string;
          clientEmail?: string;
        };
        /** @description The line the change put on the invoice's timeline */
        message: string;
        /** @description task.created only */
        task?: {
          /** Format: uuid */
          id?: string;
          kind?: string;
          title?: string;
        };
      };
    };
    InvoiceSummary: {
      /** Format: uuid */
      id: string;
      /** @example INV-2026-0001 */
      number: string;
      /** @enum {string} */
      status: "draft" | "open" | "paid" | "uncollectible" | "void";
      stage?: string;
      /** @example EUR */
      currency: string;
      subtotal?: number;
      taxTotal?: number;
      /** @description Minor units */
      total: number;
      amountPaid?: number;
      amountDue: number;
      /** Format: date */
      issueDate: string;
      /** Format: date */
      dueDate: string;
      /** @example within 30 days (by 28 December 2026) */
      paymentTerms?: string;
      /** @example invoice-INV-2026-0001 */
      workflowId: string;
    };
    Invoice: ({
      lines?: Record<string, unknown>[];
      nextStep?: Record<string, unknown> | null;
      timeline?: Record<string, unknown>[];
    }) & components["schemas"]["InvoiceSummary"];
    Error: {
      error: {
        type: string;
        message: string;
        fields?: {
            field: string;
            message: string;
          }[];
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export type operations = Record<string, never>;
