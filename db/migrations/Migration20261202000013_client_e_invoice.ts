import { Migration } from '@mikro-orm/migrations';

// Which e-invoice a client's invoice emails carry.
export class Migration20261202000013_client_e_invoice extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table client_profile add column e_invoice_format text null check (e_invoice_format in ('ubl', 'cii', 'xrechnung', 'factur-x'));`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table client_profile drop column e_invoice_format;');
  }
}
