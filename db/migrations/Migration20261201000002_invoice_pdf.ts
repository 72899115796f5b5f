import { Migration } from '@mikro-orm/migrations';

// An invoice's PDF is rendered once per version of what it shows and served from here afterwards:
// rendering a long invoice takes seconds of CPU, and a link holder can ask for it again and again.
export class Migration20261201000002_invoice_pdf extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table invoice_pdf (
        invoice_id uuid primary key references invoice (id) on delete cascade,
        version text not null,
        pdf bytea not null,
        rendered_at timestamptz not null default now()
      );
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table invoice_pdf;');
  }
}
