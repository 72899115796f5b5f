import { Migration } from '@mikro-orm/migrations';

// Idempotency-Keys that hold across a lost answer.
// - Each claim of a key gets its own id, so that the late clean-up of one attempt (run once the
//   database is back) can never touch a later attempt's claim or answer.
// - An invoice keeps the key it was issued with, written in the same transaction: when the commit
//   went through but its answer was lost (the connection cut at COMMIT), the retry finds the
//   invoice instead of issuing a second one. Not unique: like the key itself, it counts for 24 hours.
export class Migration20261129000001_idempotency_claim extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table idempotency_key add column claim uuid;
      alter table invoice add column idempotency_key text;
      create index invoice_idempotency_key_idx on invoice (idempotency_key) where idempotency_key is not null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table invoice drop column idempotency_key;
      alter table idempotency_key drop column claim;
    `);
  }
}
