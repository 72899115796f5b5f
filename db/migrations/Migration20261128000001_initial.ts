import { Migration } from '@mikro-orm/migrations';

// The invoice as issued is immutable: its lines, client and issuer details are snapshots.
// Unique constraints are what make the workflow's at-least-once activities idempotent.
export class Migration20261128000001_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table issuer (
        id text primary key,
        name text,
        tax_id text,
        address text,
        email text,
        phone text,
        payment_instructions jsonb not null default '{}'::jsonb,
        time_zone text not null default 'UTC',
        updated_at timestamptz not null default now()
      );

      create table invoice_counter (
        issuer_id text not null references issuer(id),
        year int not null,
        last_sequence int not null,
        primary key (issuer_id, year)
      );

      create table invoice (
        id uuid primary key,
        issuer_id text not null references issuer(id),
        number text not null,
        year int not null,
        sequence int not null,
        status text not null check (status in ('draft', 'open', 'paid', 'uncollectible', 'void')),
        stage text not null,
        currency char(3) not null,
        subtotal bigint not null,
        tax_total bigint not null,
        total bigint not null check (total >= 0),
        amount_paid bigint not null default 0 check (amount_paid >= 0),
        client jsonb not null,
        client_email text not null,
        po_number text,
        note text,
        terms_days int not null,
        issue_date date not null,
        due_date date not null,
        lines jsonb not null,
        issuer_snapshot jsonb not null,
        ladder jsonb not null,
        workflow_id text not null unique,
        workflow_started_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (issuer_id, number),
        unique (issuer_id, year, sequence)
      );
      create index invoice_list_idx on invoice (created_at desc, id desc);
      create index invoice_client_email_idx on invoice (lower(client_email), created_at desc);
      create index invoice_status_idx on invoice (status, created_at desc);
      create index invoice_unstarted_idx on invoice (created_at) where workflow_started_at is null;

      create table payment (
        id uuid primary key,
        invoice_id uuid not null references invoice(id),
        payment_key text not null unique,
        amount bigint not null check (amount > 0),
        currency char(3) not null,
        method text not null,
        reference text,
        received_at timestamptz not null,
        recorded_at timestamptz not null default now()
      );
      create index payment_invoice_idx on payment (invoice_id);

      create table webhook_event (
        provider text not null,
        event_id text not null,
        type text not null,
        invoice_id uuid,
        outcome text not null,
        received_at timestamptz not null default now(),
        primary key (provider, event_id)
      );

      create table email_message (
        id uuid primary key,
        invoice_id uuid references invoice(id),
        idempotency_key text not null unique,
        recipient text not null,
        sender text not null,
        subject text not null,
        html text not null,
        body_text text not null,
        transport text not null,
        provider_id text,
        created_at timestamptz not null default now()
      );
      create index email_message_invoice_idx on email_message (invoice_id, created_at);

      create table timeline_event (
        id bigserial primary key,
        invoice_id uuid not null references invoice(id),
        key text not null unique,
        kind text not null,
        message text not null,
        at timestamptz not null default now()
      );
      create index timeline_event_invoice_idx on timeline_event (invoice_id, id);

      create table owner_task (
        id uuid primary key,
        invoice_id uuid not null references invoice(id),
        key text not null unique,
        kind text not null,
        title text not null,
        detail text not null,
        status text not null default 'open' check (status in ('open', 'done')),
        outcome text,
        created_at timestamptz not null default now(),
        completed_at timestamptz
      );
      create index owner_task_open_idx on owner_task (status, created_at);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table owner_task, timeline_event, email_message, webhook_event, payment, invoice, invoice_counter, issuer;`);
  }
}
