import { Issuer } from '../../db/entities';
import type { Orm } from '../../db/orm';
import type { InvoiceCreate, IssuerInput } from '../../api/schemas';
import { DEFAULT_ISSUER_ID } from '../../services/issuer';

export const ISSUER: Required<Omit<IssuerInput, 'timeZone' | 'logo'>> = {
  name: 'Studio Ivanova',
  taxId: 'BG123456789',
  address: '1 Vitosha Blvd, 1000 Sofia, Bulgaria',
  email: 'billing@ivanova.studio',
  phone: '+359 2 123 4567',
  country: 'BG',
  city: 'Sofia',
  postalCode: '1000',
  paymentInstructions: { bankTransfer: { accountName: 'Studio Ivanova', iban: 'BG80BNBG96611020345678', bic: 'BNBGBGSD' } },
};

export async function saveIssuer(orm: Orm, overrides: Partial<Issuer> = {}): Promise<void> {
  const em = orm.em.fork();
  em.create(Issuer, { id: DEFAULT_ISSUER_ID, timeZone: 'UTC', updatedAt: new Date(), ...ISSUER, ...overrides });
  await em.flush();
}

export function invoiceInput(overrides: Partial<InvoiceCreate> = {}): InvoiceCreate {
  return {
    client: { name: 'Acme Ltd', email: 'ap@acme.test', address: '5 Main Street, London', locale: 'en', timeZone: 'UTC', phone: '+44 20 7946 0000' },
    currency: 'EUR',
    termsDays: 30,
    lines: [
      { description: 'Brand identity', quantity: 1, unitAmount: 120_000, taxRate: 20 },
      { description: 'Extra revisions (hours)', quantity: 2.5, unitAmount: 4_000 },
    ],
    poNumber: 'PO-7781',
    note: 'Thank you for trusting us with your new brand!',
    ...overrides,
  };
}
