import { Migration } from '@mikro-orm/migrations';

// The event log and the webhook endpoints it is delivered to. An event's id comes from the
// workflow's change it records, so a retried projection adds nothing; a delivery per subscribed
// endpoint is written in the same statement, so no event is ever missed by an endpoint.
export class Migration20261203000010_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table event (
        id text primary key,
        seq bigserial not null unique,
        type text not null,
        invoice_id uuid not null,
        invoice_seq integer not null,
        body jsonb not null,
        created_at timestamptz not null default now()
      );
      create index event_created_idx on event (created_at);
      create index event_invoice_idx on event (invoice_id, seq);
      create index event_type_idx on event (type, seq);

      create table webhook_endpoint (
        id text primary key,
        url text not null,
        description text,
        events jsonb not null,
        secret text not null,
        status text not null default 'enabled' check (status in ('enabled', 'disabled')),
        disabled_reason text,
        failing_since timestamptz,
        created_at timestamptz not null default now()
      );

      create table webhook_delivery (
        id text primary key,
        endpoint_id text not null references webhook_endpoint (id) on delete cascade,
        event_id text not null references event (id) on delete cascade,
        invoice_id uuid not null,
        invoice_seq integer not null,
        event_seq bigint not null,
        status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
        attempts integer not null default 0,
        last_status_code integer,
        last_error text,
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        unique (endpoint_id, event_id)
      );
      create index webhook_delivery_lane_idx on webhook_delivery (endpoint_id, invoice_id, invoice_seq, event_seq) where status = 'pending';
      create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, event_seq);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table webhook_delivery, webhook_endpoint, event;');
  }
}
