import { Migration } from '@mikro-orm/migrations';

// Article 226 details: the date or period of supply, the exemption reason, the issuer's country.
export class Migration20261202000010_vat extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table invoice add column supply jsonb null, add column tax_exemption_reason text null;
      alter table issuer add column country varchar(2) null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table invoice drop column supply, drop column tax_exemption_reason;
      alter table issuer drop column country;
    `);
  }
}
