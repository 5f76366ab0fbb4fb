import { formatCredentialsCsv } from '../../protocol/index.ts';
import type { Service } from '../config/schema.ts';
import { type GatewayRequest, type GatewayResponse, jsonResponse } from '../http-model.ts';
import { findUser } from '../state/live-world.ts';
import type { MockState } from '../state/mock-state.ts';
import {
  accessKeyStatusSchema,
  bindingSchema,
  newAppCodeSchema,
  parseChange,
  secretResetSchema,
  serviceAuthSchema,
  stageSchema,
  WorldChangeError,
} from '../state/world-changes.ts';
import { adminError, readJson } from './admin-json.ts';

/** Synchronous: the change runs inside `viaAdmin`, with the body already read. */
type Handler = (call: { state: MockState; parts: string[]; body: unknown; query: URLSearchParams; baseUrl: string }) => GatewayResponse;

interface WorldRoute {
  method: string;
  /** Path segments after /_apig-kit; ':x' matches one segment. */
  pattern: string[];
  handle: Handler;
}

const serviceView = (service: Service | undefined, baseUrl: string) => service && { ...service, url: `${baseUrl}/v1/infers/${service.id}` };

/**
 * The world's runtime changes over HTTP: each route calls the same LiveWorld method as the
 * in-process API. Answers are JSON; a refused change answers 400 (bad input), 404 (nothing of
 * that name) or 409 (it clashes with the world or its bounds) with `{"error": …}`.
 */
const ROUTES: WorldRoute[] = [
  // Apps
  { method: 'POST', pattern: ['apps'], handle: ({ state, body }) => jsonResponse(201, { app: state.world.createApp(body as never) }) },
  {
    method: 'DELETE',
    pattern: ['apps', ':name'],
    handle: ({ state, parts }) => (state.world.deleteApp(parts[1]!), jsonResponse(200, { deleted: { app: parts[1] } })),
  },
  {
    method: 'POST',
    pattern: ['apps', ':name', 'secret'],
    handle: ({ state, parts, body }) => jsonResponse(200, { app: state.world.resetAppSecret(parts[1]!, parseChange(secretResetSchema, body).secret) }),
  },
  {
    method: 'POST',
    pattern: ['apps', ':name', 'app-codes'],
    handle: ({ state, parts, body }) => jsonResponse(201, state.world.addAppCode(parts[1]!, parseChange(newAppCodeSchema, body).appCode)),
  },
  {
    method: 'DELETE',
    pattern: ['apps', ':name', 'app-codes', ':code'],
    handle: ({ state, parts }) => (
      state.world.removeAppCode(parts[1]!, parts[3]!),
      jsonResponse(200, { appCodes: state.world.appByName(parts[1]!)?.appCodes.length ?? 0 })
    ),
  },
  {
    method: 'POST',
    pattern: ['apps', ':name', 'bindings'],
    handle: ({ state, parts, body, baseUrl }) => {
      const { service } = parseChange(bindingSchema, body);
      state.world.bindApp(parts[1]!, service);
      return jsonResponse(200, { bound: { app: parts[1], service: serviceView(state.world.service(service), baseUrl) } });
    },
  },
  {
    method: 'DELETE',
    pattern: ['apps', ':name', 'bindings', ':service'],
    handle: ({ state, parts, baseUrl }) => {
      state.world.unbindApp(parts[1]!, parts[3]!);
      return jsonResponse(200, { unbound: { app: parts[1], service: serviceView(state.world.service(parts[3]!), baseUrl) } });
    },
  },
  // Users and access keys
  { method: 'POST', pattern: ['users'], handle: ({ state, body }) => jsonResponse(201, { user: state.world.createUser(body as never) }) },
  {
    method: 'DELETE',
    pattern: ['users', ':name'],
    handle: ({ state, parts, query }) => (
      state.world.deleteUser(parts[1]!, query.get('account') ?? undefined),
      jsonResponse(200, { deleted: { user: parts[1] } })
    ),
  },
  {
    method: 'GET',
    pattern: ['users', ':name', 'credentials.csv'],
    handle: ({ state, parts, query }) => {
      const user = findUser(state.world.world, parts[1]!, query.get('account') ?? undefined);
      if (user.accessKeys.length === 0)
        throw new WorldChangeError(404, `user ${user.name} has no access key (POST /_apig-kit/users/${user.name}/access-keys makes one)`);
      const body = formatCredentialsCsv(user.accessKeys.map((key) => ({ userName: user.name, accessKey: key.ak, secretKey: key.sk })));
      return {
        status: 200,
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="credentials.csv"', 'Cache-Control': 'no-store' },
        body,
      };
    },
  },
  {
    method: 'POST',
    pattern: ['users', ':name', 'access-keys'],
    handle: ({ state, parts, body, query }) =>
      jsonResponse(201, { accessKey: state.world.createAccessKey(parts[1]!, body as never, query.get('account') ?? undefined) }),
  },
  {
    method: 'DELETE',
    pattern: ['access-keys', ':ak'],
    handle: ({ state, parts }) => (state.world.deleteAccessKey(parts[1]!), jsonResponse(200, { deleted: { accessKey: parts[1] } })),
  },
  {
    method: 'PUT',
    pattern: ['access-keys', ':ak'],
    handle: ({ state, parts, body }) => {
      const { status } = parseChange(accessKeyStatusSchema, body);
      state.world.setAccessKeyStatus(parts[1]!, status);
      return jsonResponse(200, { accessKey: { ak: parts[1], status } });
    },
  },
  // Services
  {
    method: 'POST',
    pattern: ['services'],
    handle: ({ state, body, baseUrl }) => jsonResponse(201, { service: serviceView(state.world.createService(body as never), baseUrl) }),
  },
  {
    method: 'POST',
    pattern: ['services', ':id', 'stop'],
    handle: ({ state, parts, baseUrl }) => (
      state.world.stopService(parts[1]!),
      jsonResponse(200, { service: serviceView(state.world.service(parts[1]!), baseUrl) })
    ),
  },
  {
    method: 'POST',
    pattern: ['services', ':id', 'start'],
    handle: ({ state, parts, baseUrl }) => (
      state.world.startService(parts[1]!),
      jsonResponse(200, { service: serviceView(state.world.service(parts[1]!), baseUrl) })
    ),
  },
  {
    method: 'DELETE',
    pattern: ['services', ':id'],
    handle: ({ state, parts, query, baseUrl }) => {
      const purge = query.get('purge') === 'true';
      state.world.deleteService(parts[1]!, { purge });
      return jsonResponse(200, purge ? { deleted: { service: parts[1] } } : { service: serviceView(state.world.service(parts[1]!), baseUrl) });
    },
  },
  {
    method: 'PUT',
    pattern: ['services', ':id', 'auth'],
    handle: ({ state, parts, body, baseUrl }) => {
      state.world.setServiceAuth(parts[1]!, parseChange(serviceAuthSchema, body).auth);
      return jsonResponse(200, { service: serviceView(state.world.service(parts[1]!), baseUrl) });
    },
  },
  {
    method: 'POST',
    pattern: ['services', ':id', 'stages'],
    handle: ({ state, parts, body, baseUrl }) => {
      state.world.addStage(parts[1]!, parseChange(stageSchema, body).stage);
      return jsonResponse(200, { service: serviceView(state.world.service(parts[1]!), baseUrl) });
    },
  },
  {
    method: 'DELETE',
    pattern: ['services', ':id', 'stages', ':stage'],
    handle: ({ state, parts, baseUrl }) => (
      state.world.removeStage(parts[1]!, parts[3]!),
      jsonResponse(200, { service: serviceView(state.world.service(parts[1]!), baseUrl) })
    ),
  },
];

