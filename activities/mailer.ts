// Where email goes: Resend when a key is set, else the local outbox (the email_message table,
// shown at /outbox). Both are told the idempotency key; Resend dedupes on it for 24 hours.
import { ApplicationFailure } from '@temporalio/common';
import { Resend } from 'resend';
import { headerSafe } from '../emails/render';

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string;
  /** Files sent with the message (the invoice's PDF); Resend takes them base64-encoded. */
  attachments?: EmailAttachment[];
}

export interface Mailer {
  readonly transport: 'resend' | 'outbox';
  send(email: OutgoingEmail): Promise<{ providerId: string | null }>;
}

/** Rate limits, server trouble and network errors pass; a request Resend refuses will never pass. */
const RETRYABLE = new Set(['rate_limit_exceeded', 'application_error', 'internal_server_error', 'concurrent_idempotent_requests']);

export function createResendMailer(apiKey: string, baseUrl?: string): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    transport: 'resend',
    async send(email) {
      const { data, error } = await resend.emails.send(
        // Every header value made safe once more here, whatever built it (defense in depth).
        { from: headerSafe(email.from), to: [headerSafe(email.to)], replyTo: email.replyTo && headerSafe(email.replyTo), subject: headerSafe(email.subject), html: email.html, text: email.text,
          ...(email.attachments?.length ? { attachments: email.attachments.map((a) => ({ filename: headerSafe(a.filename), content: a.content, contentType: a.contentType })) } : {}) },
        { idempotencyKey: email.idempotencyKey },
      );
      if (error) {
        const retryable = RETRYABLE.has(error.name) || error.statusCode === null || error.statusCode === 429 || error.statusCode >= 500;
        const message = `Resend refused the email (${error.statusCode ?? 'network'} ${error.name}): ${error.message}`;
        throw retryable
          ? ApplicationFailure.retryable(message, 'ResendUnavailable')
          : ApplicationFailure.nonRetryable(message, 'ResendRejected');
      }
      return { providerId: data?.id ?? null };
    },
  };
}

export function createOutboxMailer(): Mailer {
  return { transport: 'outbox', send: async () => ({ providerId: null }) };
}
