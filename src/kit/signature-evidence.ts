import type { JournalEntry } from '../mock/index.ts';

/**
 * For a refused signature: the canonical request the gateway computed and, when the gateway could
 * tell which common mistake the client made, the one its signature matches, line against line.
 */
export function signatureEvidence(entry: JournalEntry): string[] {
  const signature = entry.signature;
  if (entry.verdict === 'accepted' || !signature?.canonicalRequest || entry.reason !== 'signature-mismatch') return [];
  const gateway = signature.canonicalRequest.split('\n');
  if (!signature.hint) {
    return ['the canonical request the gateway computed (compare it with the one your client signed):', ...gateway.map((line) => `    ${line}`)];
  }
  const client = signature.hint.canonicalRequest.split('\n');
  const lines = ['canonical request: the gateway computed (-) and your signature matches (+):'];
  for (let i = 0; i < Math.max(gateway.length, client.length); i++) {
    if (gateway[i] === client[i]) lines.push(`    ${gateway[i]}`);
    else lines.push(`  - ${gateway[i] ?? ''}`, `  + ${client[i] ?? ''}`);
  }
  return lines;
}
