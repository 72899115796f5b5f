// What a reader would call a broken page: two things drawn over each other, something cut off at
// the page's edge, a page that does not say which page of how many it is.
import type { Box, PageLayout } from './pdf-text';

/** Overlaps thinner than this (points) are rounding, not collisions: consecutive lines touch. */
const EPSILON = 0.05;

const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > EPSILON && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > EPSILON;

const describe = (b: Box & { str?: string }) => `${b.str !== undefined ? JSON.stringify(b.str.slice(0, 40)) : 'image'} at (${b.x.toFixed(1)}, ${b.y.toFixed(1)}) ${b.width.toFixed(1)}×${b.height.toFixed(1)}`;

/** Every problem on every page, as sentences; `pageLabel(i, n)` is the page number as printed. */
export function layoutProblems(pages: PageLayout[], pageLabel: (page: number, of: number) => string): string[] {
  const problems: string[] = [];
  for (const p of pages) {
    const boxes: (Box & { str?: string })[] = [...p.texts, ...p.images];
    for (const b of boxes) {
      if (b.x < -EPSILON || b.y < -EPSILON || b.x + b.width > p.width + EPSILON || b.y + b.height > p.height + EPSILON) {
        problems.push(`page ${p.page}: ${describe(b)} leaves the ${p.width.toFixed(0)}×${p.height.toFixed(0)} page`);
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i], boxes[j])) problems.push(`page ${p.page}: ${describe(boxes[i])} overlaps ${describe(boxes[j])}`);
      }
    }
    const label = pageLabel(p.page, pages.length);
    if (!p.texts.map((t) => t.str).join(' ').includes(label)) problems.push(`page ${p.page}: no "${label}"`);
  }
  return problems;
}
