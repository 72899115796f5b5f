// The issuer's logo: a PNG or JPEG as a data URL, small enough to ride in the profile (the API's
// JSON body limit is 256 kB, so 180 KiB of image, 240 KiB as base64, leaves room for the rest).
export const LOGO_MAX_BYTES = 180 * 1024;

const DATA_URL = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]*={0,2})$/;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface Logo {
  type: 'png' | 'jpeg';
  bytes: Buffer;
}

export type LogoResult = Logo | { problem: string };

/** Reads a data URL as a logo, or says what is wrong with it, in words for the API's 400. */
export function parseLogo(value: string): LogoResult {
  if (value.length > Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 40) return { problem: `must be at most ${LOGO_MAX_BYTES / 1024} KiB of image` };
  const match = DATA_URL.exec(value);
  if (!match || match[2].length % 4 !== 0) return { problem: 'must be a PNG or JPEG image as a data URL: data:image/png;base64,… or data:image/jpeg;base64,…' };
  const type = match[1] as Logo['type'];
  const bytes = Buffer.from(match[2], 'base64');
  if (bytes.length === 0) return { problem: 'must not be empty' };
  if (bytes.length > LOGO_MAX_BYTES) return { problem: `must be at most ${LOGO_MAX_BYTES / 1024} KiB of image` };
  // The bytes must be what the URL says they are, with a size a page can show.
  if (type === 'png') {
    const size = PNG_SIGNATURE.every((b, i) => bytes[i] === b) && bytes.toString('latin1', 12, 16) === 'IHDR' ? { w: bytes.readUInt32BE(16), h: bytes.readUInt32BE(20) } : null;
    if (!size) return { problem: 'is not a PNG image' };
    if (size.w === 0 || size.h === 0 || size.w > 4000 || size.h > 4000) return { problem: 'must be at most 4000 × 4000 pixels' };
  } else if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) {
    return { problem: 'is not a JPEG image' };
  }
  return { type, bytes };
}

/** The logo's bytes, or null when there is none or it is unreadable (it was validated on the way in). */
export function logoBytes(value: string | null | undefined): Buffer | null {
  if (!value) return null;
  const logo = parseLogo(value);
  return 'bytes' in logo ? logo.bytes : null;
}
