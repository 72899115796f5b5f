// What Resend tells us about sent mail: delivered and opened go on the timeline; a bounce or a
// complaint stops all email to that address and gives the owner a task.
import { randomUUID } from 'node:crypto';
import { EmailMessage, EmailSuppression, OwnerTask, TimelineEvent } from '../db/entities';
import type { Orm } from '../db/orm';

const TIMELINE: Record<string, string> = {
  'email.delivered': 'was delivered',
  'email.opened': 'was opened',
};

export async function recordEmailEvent(orm: Orm, eventId: string, event: { type?: string; data?: { email_id?: string; to?: string[] | string } }): Promise<string> {
  const em = orm.em.fork();
  const type = event.type ?? '';
  const mail = event.data?.email_id ? await em.findOne(EmailMessage, { providerId: event.data.email_id }) : null;
  const to = [event.data?.to ?? []].flat()[0] ?? mail?.recipient;
  if (TIMELINE[type] && mail?.invoiceId) {
    await em.createQueryBuilder(TimelineEvent)
      .insert({ invoiceId: mail.invoiceId, key: `resend:${eventId}`, kind: type.replace('.', '_'), message: `"${mail.subject}" ${TIMELINE[type]}.`, at: new Date() })
      .onConflict('key').ignore().execute();
    return 'timeline';
  }
  if ((type === 'email.bounced' || type === 'email.complained') && to) {
    const reason = type === 'email.bounced' ? 'bounced' : 'marked as spam';
    await em.createQueryBuilder(EmailSuppression).insert({ email: to.toLowerCase(), reason, createdAt: new Date() }).onConflict('email').ignore().execute();
    if (mail?.invoiceId) {
      await em.createQueryBuilder(OwnerTask)
        .insert({
          id: randomUUID(), invoiceId: mail.invoiceId, key: `resend:${eventId}`, kind: 'email_undeliverable', status: 'open', createdAt: new Date(),
          title: `Email to ${to} ${reason}`, detail: `"${mail.subject}" to ${to} ${reason}. Dunwell sends nothing more to this address; please check it with the client.`,
        })
        .onConflict('key').ignore().execute();
    }
    return `suppressed ${to}`;
  }
  return 'ignored';
}
