// Listed explicitly so migrations run the same from tsx, vitest and a bundle, without globbing.
import { Migration20261128000001_initial } from './Migration20261128000001_initial';
import { Migration20261128000002_policies } from './Migration20261128000002_policies';
import { Migration20261128000003_ledger } from './Migration20261128000003_ledger';
import { Migration20261128000004_client_page } from './Migration20261128000004_client_page';
import { Migration20261128000005_drafts } from './Migration20261128000005_drafts';
import { Migration20261128000006_change_orders } from './Migration20261128000006_change_orders';
import { Migration20261128000007_recurring } from './Migration20261128000007_recurring';
import { Migration20261129000001_idempotency_claim } from './Migration20261129000001_idempotency_claim';
import { Migration20261201000001_projection } from './Migration20261201000001_projection';
import { Migration20261201000002_invoice_pdf } from './Migration20261201000002_invoice_pdf';
import { Migration20261201000003_void_drafts } from './Migration20261201000003_void_drafts';
import { Migration20261201000010_rate_limits } from './Migration20261201000010_rate_limits';
import { Migration20261202000010_vat } from './Migration20261202000010_vat';
import { Migration20261202000011_credit_notes } from './Migration20261202000011_credit_notes';
import { Migration20261202000012_reference_rates } from './Migration20261202000012_reference_rates';
import { Migration20261202000013_client_e_invoice } from './Migration20261202000013_client_e_invoice';
import { Migration20261202000020_issuer_logo } from './Migration20261202000020_issuer_logo';
import { Migration20261202000030_client_relationship } from './Migration20261202000030_client_relationship';
import { Migration20261203000010_events } from './Migration20261203000010_events';

export const migrationsList = [
  { name: 'Migration20261128000001_initial', class: Migration20261128000001_initial },
  { name: 'Migration20261128000002_policies', class: Migration20261128000002_policies },
  { name: 'Migration20261128000003_ledger', class: Migration20261128000003_ledger },
  { name: 'Migration20261128000004_client_page', class: Migration20261128000004_client_page },
  { name: 'Migration20261128000005_drafts', class: Migration20261128000005_drafts },
  { name: 'Migration20261128000006_change_orders', class: Migration20261128000006_change_orders },
  { name: 'Migration20261128000007_recurring', class: Migration20261128000007_recurring },
  { name: 'Migration20261129000001_idempotency_claim', class: Migration20261129000001_idempotency_claim },
  { name: 'Migration20261201000001_projection', class: Migration20261201000001_projection },
  { name: 'Migration20261201000002_invoice_pdf', class: Migration20261201000002_invoice_pdf },
  { name: 'Migration20261201000003_void_drafts', class: Migration20261201000003_void_drafts },
  { name: 'Migration20261201000010_rate_limits', class: Migration20261201000010_rate_limits },
  { name: 'Migration20261202000010_vat', class: Migration20261202000010_vat },
  { name: 'Migration20261202000011_credit_notes', class: Migration20261202000011_credit_notes },
  { name: 'Migration20261202000012_reference_rates', class: Migration20261202000012_reference_rates },
  { name: 'Migration20261202000013_client_e_invoice', class: Migration20261202000013_client_e_invoice },
  { name: 'Migration20261202000020_issuer_logo', class: Migration20261202000020_issuer_logo },
  { name: 'Migration20261202000030_client_relationship', class: Migration20261202000030_client_relationship },
  { name: 'Migration20261203000010_events', class: Migration20261203000010_events },
];
