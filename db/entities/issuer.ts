import { EntitySchema } from '@mikro-orm/core';

export interface PaymentInstructions {
  bankTransfer?: { accountName: string; iban?: string; bic?: string; accountNumber?: string; routingNumber?: string; bankName?: string };
  cardPaymentUrl?: string;
  crypto?: { asset: string; network?: string; address: string };
}

/** The business that sends invoices. One per deployment for now, id 'default'. */
export class Issuer {
  id!: string;
  name?: string | null;
  taxId?: string | null;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  /** ISO 3166-1 alpha-2: EN 16931 needs the seller's country, the VAT cases compare it. */
  country?: string | null;
  /** Structured parts of the address that XRechnung requires beside the free text. */
  city?: string | null;
  postalCode?: string | null;
  paymentInstructions: PaymentInstructions = {};
  /** A PNG or JPEG data URL (domain/logo.ts); lazy: only the PDF and the profile read it. */
  logo?: string | null;
  timeZone = 'UTC';
  updatedAt: Date = new Date();
}

export const IssuerSchema = new EntitySchema<Issuer>({
  class: Issuer,
  tableName: 'issuer',
  properties: {
    id: { type: 'string', primary: true },
    name: { type: 'string', nullable: true },
    taxId: { type: 'string', nullable: true },
    address: { type: 'string', nullable: true },
    email: { type: 'string', nullable: true },
    phone: { type: 'string', nullable: true },
    country: { type: 'string', nullable: true },
    city: { type: 'string', columnType: 'text', nullable: true },
    postalCode: { type: 'string', columnType: 'text', nullable: true },
    paymentInstructions: { type: 'json' },
    logo: { type: 'text', nullable: true, lazy: true },
    timeZone: { type: 'string' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
