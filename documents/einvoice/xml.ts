// A small XML writer: elements nest as arrays, text is escaped, absent parts are left out, so a
// writer reads like the document it produces.
export type Node = string | null | undefined | false | Node[];

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** `<name attrs>children</name>`; a string child is text, left out with its element when empty. */
export function el(name: string, attrs: Record<string, string | undefined> | null, ...children: Node[]): string {
  const flat = children.flat(Infinity as 1) as (string | null | undefined | false)[];
  const parts = flat.filter((c): c is string => typeof c === 'string' && c !== '');
  if (parts.length === 0) return '';
  const a = Object.entries(attrs ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXml(v!)}"`).join('');
  return `<${name}${a}>${parts.join('')}</${name}>`;
}

/** A text leaf: escaped, or nothing when the value is absent or empty. */
export function leaf(name: string, value: string | number | null | undefined, attrs?: Record<string, string | undefined>): string {
  if (value === null || value === undefined || value === '') return '';
  const a = Object.entries(attrs ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXml(v!)}"`).join('');
  return `<${name}${a}>${escapeXml(String(value))}</${name}>`;
}

export const document = (root: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
