// Money nobody could place: kept, once per payment id, until the owner assigns it.
import { randomUUID } from 'node:crypto';
import { UnappliedPayment } from '../db/entities';
import type { Orm } from '../db/orm';

export interface HeldPayment {
  /** "<source>:<id at the source>", the id it is applied under once assigned. */
  paymentId: string;
  amount: number;
  currency: string;
  method: string;
  reference?: string | null;
  receivedAt: string;
}

export async function holdUnapplied(orm: Orm, payment: HeldPayment, reason: string): Promise<string> {
  const [source, ...rest] = payment.paymentId.split(':');
  await orm.em.fork().createQueryBuilder(UnappliedPayment)
    .insert({
      id: randomUUID(), source, externalId: rest.join(':') || payment.paymentId, amount: payment.amount, currency: payment.currency,
      method: payment.method, reference: payment.reference ?? null, reason: reason.slice(0, 500), receivedAt: new Date(payment.receivedAt),
    })
    .onConflict(['source', 'external_id']).ignore().execute();
  return `unapplied: ${reason}`;
}
