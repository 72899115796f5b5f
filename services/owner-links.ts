// The owner's one-click link to a task, /o/<token>: a signed, expiring token, so the page needs
// no login and no table of links. The token is the task id, its expiry and an HMAC-SHA256 of
// both under a server secret; a changed character fails the signature, an old link its expiry.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The secret links are signed with, and how long a link works. */
export interface OwnerLinks {
  secret: string;
  days: number;
}

export const DEFAULT_OWNER_LINK_DAYS = 14;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** task id . expiry (Unix seconds, base 36) . signature (base64url, 43 characters) */
const TOKEN = /^([0-9a-f-]{36})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;
const DAY_MS = 86_400_000;

/**
 * With no secret of its own, the links are signed with one derived from the API key: a keyed hash,
 * so a link never reveals the key, and rotating the key ends every link issued under it.
 */
export function deriveOwnerLinkSecret(apiKey: string): string {
  return createHmac('sha256', apiKey).update('dunwell owner links v1').digest('base64url');
}

const signature = (secret: string, taskId: string, expires: string) =>
  createHmac('sha256', secret).update(`owner-task.${taskId}.${expires}`).digest();

export function ownerLinkToken(links: OwnerLinks, taskId: string, now = new Date()): string {
  return signedToken(links.secret, taskId, new Date(now.getTime() + links.days * DAY_MS));
}

/** A token with the given expiry (tests make expired ones with it). */
export function signedToken(secret: string, taskId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${taskId}.${expires}.${signature(secret, taskId, expires).toString('base64url')}`;
}

export const ownerLinkUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/o/${token}`;

export type OwnerLinkCheck = { ok: true; taskId: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Reads a token. Anything malformed or not signed by us is 'invalid', never told apart (nothing
 * to learn from trying); only a genuine link past its day is 'expired'. The signature is compared
 * in constant time.
 */
export function checkOwnerLink(secret: string, token: string, now = new Date()): OwnerLinkCheck {
  const match = TOKEN.exec(token);
  if (!match || !UUID.test(match[1])) return { ok: false, reason: 'invalid' };
  const [, taskId, expires, given] = match;
  // Compared as text: decoding would ignore the last character's spare bits, so four spellings
  // of one signature would pass.
  const expected = Buffer.from(signature(secret, taskId, expires).toString('base64url'));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(parseInt(expires, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, taskId, expiresAt };
}
