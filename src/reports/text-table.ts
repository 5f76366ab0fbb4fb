/** A plain-text table for the console: columns padded to their widest cell, two spaces apart, a rule under the header. */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, options: { rightAligned?: readonly number[]; rule?: string } = {}): string {
  const rightAligned = options.rightAligned ?? [];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => (options.rule ?? '-').repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
