import { readFile } from 'node:fs/promises';

/**
 * Scenario ids expected to fail, with why. A text file (one id a line, `# reason` after it, blank
 * lines and `#` lines ignored) or JSON (an array of ids, or of {id, reason}).
 */
export async function loadKnownFailing(file: string): Promise<Map<string, string>> {
  const text = await readFile(file, 'utf8');
  const known = new Map<string, string>();
  if (file.endsWith('.json')) {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) throw new Error(`${file}: expected a JSON array`);
    for (const item of list) {
      if (typeof item === 'string') known.set(item, '');
      else if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') {
        known.set((item as { id: string }).id, String((item as { reason?: unknown }).reason ?? ''));
      } else throw new Error(`${file}: each entry is an id or {"id", "reason"}`);
    }
    return known;
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.indexOf('#');
    const id = (hash === -1 ? line : line.slice(0, hash)).trim();
    known.set(id, hash === -1 ? '' : line.slice(hash + 1).trim());
  }
  return known;
}
