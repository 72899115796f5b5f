import { Migration } from '@mikro-orm/migrations';

// Rate-limit counters shared by every API process: one row per bucket (scope and who) and fixed
// window, bumped with an upsert. Old windows are swept by the limiter itself.
export class Migration20261201000010_rate_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table rate_limit (
        bucket text not null,
        window_start timestamptz not null,
        count integer not null,
        primary key (bucket, window_start)
      );
      create index rate_limit_window_start_idx on rate_limit (window_start);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table rate_limit;');
  }
}
