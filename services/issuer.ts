import type { EntityManager } from '@mikro-orm/postgresql';
import { Issuer, type IssuerSnapshot } from '../db/entities';

export const DEFAULT_ISSUER_ID = 'default';

/** What habit 2 requires of the sender before any invoice goes out. */
export const REQUIRED_ISSUER_FIELDS = ['name', 'taxId', 'address', 'email', 'phone'] as const;

/** The logo is lazy (up to 240 KiB of text): only the profile's reader asks for it. */
export async function loadIssuer(em: EntityManager, { withLogo = false } = {}): Promise<Issuer | null> {
  return em.findOne(Issuer, { id: DEFAULT_ISSUER_ID }, withLogo ? { populate: ['logo'] } : {});
}

export function missingIssuerFields(issuer: Issuer | null): string[] {
  return REQUIRED_ISSUER_FIELDS.filter((field) => !issuer?.[field]);
}

export function issuerSnapshot(issuer: Issuer): IssuerSnapshot {
  return {
    name: issuer.name!,
    taxId: issuer.taxId!,
    address: issuer.address!,
    email: issuer.email!,
    phone: issuer.phone!,
    country: issuer.country ?? null,
    city: issuer.city ?? null,
    postalCode: issuer.postalCode ?? null,
    paymentInstructions: issuer.paymentInstructions ?? {},
  };
}

export function issuerView(issuer: Issuer | null) {
  return {
    name: issuer?.name ?? null,
    taxId: issuer?.taxId ?? null,
    address: issuer?.address ?? null,
    email: issuer?.email ?? null,
    phone: issuer?.phone ?? null,
    country: issuer?.country ?? null,
    city: issuer?.city ?? null,
    postalCode: issuer?.postalCode ?? null,
    timeZone: issuer?.timeZone ?? 'UTC',
    paymentInstructions: issuer?.paymentInstructions ?? {},
    logo: issuer?.logo ?? null,
    missingFields: missingIssuerFields(issuer),
  };
}
