import { Migration } from '@mikro-orm/migrations';

// Extra scope agreed in writing before it is billed (habit 8).
export class Migration20261128000006_change_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table change_order (
        id uuid primary key,
        invoice_id uuid not null references invoice(id),
        token text not null unique,
        description text not null,
        reason text not null,
        lines jsonb not null,
        subtotal bigint not null,
        tax_total bigint not null,
        total bigint not null check (total > 0),
        status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
        decided_name text,
        decided_at timestamptz,
        decided_ip text,
        decided_user_agent text,
        created_at timestamptz not null default now()
      );
      create index change_order_invoice_idx on change_order (invoice_id, created_at);
      alter table invoice add column changes_total bigint not null default 0;
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table change_order; alter table invoice drop column changes_total;');
  }
}
