import { Migration } from '@mikro-orm/migrations';

// Article 226 and EN 16931 details: the date or period of supply, the exemption reason, the
// buyer's reference, the issuer's country, city and postcode.
export class Migration20261202000010_vat extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table invoice add column supply jsonb null, add column tax_exemption_reason text null, add column buyer_reference text null;
      alter table issuer add column country varchar(2) null, add column city text null, add column postal_code text null;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table invoice drop column supply, drop column tax_exemption_reason, drop column buyer_reference;
      alter table issuer drop column country, drop column city, drop column postal_code;
    `);
  }
}
