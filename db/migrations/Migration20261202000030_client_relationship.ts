import { Migration } from '@mikro-orm/migrations';

// The client as one relationship: a payment split over several invoices keeps its plan, so a
// retry or a redelivery sends the very same parts; each client gets one secret statement link.
export class Migration20261202000030_client_relationship extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table payment_split (
        source_key text primary key,
        client_email text not null,
        currency char(3) not null,
        amount bigint not null check (amount > 0),
        credit bigint not null check (credit >= 0),
        parts jsonb not null,
        created_at timestamptz not null default now()
      );
      create index payment_split_client_idx on payment_split (client_email);

      create table statement_link (
        token text primary key,
        client_email text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      );
      create unique index statement_link_active_idx on statement_link (client_email) where revoked_at is null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table statement_link, payment_split;');
  }
}
