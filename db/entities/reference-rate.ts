import { EntitySchema } from '@mikro-orm/core';

/** A central bank reference rate the owner recorded, for statutory late-payment interest. */
export class ReferenceRateRecord {
  effectiveFrom!: string;
  ratePercent!: number;
  createdAt: Date = new Date();
}

export const ReferenceRateSchema = new EntitySchema<ReferenceRateRecord>({
  class: ReferenceRateRecord,
  tableName: 'reference_rate',
  properties: {
    effectiveFrom: { type: 'string', columnType: 'date', primary: true },
    ratePercent: { type: 'double', columnType: 'numeric(6,3)' },
    createdAt: { type: 'Date' },
  },
});
