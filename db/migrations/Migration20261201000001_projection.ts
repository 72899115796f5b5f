import { Migration } from '@mikro-orm/migrations';

// The invoice row becomes the projection of its workflow: each write carries the workflow's event
// sequence number, and an older one never overwrites a newer. The discount granted is kept apart
// from the fees, so the offer's state reads the same from the row as from the workflow.
export class Migration20261201000001_projection extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table invoice add column projected_seq bigint not null default 0;
      alter table invoice add column discount_total bigint not null default 0;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table invoice drop column projected_seq;
      alter table invoice drop column discount_total;
    `);
  }
}
