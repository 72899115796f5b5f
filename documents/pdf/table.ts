// A table that never draws one cell over another: each column is as wide as its widest cell
// (measured), one flexible column takes what is left, gaps between them; cells wrap within their
// column; a row never splits unless it is taller than a page; the header repeats on every page.
import { type Layout, MUTED, type TextStyle } from './layout';

export interface Column {
  header: string;
  align: 'left' | 'right';
  /** This column takes the width the others leave (the description). */
  flex?: boolean;
}

/** A row of cells, or a heading across the whole table (a change order's title). */
export type TableRow = { cells: string[]; bold?: boolean } | { heading: string };

export interface Table {
  columns: Column[];
  rows: TableRow[];
  /** Defaults to the page's content width. */
  x?: number;
  width?: number;
}

const GAP = 12;
const PAD = 3;
const HEADER: TextStyle = { bold: true, size: 8, color: MUTED };
const styleOf = (row: TableRow): TextStyle => ({ bold: 'heading' in row || row.bold });

/** A cell laid out: its wrapped lines and where they go. */
interface Cell {
  lines: string[];
  x: number;
  width: number;
  align: 'left' | 'right';
}

/**
 * Each fixed column's width is its widest cell or header; the flexible one gets the rest, but at
 * least a third of the table. When the numbers are wider than that allows, the widest columns give
 * way first (down to a common cap) and their cells wrap, so a narrow column such as the VAT rate
 * keeps its width.
 */
export function columnWidths(layout: Layout, table: Table): number[] {
  const available = (table.width ?? layout.width) - GAP * (table.columns.length - 1);
  const natural = table.columns.map((column, i) =>
    column.flex ? 0 : Math.max(layout.measure(column.header, HEADER), ...table.rows.map((row) => ('cells' in row ? layout.measure(row.cells[i] ?? '', styleOf(row)) : 0))));
  const room = available - (table.columns.some((c) => c.flex) ? available / 3 : 0);
  const widths = natural.map((w) => Math.min(w, capFor(natural, room)));
  const flexWidth = available - widths.reduce((sum, w) => sum + w, 0);
  return table.columns.map((column, i) => (column.flex ? flexWidth : widths[i]));
}

/** The largest cap c with the sum of min(width, c) within room (Infinity when all fit). */
function capFor(widths: number[], room: number): number {
  if (widths.reduce((sum, w) => sum + w, 0) <= room) return Infinity;
  const sorted = [...widths].sort((a, b) => a - b);
  let below = 0;
  for (let i = 0; i < sorted.length; i++) {
    const cap = (room - below) / (sorted.length - i);
    if (cap <= sorted[i]) return Math.max(cap, 0);
    below += sorted[i];
  }
  return Infinity;
}

export function drawTable(layout: Layout, table: Table): void {
  const x0 = table.x ?? layout.left;
  const widths = columnWidths(layout, table);
  const xs = widths.map((_, i) => x0 + widths.slice(0, i).reduce((sum, w) => sum + w + GAP, 0));
  const right = xs[xs.length - 1] + widths[widths.length - 1];
  const cellsOf = (texts: string[], style: TextStyle): Cell[] =>
    texts.map((text, i) => ({ lines: layout.wrap(text, widths[i], style), x: xs[i], width: widths[i], align: table.columns[i].align }));
  const block = (cells: Cell[], style: TextStyle) => {
    const lines = Math.max(...cells.map((c) => c.lines.length));
    return { cells, style, lines, height: lines * layout.lineHeight(style) + 2 * PAD };
  };
  type Block = ReturnType<typeof block>;
  /** Lines [from, to) of every cell, the first of them at y. */
  const draw = (b: Block, from: number, to: number, y: number) => {
    const lh = layout.lineHeight(b.style);
    for (const cell of b.cells) {
      cell.lines.slice(from, to).forEach((line, k) => layout.line(line, cell.x, y + PAD + k * lh, { ...b.style, width: cell.width, align: cell.align }));
    }
  };

  const header = block(cellsOf(table.columns.map((c) => c.header), HEADER), HEADER);
  const drawHeader = () => {
    draw(header, 0, Infinity, layout.y);
    layout.y += header.height;
    layout.rule(x0, right, layout.y - 1, MUTED);
  };
  const rows = table.rows.map((row) =>
    'heading' in row
      ? block([{ lines: layout.wrap(row.heading, right - x0, styleOf(row)), x: x0, width: right - x0, align: 'left' }], styleOf(row))
      : block(cellsOf(row.cells, styleOf(row)), styleOf(row)));
  const isHeading = table.rows.map((row) => 'heading' in row);

  const previous = layout.onNewPage;
  // The header never ends a page alone, nor a heading without its first row.
  const keepWith = (i: number) => (isHeading[i] && rows[i + 1] ? rows[i + 1].height : 0);
  layout.ensure(header.height + (rows[0] ? rows[0].height + keepWith(0) : 0));
  layout.onNewPage = drawHeader;
  drawHeader();
  rows.forEach((r, i) => {
    if (layout.fitsOnAPage(header.height + r.height + keepWith(i))) {
      layout.ensure(r.height + keepWith(i));
      draw(r, 0, Infinity, layout.y);
      layout.y += r.height;
    } else {
      // Taller than a page (the API's limits keep rows far shorter): flow it line by line.
      const lh = layout.lineHeight(r.style);
      for (let k = 0; k < r.lines; k++) {
        layout.ensure(lh + 2 * PAD);
        draw(r, k, k + 1, layout.y);
        layout.y += lh;
      }
      layout.y += 2 * PAD;
    }
    layout.rule(x0, right, layout.y - 0.5);
  });
  layout.onNewPage = previous;
}
