// What Resend tells us about sent mail: delivered and opened go on the timeline; a bounce or a
// complaint stops all email to that address and gives the owner a task.
import { z } from 'zod';
import { EmailMessage, EmailSuppression, TimelineEvent } from '../db/entities';
import type { Orm } from '../db/orm';

const TIMELINE: Record<string, string> = {
  'email.delivered': 'was delivered',
  'email.opened': 'was opened',
};
const SUPPRESSING = ['email.bounced', 'email.complained'];

const address = z.string().min(3).max(320);
/**
 * The fields we read, checked before any reaches a query: an object where an id belongs
 * ({"$eq": null}) would otherwise become a query operator and match some other email.
 */
import { openTask } from './open-task';
export const ResendEventSchema = z.object({
  type: z.string().min(1).max(100),
  data: z.object({
    email_id: z.string().min(1).max(200),
    to: z.union([address, z.array(address).max(50)]).optional(),
  }),
});
/** Only the type is needed to ignore an event we do not act on. */
const EnvelopeSchema = z.object({ type: z.string().min(1).max(100) });

export type ResendEvent = { type: string; data?: z.infer<typeof ResendEventSchema>['data'] };

/** The event as we will use it, or the zod error naming the field that is wrong. */
export function checkResendEvent(json: unknown): { ok: true; event: ResendEvent } | { ok: false; error: z.ZodError } {
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, error: envelope.error };
  if (!TIMELINE[envelope.data.type] && !SUPPRESSING.includes(envelope.data.type)) return { ok: true, event: { type: envelope.data.type } };
  const full = ResendEventSchema.safeParse(json);
  return full.success ? { ok: true, event: full.data } : { ok: false, error: full.error };
}

export async function recordEmailEvent(orm: Orm, eventId: string, event: ResendEvent): Promise<string> {
  const em = orm.em.fork();
  const type = event.type;
  if (!event.data) return 'ignored';
  const mail = await em.findOne(EmailMessage, { providerId: event.data.email_id });
  const to = [event.data.to ?? []].flat()[0] ?? mail?.recipient;
  if (TIMELINE[type] && mail?.invoiceId) {
    await em.createQueryBuilder(TimelineEvent)
      .insert({ invoiceId: mail.invoiceId, key: `resend:${eventId}`, kind: type.replace('.', '_'), message: `"${mail.subject}" ${TIMELINE[type]}.`, at: new Date() })
      .onConflict('key').ignore().execute();
    return 'timeline';
  }
  if (SUPPRESSING.includes(type) && to) {
    const reason = type === 'email.bounced' ? 'bounced' : 'marked as spam';
    await em.createQueryBuilder(EmailSuppression).insert({ email: to.toLowerCase(), reason, createdAt: new Date() }).onConflict('email').ignore().execute();
    if (mail?.invoiceId) {
      // Its task.created event reaches webhook lanes through the worker's sweep, within a minute.
      await openTask(em, {
        invoiceId: mail.invoiceId, key: `resend:${eventId}`, kind: 'email_undeliverable',
        title: `Email to ${to} ${reason}`, detail: `"${mail.subject}" to ${to} ${reason}. Dunwell sends nothing more to this address; please check it with the client.`,
      });
    }
    return `suppressed ${to}`;
  }
  return 'ignored';
}
