/**
 * What counts as a documented answer: an error of the catalogue (code, status and message that fit
 * one entry), a Keystone error on the IAM path, or a model's own answer to an accepted request.
 */
import { CATALOGUE, type CatalogueEntry } from '../../../src/mock/catalogue.ts';
import { DEMO_SERVICE_IDS } from '../../../src/mock/config/demo-world.ts';
import type { GatewayResponse } from '../../../src/mock/http-model.ts';
import { KEYSTONE_ERRORS } from '../../../src/mock/iam/keystone-errors.ts';
import type { JournalEntry } from '../../../src/mock/state/journal.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A catalogue message as a pattern: each `{param}` may be filled with anything. */
function messagePattern(entry: CatalogueEntry): RegExp {
  return new RegExp(
    `^${entry.message
      .split(/\{\w+\}/)
      .map(escape)
      .join('[\\s\\S]*')}$`,
  );
}

const ENTRIES = Object.values(CATALOGUE).map((entry) => ({ entry, pattern: messagePattern(entry) }));
const KEYSTONE = Object.values(KEYSTONE_ERRORS);

/** The one 500 the spec demands: a stopped service (gateway.md §6.6). */
const STOPPED_PATH = `/v1/infers/${DEMO_SERVICE_IDS.stopped}`;

function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `body` is exactly a catalogue error the entry's status allows; the reason if not. */
export function catalogueProblem(status: number, body: Record<string, unknown>): string | undefined {
  const { error_code: code, error_msg: message } = body;
  if (typeof code !== 'string' || typeof message !== 'string') return 'no error_code/error_msg';
  const fits = ENTRIES.some(({ entry, pattern }) => entry.code === code && entry.status === status && pattern.test(message));
  return fits ? undefined : `${status} ${code} "${message.slice(0, 120)}" is in no catalogue entry`;
}

/** Undefined when the answer to a gateway (non-IAM) request is documented; else what is wrong. */
export function gatewayAnswerProblem(path: string, response: GatewayResponse, entry: JournalEntry | undefined): string | undefined {
  if (!entry) return 'no journal entry';
  if (entry.rule === 'gateway.internal') return `internal error: ${entry.detail}`;
  if (response.status === 500 && !path.startsWith(STOPPED_PATH)) return 'a 500 outside the stopped service';
  if (response.destroyConnection) return 'connection dropped without a fault injected';
  const body = parseJsonObject(String(response.body));
  if (!body) return `body is not a JSON object: ${String(response.body).slice(0, 120)}`;
  if (entry.verdict === 'accepted') {
    // A model's answer: its own 200, or a dispatcher error it raised (ModelArts.4105/4202).
    if (!entry.forwarded) return 'accepted but nothing forwarded';
    return response.status === 200 ? undefined : catalogueProblem(response.status, body);
  }
  if (entry.verdict !== 'rejected') return `verdict ${entry.verdict} in strict mode`;
  if (entry.status !== response.status) return `journal says ${entry.status}, answer is ${response.status}`;
  return catalogueProblem(response.status, body);
}

/** The IAM path answers Keystone's `{"error":{code,title,message}}`, a token body, or (HEAD) nothing. */
export function iamAnswerProblem(method: string, response: GatewayResponse, entry: JournalEntry | undefined): string | undefined {
  if (!entry) return 'no journal entry';
  if (entry.rule === 'gateway.internal') return `internal error: ${entry.detail}`;
  if (response.status >= 500) return `status ${response.status}`;
  const text = String(response.body);
  if (method === 'HEAD' && text === '') return undefined;
  const body = parseJsonObject(text);
  if (!body) return `body is not a JSON object: ${text.slice(0, 120)}`;
  if (response.status === 413) return catalogueProblem(413, body);
  if (response.status < 300) return typeof body['token'] === 'object' ? undefined : 'success without a token body';
  const error = body['error'] as Record<string, unknown> | undefined;
  const known = KEYSTONE.some((k) => k.code === response.status && error?.['code'] === k.code && error['message'] === k.message && error['title'] === k.title);
  return known ? undefined : `${response.status} is no Keystone error: ${text.slice(0, 120)}`;
}
