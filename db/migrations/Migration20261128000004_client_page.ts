import { Migration } from '@mikro-orm/migrations';

// The client's link to their invoice: unguessable, revocable, one active per invoice.
export class Migration20261128000004_client_page extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table invoice_link (
        token text primary key,
        invoice_id uuid not null references invoice(id),
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      );
      create unique index invoice_link_active_idx on invoice_link (invoice_id) where revoked_at is null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table invoice_link;');
  }
}
