import { Migration } from '@mikro-orm/migrations';

// Each claim of an Idempotency-Key gets its own id, so that the late clean-up of one attempt (its
// answer stored once the database is back) can never touch a later attempt's claim or answer.
export class Migration20261129000001_idempotency_claim extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table idempotency_key add column claim uuid;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table idempotency_key drop column claim;`);
  }
}
