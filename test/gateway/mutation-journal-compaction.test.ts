/**
 * The journal is bounded in memory, not only in what it lists (journal.ts): entries dropped off
 * the front are let go (a long-running mock does not keep every request it ever saw), and its
 * byte count stays that of the entries it keeps, through many drops, so that the byte bound keeps
 * dropping the right ones.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type JournalEntry, Journal } from '../../src/mock/state/journal.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function entry(i: number, targetBytes = 10): Omit<JournalEntry, 'sequence'> {
  return {
    requestId: `r${i}`,
    time: '2026-11-23T09:00:00.000Z',
    method: 'POST',
    target: `/${'t'.repeat(targetBytes)}`,
    status: 200,
    verdict: 'accepted',
    headers: {},
    bodyBytes: 0,
    durationMs: 1,
  };
}

const jsonBytes = (entries: JournalEntry[]) => entries.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);

async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 5 && ref.deref() !== undefined; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return ref.deref() === undefined;
}

describe('entries dropped off the front', () => {
  it('are let go once many have been dropped (a journal of 100 after 1000 requests)', async () => {
    const journal = new Journal(100);
    const first = new WeakRef(journal.record(entry(0)));
    for (let i = 1; i < 1000; i++) journal.record(entry(i));
    expect(journal.size).toBe(100);
    expect(await collected(first)).toBe(true);
  });

  it('are let go in a small journal too (10 kept)', async () => {
    const journal = new Journal(10);
    const first = new WeakRef(journal.record(entry(0)));
    for (let i = 1; i < 300; i++) journal.record(entry(i));
    expect(await collected(first)).toBe(true);
  });
});

describe('the byte count through many drops', () => {
  it('stays that of the entries kept, and the byte bound keeps exactly the newest that fit', () => {
    const one = Buffer.byteLength(JSON.stringify({ sequence: 1, ...entry(0, 0) }));
    const journal = new Journal({ maxEntries: 50, maxBytes: 20 * (one + 400), maxEntryBytes: 100_000 });
    for (let i = 0; i < 400; i++) {
      // Sizes that vary, so that a count of the wrong entries shows.
      journal.record(entry(i, (i * 37) % 200));
      const kept = journal.list();
      expect(journal.bytes, `after ${i + 1} entries`).toBe(jsonBytes(kept));
      expect(journal.bytes).toBeLessThanOrEqual(journal.bounds.maxBytes);
      expect(kept.at(-1)?.requestId).toBe(`r${i}`);
    }
  });

  it('with only the count bound, stays that of the entries kept', () => {
    const journal = new Journal(20);
    for (let i = 0; i < 300; i++) journal.record(entry(i, (i * 53) % 100));
    const kept = journal.list();
    expect(kept.map((e) => e.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => 281 + i));
    expect(journal.bytes).toBe(jsonBytes(kept));
  });
});
