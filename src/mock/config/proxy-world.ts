import { proxyModelSchema } from '../models/proxy-config.ts';
import { type Service, serviceSchema, type World } from './schema.ts';

/** The services `apig-kit mock --proxy` adds: fixed ids, so scripts can name them. */
export const PROXY_SERVICE_IDS = { iam: '8080c0de-0000-4000-8000-000000000001', app: '8080c0de-0000-4000-8000-000000000002' } as const;

export class ProxyWorldError extends Error {
  override name = 'ProxyWorldError';
}

/**
 * The world with a real model server put behind it, as the Usage Guides tab shows a service: an IAM
 * address (token, AK/SK) and an app-auth address (AppKey/AppSecret signature, AppCode, apikey)
 * bound to the first app of the world's first account. Both have the built-in default API, one
 * `POST /`. (Until one service can carry both addresses, they are two services over one model.)
 */
export function withProxyServices(world: World, url: string): { world: World; services: { iam: Service; app?: Service | undefined } } {
  const model = proxyModelSchema.safeParse({ proxy: url });
  if (!model.success) throw new ProxyWorldError(`--proxy ${url}: ${model.error.issues.map((i) => i.message).join('; ')}`);
  const account = world.accounts[0];
  if (!account) throw new ProxyWorldError('the world has no account to own the proxied service');
  const project = account.projects.find((p) => p.name === world.region) ?? account.projects[0]!;
  const taken = Object.values(PROXY_SERVICE_IDS).find((id) => world.services.some((s) => s.id === id));
  if (taken) throw new ProxyWorldError(`the world already has a service ${taken}`);
  const app = world.apps.find((a) => a.account === account.name);
  const base = { model: model.data, state: 'running', account: account.name, project: project.name, stages: ['RELEASE'] } as const;
  const iam = serviceSchema.parse({ ...base, id: PROXY_SERVICE_IDS.iam, name: 'my-model', auth: 'iam', boundApps: [] });
  const appService = app && serviceSchema.parse({ ...base, id: PROXY_SERVICE_IDS.app, name: 'my-model-app', auth: 'app', boundApps: [app.name] });
  return { world: { ...world, services: [...world.services, iam, ...(appService ? [appService] : [])] }, services: { iam, app: appService } };
}
