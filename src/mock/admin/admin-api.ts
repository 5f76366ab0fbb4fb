import { z } from 'zod';
import { formatSdkDate } from '../../protocol/index.ts';
import { applyClockConfig, type MockState, resetState } from '../state/mock-state.ts';
import { parseTime } from '../time.ts';
import { type GatewayRequest, type GatewayResponse, jsonResponse } from '../http-model.ts';
import { faultSchema } from '../state/faults.ts';
import { adminError, readJson } from './admin-json.ts';
import { handleWorldRoute } from './world-routes.ts';
import { addressBases } from '../services/addresses.ts';
import { usageGuide } from '../services/usage-guide.ts';

/** About ±300 years: far enough for any test, near enough that the clock stays a valid Date. */
const MAX_SHIFT_MS = 1e13;
const shift = z.number().int().min(-MAX_SHIFT_MS).max(MAX_SHIFT_MS);

const clockChangeSchema = z
  .object({
    /** ISO-8601, YYYYMMDDTHHMMSSZ or epoch ms. */
    time: z.union([z.string(), shift]).optional(),
    offsetMs: shift.optional(),
    advanceMs: shift.optional(),
    frozen: z.boolean().optional(),
  })
  .strict();

function clockView(state: MockState) {
  const clock = state.clock.state();
  return { now: new Date(clock.now).toISOString(), sdkDate: formatSdkDate(clock.now), epochMs: clock.now, offsetMs: clock.offsetMs, frozen: clock.frozen };
}

function worldView(state: MockState, baseUrl: string, cameTo: 'iam' | undefined) {
  const { world } = state.world;
  const bases = addressBases(state.addresses, baseUrl, cameTo);
  return {
    region: world.region,
    iamUrl: `${baseUrl}/v3/auth/tokens`,
    accounts: world.accounts,
    users: world.users,
    apps: world.apps,
    services: world.services.map((s) => {
      // A proxied model's health probe, as it stands (state, last probe, failures in a row).
      const health = state.proxies.backend(s.id)?.health();
      return {
        ...s,
        // A handler function has no JSON form.
        model: typeof s.model === 'function' ? 'handler' : s.model,
        url: `${bases.first}/v1/infers/${s.id}`,
        usageGuide: usageGuide(s, bases),
        ...(health ? { health } : {}),
      };
    }),
    // Where HTTPS is served and the certificate file to trust there (`curl --cacert`); empty when HTTPS is off.
    https: [...state.httpsEndpoints].map((e) => ({ ...e })),
  };
}

/**
 * The control API under /_apig-kit: world, clock, journal, faults, reset. It exists only on the
 * mock; it is not journaled and is not part of APIG's surface.
 */
export async function handleAdmin(state: MockState, request: GatewayRequest, baseUrl: string): Promise<GatewayResponse> {
  const route = request.path.slice('/_apig-kit'.length) || '/';
  const params = new URLSearchParams(request.query);
  const method = request.method;

  if (route === '/world' && method === 'GET') return jsonResponse(200, worldView(state, baseUrl, request.address));
  if (route === '/clock' && method === 'GET') return jsonResponse(200, clockView(state));
  if (route === '/clock' && (method === 'PUT' || method === 'POST')) {
    const json = await readJson(request);
    if (!json.ok) return json.response;
    const change = clockChangeSchema.safeParse(json.value);
    if (!change.success) return adminError(400, change.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    try {
      const { time, offsetMs, advanceMs, frozen } = change.data;
      const target = time === undefined ? undefined : parseTime(time);
      if (target !== undefined && Math.abs(target) > MAX_SHIFT_MS) return adminError(400, 'time: out of range');
      if (target !== undefined) state.clock.set(target, { frozen: frozen ?? false });
      else if (offsetMs !== undefined) state.clock.setOffset(offsetMs);
      if (advanceMs !== undefined) state.clock.advance(advanceMs);
      if (frozen === true && time === undefined) state.clock.freeze();
      if (frozen === false && time === undefined) state.clock.setOffset(state.clock.state().offsetMs);
    } catch (error) {
      return adminError(400, (error as Error).message);
    }
    return jsonResponse(200, clockView(state));
  }
  if (route === '/clock' && method === 'DELETE') {
    applyClockConfig(state);
    return jsonResponse(200, clockView(state));
  }
  if (route === '/journal' && method === 'GET') {
    const limit = params.get('limit');
    const since = params.get('since');
    const filter = {
      testId: params.get('testId') ?? undefined,
      since: since ? Math.max(0, Number(since) || 0) : undefined,
      limit: limit ? Math.max(0, Number(limit) || 0) : undefined,
    };
    // Streamed, entry by entry: a full journal is tens of MB, and a reader that does not read must not pin it.
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '', bodyStream: () => state.journal.serialize(filter) };
  }
  if (route === '/journal' && method === 'DELETE') {
    state.journal.clear();
    return jsonResponse(200, { cleared: true });
  }
  if (route === '/faults' && method === 'GET') return jsonResponse(200, { faults: state.faults.list() });
  if (route === '/faults' && method === 'DELETE') {
    state.faults.clear();
    return jsonResponse(200, { faults: {} });
  }
  const faultRoute = /^\/faults\/([^/]+)$/.exec(route);
  if (faultRoute) {
    let serviceId: string;
    try {
      serviceId = decodeURIComponent(faultRoute[1]!);
    } catch {
      return adminError(400, 'the service id is not valid percent-encoding');
    }
    if (!state.world.service(serviceId)) return adminError(404, `no service ${serviceId}`);
    if (method === 'DELETE') {
      state.faults.clear(serviceId);
      return jsonResponse(200, { faults: state.faults.list() });
    }
    if (method === 'PUT' || method === 'POST') {
      const json = await readJson(request);
      if (!json.ok) return json.response;
      const fault = faultSchema.safeParse(json.value);
      if (!fault.success) return adminError(400, fault.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      state.faults.set(serviceId, fault.data);
      return jsonResponse(200, { faults: state.faults.list() });
    }
  }
  const worldAnswer = await handleWorldRoute(state, request, route, baseUrl);
  if (worldAnswer) return worldAnswer;
  if (route === '/reset' && method === 'POST') {
    resetState(state);
    return jsonResponse(200, { reset: true });
  }
  return adminError(404, `no admin route ${method} ${request.path}`);
}
