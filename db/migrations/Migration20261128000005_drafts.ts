import { Migration } from '@mikro-orm/migrations';

// Drafts have no number and no workflow until issued: numbers stay gapless.
export class Migration20261128000005_drafts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table invoice
        alter column number drop not null,
        alter column year drop not null,
        alter column sequence drop not null,
        alter column workflow_id drop not null,
        add column draft_request jsonb,
        add constraint invoice_issued_has_number check (status = 'draft' or (number is not null and workflow_id is not null));
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      delete from invoice where status = 'draft';
      alter table invoice drop constraint invoice_issued_has_number, drop column draft_request,
        alter column number set not null, alter column year set not null, alter column sequence set not null, alter column workflow_id set not null;
    `);
  }
}
