import { Migration } from '@mikro-orm/migrations';

// A draft voided before it was issued keeps its row, still without a number or a workflow.
export class Migration20261201000003_void_drafts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table invoice drop constraint invoice_issued_has_number,
        add constraint invoice_issued_has_number check (
          status = 'draft' or (number is not null and workflow_id is not null)
          or (status = 'void' and number is null and workflow_id is null));
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      delete from invoice where status = 'void' and number is null;
      alter table invoice drop constraint invoice_issued_has_number,
        add constraint invoice_issued_has_number check (status = 'draft' or (number is not null and workflow_id is not null));
    `);
  }
}