const matches = (pattern: string[], parts: string[]) => pattern.length === parts.length && pattern.every((p, i) => p.startsWith(':') || p === parts[i]);

/** The answer of a world route, or undefined when `route` is none of them. */
export async function handleWorldRoute(state: MockState, request: GatewayRequest, route: string, baseUrl: string): Promise<GatewayResponse | undefined> {
  const raw = route.split('/').slice(1);
  if (!['apps', 'users', 'access-keys', 'services'].includes(raw[0] ?? '')) return undefined;
  let parts: string[];
  try {
    parts = raw.map((part) => decodeURIComponent(part));
  } catch {
    return adminError(400, 'a path segment is not valid percent-encoding');
  }
  const candidates = ROUTES.filter((r) => matches(r.pattern, parts));
  if (candidates.length === 0) return undefined;
  const found = candidates.find((r) => r.method === request.method);
  if (!found)
    return jsonResponse(
      405,
      { error: `${request.method} is not allowed here; use ${candidates.map((r) => r.method).join(', ')}` },
      { Allow: candidates.map((r) => r.method).join(', ') },
    );
  let body: unknown = {};
  if (request.method === 'POST' || request.method === 'PUT') {
    const json = await readJson(request);
    if (!json.ok) return json.response;
    body = json.value;
  }
  const query = new URLSearchParams(request.query.replace(/^\?/, ''));
  try {
    return state.world.viaAdmin(() => found.handle({ state, parts, body, query, baseUrl }));
  } catch (error) {
    if (error instanceof WorldChangeError) return adminError(error.status, error.message);
    throw error;
  }
}
