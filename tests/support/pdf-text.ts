// The text of a PDF, read with Mozilla's pdf.js: what a client's PDF viewer would show.
const openPdf = async (data: Uint8Array) => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  return { pdfjs, doc: await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise };
};

export async function pdfText(data: Uint8Array): Promise<string> {
  const { doc } = await openPdf(data);
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

/** A rectangle in points, measured from the page's top left corner (as PDFKit lays out). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextBox extends Box {
  str: string;
}

export interface PageLayout {
  page: number;
  width: number;
  height: number;
  texts: TextBox[];
  images: Box[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];

/**
 * Where everything visible sits on each page: every non-blank text run as pdf.js extracts it
 * (its box from the baseline down to the font's descent and up to its ascent) and every image
 * (the unit square through the transformation in force when it is painted).
 */
export async function pdfLayout(data: Uint8Array): Promise<PageLayout[]> {
  const { pdfjs, doc } = await openPdf(data);
  const pages: PageLayout[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const texts: TextBox[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const style = content.styles[item.fontName];
      const size = Math.hypot(item.transform[2], item.transform[3]) || item.height;
      const ascent = style?.ascent ?? 0.8;
      const descent = style?.descent ?? -0.2;
      const baseline = height - item.transform[5];
      texts.push({ str: item.str, x: item.transform[4], y: baseline - ascent * size, width: item.width, height: (ascent - descent) * size });
    }
    const ops = await page.getOperatorList();
    const images: Box[] = [];
    const stack: Matrix[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const IMAGE_OPS = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject]);
    ops.fnArray.forEach((fn, k) => {
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === pdfjs.OPS.transform) ctm = multiply(ctm, ops.argsArray[k] as Matrix);
      else if (IMAGE_OPS.has(fn)) {
        const xs = [ctm[4], ctm[4] + ctm[0], ctm[4] + ctm[2], ctm[4] + ctm[0] + ctm[2]];
        const ys = [ctm[5], ctm[5] + ctm[1], ctm[5] + ctm[3], ctm[5] + ctm[1] + ctm[3]];
        const [left, right, bottom, top] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        images.push({ x: left, y: height - top, width: right - left, height: top - bottom });
      }
    });
    pages.push({ page: i, width, height, texts, images });
  }
  await doc.destroy();
  return pages;
}
