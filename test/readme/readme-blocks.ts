/** A fenced code block of the README: its language, an optional file name after it, and a skip reason from a `<!-- doc-test: skip — why -->` line just before it. */
export interface ReadmeBlock {
  lang: string;
  file: string | undefined;
  code: string;
  line: number;
  skip: string | undefined;
}

export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const fence = /^```(\w+)(?: +(\S+))?\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const before = markdown.slice(0, match.index).trimEnd().split('\n').at(-1) ?? '';
    const skip = /^<!-- doc-test: skip\s*(?:—|-)?\s*(.*?)\s*-->$/.exec(before)?.[1];
    blocks.push({ lang: match[1]!, file: match[2], code: match[3]!, line: markdown.slice(0, match.index).split('\n').length, skip });
  }
  return blocks;
}

/**
 * Each sample line, `…` standing for anything, is found in an output line, in order (curl prints no
 * newline after a body, so two answers can share a line).
 */
export function sampleOutputMatches(expected: readonly string[], output: string): boolean {
  const lines = output.split('\n').map((line) => line.trim());
  let at = 0;
  for (const sample of expected) {
    const pattern = new RegExp(
      sample
        .trim()
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*'),
    );
    while (at < lines.length && !pattern.test(lines[at]!)) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}
