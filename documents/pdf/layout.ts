// The page and a cursor down it. Every piece of text is measured with PDFKit's widthOfString,
// wrapped here and drawn one line at a time with line breaking off, so what is measured is what
// is drawn, and only this file decides when a page ends (PDFKit's own wrapping would add pages
// behind our back).
import path from 'node:path';
import PDFDocument from 'pdfkit';

const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = { regular: path.join(fontDir, 'DejaVuSans.ttf'), bold: path.join(fontDir, 'DejaVuSans-Bold.ttf') };

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  /** Makes the text a link (the card payment page). */
  link?: string;
}

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#d0d0d0';
export const BODY = 9;

/** A4 with 50 pt margins; the footer (page numbers) sits inside the lower margin. */
export const PAGE = { width: 595.28, height: 841.89, margin: 50 } as const;

const xmpSafe = (s: string) => s.replace(/&/g, '+').replace(/[<>"']/g, '');

export class Layout {
  readonly left = PAGE.margin;
  readonly right = PAGE.width - PAGE.margin;
  readonly top = PAGE.margin;
  readonly bottom = PAGE.height - PAGE.margin;
  y: number = PAGE.margin;
  /** Pages added so far after the first: tells whether a block stayed on its page. */
  pageBreaks = 0;
  /** Called after each page break, e.g. to repeat a table's header row. */
  onNewPage: (() => void) | null = null;

  private readonly chunks: Buffer[] = [];

  constructor(readonly pdf: PDFKit.PDFDocument) {
    pdf.on('data', (c: Buffer) => this.chunks.push(c));
  }

  /** `pdfa`: PDF/A-3b, the archival form Factur-X requires (fonts embedded, sRGB output intent, XMP). */
  static create(info: { title: string; author: string; lang: string; pdfa?: boolean }): Layout {
    const pdf = new PDFDocument({
      size: 'A4', margin: PAGE.margin, bufferPages: true, autoFirstPage: true, lang: info.lang, displayTitle: true,
      // PDFKit copies Title and Author into the XMP unescaped: markup characters would break it.
      info: { Title: info.pdfa ? xmpSafe(info.title) : info.title, Author: info.pdfa ? xmpSafe(info.author) : info.author },
      ...(info.pdfa ? { subset: 'PDF/A-3b' as const, pdfVersion: '1.7' as const, tagged: false } : {}),
    });
    return new Layout(pdf);
  }

  get width(): number {
    return this.right - this.left;
  }

  private use(style: TextStyle = {}): PDFKit.PDFDocument {
    return this.pdf.font(style.bold ? FONTS.bold : FONTS.regular).fontSize(style.size ?? BODY).fillColor(style.color ?? INK);
  }

  measure(text: string, style: TextStyle = {}): number {
    return this.use(style).widthOfString(text);
  }

  /** The distance from one line's top to the next's: the glyphs' 1.16 em and a little air. */
  lineHeight(style: TextStyle = {}): number {
    return (style.size ?? BODY) * 1.3;
  }

  /**
   * The text's lines within `width`: at spaces where it can; a word wider than the column (a long
   * amount, a URL) at its no-break spaces (digit groups) next, and between letters as a last resort.
   */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const fits = (s: string) => this.measure(s, style) <= width;
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (fits(candidate)) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        const pieces = fits(word) ? [word] : this.breakWord(word, fits);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1];
      }
      lines.push(line);
    }
    return lines;
  }

  private breakWord(word: string, fits: (s: string) => boolean): string[] {
    const pieces: string[] = [];
    let piece = '';
    const push = (s: string) => s && pieces.push(s.replace(/[\u00a0\u202f\u2009]+$/, ''));
    for (const group of word.split(/(?<=[\u00a0\u202f\u2009])/)) {
      if (fits(piece + group)) {
        piece += group;
        continue;
      }
      push(piece);
      piece = '';
      for (const ch of group) {
        if (piece && !fits(piece + ch)) {
          push(piece);
          piece = '';
        }
        piece += ch;
      }
    }
    pieces.push(piece);
    return pieces;
  }

  /** One line, with no wrapping and no page break; `align` within [x, x + width]. */
  line(text: string, x: number, y: number, style: TextStyle & { width?: number; align?: 'left' | 'right' } = {}): void {
    const dx = style.align === 'right' && style.width !== undefined ? style.width - this.measure(text, style) : 0;
    this.use(style).text(text, x + dx, y, { lineBreak: false, link: style.link, underline: false });
  }

  /** Wrapped text at the cursor, flowing over pages line by line. */
  paragraph(text: string, style: TextStyle & { x?: number; width?: number } = {}): void {
    const x = style.x ?? this.left;
    const lh = this.lineHeight(style);
    for (const line of this.wrap(text, style.width ?? this.right - x, style)) {
      this.ensure(lh);
      this.line(line, x, this.y, style);
      this.y += lh;
    }
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): void {
    if (this.y + height > this.bottom + 0.001) this.newPage();
  }

  /** Whether `height` could fit on a page at all (a block taller than that has to flow). */
  fitsOnAPage(height: number): boolean {
    return height <= this.bottom - this.top;
  }

  newPage(): void {
    this.pdf.addPage();
    this.pageBreaks += 1;
    this.y = this.top;
    this.onNewPage?.();
  }

  /** A thin horizontal rule across [x1, x2] at y. */
  rule(x1: number, x2: number, y: number, color = RULE): void {
    this.pdf.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(color).stroke().restore();
  }

  /** "Page x of y" (or anything else) on every page, below the bottom margin: once all pages exist. */
  footer(draw: (page: number, of: number) => { left: string; right: string }): void {
    const range = this.pdf.bufferedPageRange();
    const y = PAGE.height - PAGE.margin + 14;
    for (let i = 0; i < range.count; i++) {
      this.pdf.switchToPage(range.start + i);
      const { left, right } = draw(i + 1, range.count);
      const style = { size: 8, color: MUTED };
      const rightWidth = this.measure(right, style);
      const leftLine = this.wrap(left, this.width - rightWidth - 12, style)[0] ?? '';
      this.line(leftLine, this.left, y, style);
      this.line(right, this.right - rightWidth, y, style);
    }
  }

  end(): Promise<Buffer> {
    const done = new Promise<Buffer>((resolve, reject) => {
      this.pdf.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.pdf.on('error', reject);
    });
    this.pdf.end();
    return done;
  }
}
