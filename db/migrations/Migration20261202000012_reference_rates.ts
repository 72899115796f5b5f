import { Migration } from '@mikro-orm/migrations';

// Reference rates the owner records (no network), for the EU late-payment preset.
export class Migration20261202000012_reference_rates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table reference_rate (
        effective_from date primary key,
        rate_percent numeric(6,3) not null check (rate_percent between -10 and 50),
        created_at timestamptz not null default now()
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table reference_rate;');
  }
}
