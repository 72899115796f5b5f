// The one table of a run: a column group per server (Dunwell, bare Temporal, their ratio), then
// the goal and, per server, whether it was met.
import type { ServerKind } from './config';

export interface Figure {
  /** Same text on every server: rows are matched across servers by it. */
  measure: string;
  dunwell: string;
  bare?: string;
  ratio?: string;
  goal?: string;
  /** null or absent: a figure with no goal of its own. */
  met?: boolean | null;
}

export const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '');

export function printTable(servers: ServerKind[], figures: Map<ServerKind, Figure[]>): void {
  const measures: string[] = [];
  const goals = new Map<string, string>();
  for (const server of servers) {
    const own = (figures.get(server) ?? []).map((f) => f.measure);
    const twice = own.filter((m, i) => own.indexOf(m) !== i);
    if (twice.length) console.error(`bench: measure named twice on ${server} (rows are matched by name; the first is shown): ${twice.join("; ")}`);
    for (const f of figures.get(server) ?? []) {
      if (!measures.includes(f.measure)) measures.push(f.measure);
      if (f.goal && !goals.has(f.measure)) goals.set(f.measure, f.goal);
    }
  }
  const find = (server: ServerKind, measure: string) => figures.get(server)?.find((f) => f.measure === measure);
  const header = ['measure', ...servers.flatMap((s) => [`${s}: Dunwell`, `${s}: bare`, `${s}: ratio`]), 'goal', servers.length > 1 ? `met (${servers.join(' / ')})` : 'met'];
  const cells = measures.map((measure) => {
    const goal = goals.get(measure) ?? '';
    const met = goal ? servers.map((s) => {
      const f = find(s, measure);
      return !f ? '–' : f.met === true ? 'yes' : f.met === false ? 'no' : '';
    }).join(' / ') : '';
    return [measure, ...servers.flatMap((s) => {
      const f = find(s, measure);
      return f ? [f.dunwell, f.bare ?? '', f.ratio ?? ''] : ['–', '', ''];
    }), goal, met];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n'));
}
