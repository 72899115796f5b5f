import { Migration } from '@mikro-orm/migrations';

// Recurring plans (habit 4): each period's invoice exists once, whatever the schedule does.
export class Migration20261128000007_recurring extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table recurring_plan (
        id uuid primary key,
        request jsonb not null,
        client_email text not null,
        cadence jsonb not null,
        time_zone text not null,
        start_date date not null,
        end_date date,
        status text not null default 'active' check (status in ('active', 'paused', 'ended')),
        skip_next boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table recurring_invoice (
        plan_id uuid not null references recurring_plan(id),
        period_key text not null,
        invoice_id uuid references invoice(id),
        outcome text not null,
        created_at timestamptz not null default now(),
        primary key (plan_id, period_key)
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table recurring_invoice, recurring_plan;');
  }
}
