import { readBoundedFile } from '../bounds/read-bounded-file.ts';
import type { StaticAnswer, StaticSpec } from '../config/schema.ts';
import { HANDLER_ANSWER_MAX_BYTES, toGatewayResponse } from './handler.ts';
import type { Model } from './types.ts';

export const STATIC_BODY_FILE_MAX_BYTES = HANDLER_ANSWER_MAX_BYTES;

const isSingleAnswer = (spec: StaticSpec['static']): spec is StaticAnswer => Object.keys(spec).every((key) => !key.startsWith('/') && key !== '*');

/** The answer for an API path: its own, else the `*` one. */
export function staticAnswerFor(spec: StaticSpec['static'], apiUrl: string | undefined): StaticAnswer | undefined {
  if (isSingleAnswer(spec)) return spec;
  const byPath = spec as Record<string, StaticAnswer>;
  return (apiUrl !== undefined ? byPath[apiUrl] : undefined) ?? byPath['*'];
}

/** The API paths a per-path static answer names (its APIs when no modelConfig declares them). */
export function staticPaths(spec: StaticSpec['static']): string[] {
  return isSingleAnswer(spec) ? ['/'] : Object.keys(spec);
}

/**
 * A fixed answer, the same for every call (modelarts-services.md §7): status, headers and body as
 * given. A `bodyFile` is read at the first call, a regular file of at most
 * STATIC_BODY_FILE_MAX_BYTES (checked when the config was loaded, and again as it is read: a
 * service made at runtime was never loaded, and a device such as /dev/zero has no size to check),
 * and only if its real path, taken when it was checked, is still the file.
 */
export function staticModel(spec: StaticSpec): Model {
  const files = new Map<string, Promise<Buffer>>();
  return async (request) => {
    const answer = staticAnswerFor(spec.static, request.api?.url ?? (request.subPath || '/'));
    if (!answer) throw new Error(`no static answer for ${request.api?.url ?? request.subPath}`);
    let body: unknown = answer.body;
    if (answer.bodyFile !== undefined) {
      let read = files.get(answer.bodyFile);
      if (!read) files.set(answer.bodyFile, (read = readBoundedFile(answer.bodyFile, STATIC_BODY_FILE_MAX_BYTES, { asChecked: true })));
      body = await read;
    }
    return toGatewayResponse({ status: answer.status, headers: answer.headers, body });
  };
}
