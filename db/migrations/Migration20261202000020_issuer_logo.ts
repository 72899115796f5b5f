import { Migration } from '@mikro-orm/migrations';

// The issuer's logo for the PDF, as a data URL (at most 180 KiB of PNG or JPEG, checked by the API).
export class Migration20261202000020_issuer_logo extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table issuer add column logo text null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table issuer drop column logo;');
  }
}
