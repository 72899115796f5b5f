// Reference rates for statutory late-payment interest, as the owner records them.
import { ReferenceRateRecord } from '../db/entities';
import type { Orm } from '../db/orm';
import type { ReferenceRate } from '../domain/late-payment';

const view = (r: ReferenceRateRecord): ReferenceRate => ({ ratePercent: Number(r.ratePercent), effectiveFrom: r.effectiveFrom });

export async function listReferenceRates(orm: Orm): Promise<ReferenceRate[]> {
  return (await orm.em.fork().find(ReferenceRateRecord, {}, { orderBy: { effectiveFrom: 'desc' } })).map(view);
}

/** Recording a rate for a day that has one replaces it (a correction). */
export async function recordReferenceRate(orm: Orm, rate: ReferenceRate): Promise<ReferenceRate> {
  await orm.em.fork().upsert(ReferenceRateRecord, { ...rate, createdAt: new Date() });
  return rate;
}
