import { Migration } from '@mikro-orm/migrations';

// Credit notes: their own gapless series per year, numbered in the transaction that stores them.
export class Migration20261202000011_credit_notes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table credit_note_counter (year integer primary key, last_sequence integer not null);
      create table credit_note (
        id uuid primary key,
        invoice_id uuid not null references invoice (id),
        number text not null unique,
        year integer not null,
        sequence integer not null,
        reason text not null,
        "full" boolean not null,
        currency char(3) not null,
        lines jsonb not null,
        subtotal bigint not null,
        tax_total bigint not null,
        total bigint not null check (total > 0),
        issue_date date not null,
        created_at timestamptz not null default now(),
        unique (year, sequence)
      );
      create index credit_note_invoice_idx on credit_note (invoice_id);
      alter table invoice add column credit_notes_total bigint not null default 0;
      alter table invoice_adjustment drop constraint invoice_adjustment_kind_check,
        add constraint invoice_adjustment_kind_check check (kind in ('late_fee', 'early_payment_discount', 'credit_note'));
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      delete from invoice_adjustment where kind = 'credit_note';
      alter table invoice_adjustment drop constraint invoice_adjustment_kind_check,
        add constraint invoice_adjustment_kind_check check (kind in ('late_fee', 'early_payment_discount'));
      drop table credit_note, credit_note_counter;
      alter table invoice drop column credit_notes_total;
    `);
  }
}
