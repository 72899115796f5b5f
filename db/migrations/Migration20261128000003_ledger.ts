import { Migration } from '@mikro-orm/migrations';

// One ledger for money: refunds are negative rows beside payments; overpayments become client
// credit; payments nobody could match wait for the owner; every API POST can carry an
// Idempotency-Key; bounced addresses are not written to again.
export class Migration20261128000003_ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table payment drop constraint payment_amount_check;
      alter table payment add constraint payment_amount_nonzero check (amount <> 0);
      alter table payment add column kind text not null default 'payment' check (kind in ('payment', 'refund'));
      -- Events arrive out of order (a refund before its payment): the sum may dip below zero meanwhile.
      alter table invoice drop constraint invoice_amount_paid_check;

      create table client_credit (
        id uuid primary key,
        client_email text not null,
        currency char(3) not null,
        amount bigint not null check (amount > 0),
        source_invoice_id uuid references invoice(id),
        key text not null unique,
        applied_to_invoice_id uuid references invoice(id),
        created_at timestamptz not null default now(),
        applied_at timestamptz
      );
      create index client_credit_open_idx on client_credit (client_email, currency) where applied_to_invoice_id is null;

      create table unapplied_payment (
        id uuid primary key,
        source text not null,
        external_id text not null,
        amount bigint not null check (amount > 0),
        currency char(3) not null,
        method text not null,
        reference text,
        reason text not null,
        received_at timestamptz not null,
        assigned_invoice_id uuid references invoice(id),
        assigned_at timestamptz,
        unique (source, external_id)
      );

      create table idempotency_key (
        key text not null,
        scope text not null,
        request_hash text not null,
        state text not null check (state in ('in_flight', 'done')),
        response_status int,
        response_body jsonb,
        created_at timestamptz not null default now(),
        primary key (scope, key)
      );

      create table email_suppression (
        email text primary key,
        reason text not null,
        created_at timestamptz not null default now()
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table email_suppression, idempotency_key, unapplied_payment, client_credit;
      alter table invoice add constraint invoice_amount_paid_check check (amount_paid >= 0);
      alter table payment drop column kind;
      alter table payment drop constraint payment_amount_nonzero;
      alter table payment add constraint payment_amount_check check (amount > 0);
    `);
  }
}
