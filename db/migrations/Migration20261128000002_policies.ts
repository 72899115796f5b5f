import { Migration } from '@mikro-orm/migrations';

// Dunning policies, per-client settings, payment-term adjustments (late fees, early-payment discount).
export class Migration20261128000002_policies extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table invoice
        add column policy jsonb,
        add column policy_name text not null default 'standard',
        add column policy_reason text not null default 'default policy',
        add column terms jsonb not null default '{}'::jsonb,
        add column adjustments_total bigint not null default 0,
        add column paid_at timestamptz;
      create index invoice_client_history_idx on invoice (client_email, created_at desc) where status in ('open', 'paid');

      create table invoice_adjustment (
        id uuid primary key,
        invoice_id uuid not null references invoice(id),
        key text not null unique,
        kind text not null check (kind in ('late_fee', 'early_payment_discount')),
        amount bigint not null,
        description text not null,
        created_at timestamptz not null default now()
      );
      create index invoice_adjustment_invoice_idx on invoice_adjustment (invoice_id);

      create table dunning_policy (
        name text primary key,
        policy jsonb not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );

      create table client_profile (
        email text primary key,
        policy_name text,
        payment_day int check (payment_day between 1 and 28),
        updated_at timestamptz not null default now()
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table client_profile, dunning_policy, invoice_adjustment;
      alter table invoice drop column policy, drop column policy_name, drop column policy_reason,
        drop column terms, drop column adjustments_total, drop column paid_at;
    `);
  }
}
