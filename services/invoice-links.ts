// The client's link: 192 random bits, base64url, one active per invoice, revocable.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Invoice, InvoiceLink } from '../db/entities';

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function pageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/i/${token}`;
}

/** A change order's own approval page. */
export function changeOrderUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/c/${token}`;
}

export async function createLink(em: EntityManager, invoiceId: string): Promise<string> {
  const token = newToken();
  await em.insert(InvoiceLink, { token, invoiceId, createdAt: new Date(), revokedAt: null });
  return token;
}

export async function activeToken(em: EntityManager, invoiceId: string): Promise<string | null> {
  return (await em.findOne(InvoiceLink, { invoiceId, revokedAt: null }))?.token ?? null;
}

/** The invoice a link opens, or null for a malformed, unknown or revoked token: all look alike. */
export async function invoiceForToken(em: EntityManager, token: string): Promise<Invoice | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const link = await em.findOne(InvoiceLink, { token, revokedAt: null });
  return link ? em.findOne(Invoice, { id: link.invoiceId }) : null;
}

export async function rotateLink(em: EntityManager, invoiceId: string): Promise<string> {
  return em.transactional(async (tx) => {
    await tx.nativeUpdate(InvoiceLink, { invoiceId, revokedAt: null }, { revokedAt: new Date() });
    return createLink(tx, invoiceId);
  });
}
