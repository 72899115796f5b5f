// The client's statement link: 192 random bits like the invoice links, one active per client,
// made the first time the owner asks for the statement, revocable by rotating it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StatementLink } from '../db/entities';
import { newToken, TOKEN_PATTERN } from './invoice-links';

export function statementUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/s/${token}`;
}

/** The active token; a new one when there is none (two callers at once end up with the same one). */
export async function statementToken(em: EntityManager, clientEmail: string): Promise<string> {
  const active = await em.findOne(StatementLink, { clientEmail, revokedAt: null });
  if (active) return active.token;
  await em.getConnection().execute('insert into statement_link (token, client_email, created_at) values (?, ?, now()) on conflict do nothing', [newToken(), clientEmail]);
  return (await em.fork().findOneOrFail(StatementLink, { clientEmail, revokedAt: null })).token;
}

export async function rotateStatementLink(em: EntityManager, clientEmail: string): Promise<string> {
  return em.transactional(async (tx) => {
    await tx.nativeUpdate(StatementLink, { clientEmail, revokedAt: null }, { revokedAt: new Date() });
    const token = newToken();
    await tx.insert(StatementLink, { token, clientEmail, createdAt: new Date(), revokedAt: null });
    return token;
  });
}

/** The client a link opens, or null for a malformed, unknown or revoked token: all look alike. */
export async function clientForStatementToken(em: EntityManager, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  return (await em.findOne(StatementLink, { token, revokedAt: null }))?.clientEmail ?? null;
}
