import { describe, expect, it } from 'vitest';
import { checkOwnerLink, deriveOwnerLinkSecret, ownerLinkToken, ownerLinkUrl, signedToken } from '../../services/owner-links';

const links = { secret: deriveOwnerLinkSecret('dw_test_0123456789abcdef0123456789'), days: 14 };
const TASK = '1f0c6b1e-8d2a-4c4e-9a57-5b8f1f2a3c4d';
const NOW = new Date('2026-12-02T10:00:00Z');

describe("the owner's task links", () => {
  it('opens its task until its day, then says it expired', () => {
    const token = ownerLinkToken(links, TASK, NOW);
    expect(checkOwnerLink(links.secret, token, NOW)).toEqual({ ok: true, taskId: TASK, expiresAt: new Date('2026-12-16T10:00:00Z') });
    expect(checkOwnerLink(links.secret, token, new Date('2026-12-16T09:59:59Z')).ok).toBe(true);
    expect(checkOwnerLink(links.secret, token, new Date('2026-12-16T10:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(ownerLinkUrl('https://billing.example.com/', token)).toBe(`https://billing.example.com/o/${token}`);
  });

  it('refuses any change, another secret, and anything malformed, all alike', () => {
    const token = ownerLinkToken(links, TASK, NOW);
    const [, expires, signature] = token.split('.');
    // Every character of the signature, including the last one's spare base64 bits.
    for (let i = 0; i < signature.length; i++) {
      const changed = signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1);
      expect(checkOwnerLink(links.secret, `${TASK}.${expires}.${changed}`, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
    const later = (parseInt(expires, 36) + 86_400).toString(36);
    for (const bad of [
      `${TASK}.${later}.${signature}`, `${TASK.replace('1f0c', '2f0c')}.${expires}.${signature}`, signedToken('another-secret', TASK, new Date('2030-01-01')),
      '', 'abc', `${TASK}.${expires}`, `${TASK.toUpperCase()}.${expires}.${signature}`, `${token}x`, `../${token}`,
    ]) expect(checkOwnerLink(links.secret, bad, NOW), bad).toEqual({ ok: false, reason: 'invalid' });
    // An expired link with a bad signature is invalid, not expired: nothing is learnt from an old guess.
    expect(checkOwnerLink(links.secret, signedToken('another-secret', TASK, new Date('2020-01-01')), NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('derives its secret from the API key without revealing it', () => {
    expect(links.secret).not.toContain('dw_test');
    expect(deriveOwnerLinkSecret('dw_test_0123456789abcdef0123456789')).toBe(links.secret);
    expect(deriveOwnerLinkSecret('dw_test_another_key_0123456789ab')).not.toBe(links.secret);
  });
});
