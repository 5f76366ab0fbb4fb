import { cloneWorldData } from './clone-world.ts';
import { ALNUM_UPPER, randomText } from './random-text.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { LIMITS } from '../../protocol/index.ts';
import { resolveServiceFilesOf, worldReferenceProblems } from '../config/load-config.ts';
import { ModelConfigError } from '../model-config/load.ts';
import { type App, appSchema, type GatewayLimits, type Service, serviceSchema, type User, userSchema, type World, worldSchema } from '../config/schema.ts';
import type { IssuedCredentials } from './issued-credentials.ts';
import { WorldIndex } from './world-index.ts';
import {
  type NewAccessKey,
  newAccessKeySchema,
  type NewApp,
  newAppCodeSchema,
  newAppSchema,
  type NewService,
  newServiceSchema,
  type NewUser,
  newUserSchema,
  parseChange,
  WorldChangeError,
} from './world-changes.ts';

/** IAM allows two permanent access keys per user (documented: IAM FAQ "What Are Temporary Security Credentials", table 1). */
export const MAX_ACCESS_KEYS_PER_USER = 2;
/** An app has at most 5 AppCodes (gateway.md §3.4, documented). */
const MAX_APP_CODES = LIMITS.maxAppCodesPerApp;

/** One change, as the journal shows it: the admin route it is (also when made in-process) and what it did, without a secret. */
export interface WorldChange {
  /** e.g. `app.create`, `app.secret-reset`, `service.stop`. */
  op: string;
  /** Who asked: the admin API, or code in the same process (`gateway.world.…`). */
  via: 'admin' | 'in-process';
  method: string;
  target: string;
  detail: string;
}

export interface LiveWorldHooks {
  changed(change: WorldChange): void;
  /** The caches keyed by world data forget what the world no longer has. */
  forgetAccessKey(accessKey: string): void;
  forgetService(serviceId: string): void;
}

export type WorldBounds = Pick<GatewayLimits, 'maxWorldApps' | 'maxWorldUsers' | 'maxWorldServices' | 'maxWorldBytes'>;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const path = (...parts: string[]) => `/_apig-kit/${parts.map(encodeURIComponent).join('/')}`;

/**
 * The world, changeable at runtime: the admin API's world routes and `gateway.world.createApp(…)`
 * in-process call the same methods. Each change is made on a copy, checked with the config's
 * schemas and references and against the world's bounds, and only then swapped in: a refused
 * change leaves the world as it was. The lookups stay O(1) maps (WorldIndex), rebuilt per change.
 */
export class LiveWorld extends WorldIndex {
  #via: WorldChange['via'] = 'in-process';

  constructor(
    readonly initial: World,
    issued: IssuedCredentials,
    private readonly bounds: WorldBounds,
    private readonly hooks: LiveWorldHooks,
    /** Where a service made through the admin API may name files (admin.filesDir); false: nowhere. */
    private readonly adminFilesDir: string | false,
  ) {
    super(cloneWorldData(initial), issued);
  }

  /** Runs `change` (synchronous: one change at a time) as the admin API's, for the journal. */
  viaAdmin<T>(change: () => T): T {
    this.#via = 'admin';
    try {
      return change();
    } finally {
      this.#via = 'in-process';
    }
  }

  /** Back to the world at start; every issued credential is forgotten. */
  resetWorld(): void {
    const gone = this.world;
    this.replace(cloneWorldData(this.initial));
    this.forgetRetired();
    this.issued?.clear();
    for (const user of gone.users) for (const key of user.accessKeys) this.hooks.forgetAccessKey(key.ak);
    for (const service of gone.services) if (!this.service(service.id)) this.hooks.forgetService(service.id);
  }

  // Apps

  createApp(input: NewApp): App {
    const given = parseChange(newAppSchema, input);
    return this.#change((draft) => {
      if (draft.apps.some((a) => a.name === given.name)) throw new WorldChangeError(409, `an app named ${given.name} exists`);
      const app = appSchema.parse({
        id: hex(16),
        key: hex(16),
        secret: randomText(32),
        ...given,
        account: given.account ?? draft.accounts[0]!.name,
      });
      draft.apps.push(app);
      return {
        result: cloneWorldData(app),
        change: { op: 'app.create', method: 'POST', target: path('apps'), detail: `app ${app.name} created in ${app.account}` },
      };
    });
  }

  deleteApp(name: string): void {
    this.#change((draft, retire) => {
      const app = findApp(draft, name);
      draft.apps.splice(draft.apps.indexOf(app), 1);
      for (const service of draft.services) service.boundApps = service.boundApps.filter((bound) => bound !== name);
      retire(app.secret, ...app.appCodes);
      return { result: undefined, change: { op: 'app.delete', method: 'DELETE', target: path('apps', name), detail: `app ${name} deleted, and unbound` } };
    });
  }

  /** A new AppSecret (given, or generated); the old one is refused from now on. The answer is the only place the new one is shown, besides the world view. */
  resetAppSecret(name: string, secret?: string): { name: string; key: string; secret: string } {
    const next = secret === undefined ? randomText(32) : parseChange(appSchema.shape.secret, secret);
    return this.#change((draft, retire) => {
      const app = findApp(draft, name);
      if (next === app.secret) throw new WorldChangeError(409, 'the new AppSecret is the old one');
      retire(app.secret);
      app.secret = next;
      return {
        result: { name: app.name, key: app.key, secret: next },
        change: { op: 'app.secret-reset', method: 'POST', target: path('apps', name, 'secret'), detail: `AppSecret of app ${name} reset` },
      };
    });
  }

  addAppCode(name: string, appCode?: string): { appCode: string; appCodes: number } {
    const given = parseChange(newAppCodeSchema, { appCode });
    const code = given.appCode ?? randomText(64);
    return this.#change((draft) => {
      const app = findApp(draft, name);
      if (app.appCodes.length >= MAX_APP_CODES) throw new WorldChangeError(409, `app ${name} has ${MAX_APP_CODES} AppCodes, the most an app can have`);
      if (draft.apps.some((a) => a.appCodes.includes(code))) throw new WorldChangeError(409, 'this AppCode is in use');
      app.appCodes.push(code);
      return {
        result: { appCode: code, appCodes: app.appCodes.length },
        change: {
          op: 'app.appcode-add',
          method: 'POST',
          target: path('apps', name, 'app-codes'),
          detail: `AppCode added to app ${name} (${app.appCodes.length} now)`,
        },
      };
    });
  }

  removeAppCode(name: string, appCode: string): void {
    this.#change((draft, retire) => {
      const app = findApp(draft, name);
      if (!app.appCodes.includes(appCode)) throw new WorldChangeError(404, `app ${name} has no such AppCode`);
      app.appCodes = app.appCodes.filter((c) => c !== appCode);
      retire(appCode);
      return {
        result: undefined,
        change: { op: 'app.appcode-remove', method: 'DELETE', target: path('apps', name, 'app-codes', '…'), detail: `AppCode removed from app ${name}` },
      };
    });
  }

  /** The app may call the service's API (an unbound app gets 403 APIG.0304). */
  bindApp(name: string, serviceId: string): void {
    this.#change((draft) => {
      findApp(draft, name);
      const service = findService(draft, serviceId);
      if (service.auth !== 'app') throw new WorldChangeError(409, `service ${service.name} uses IAM authentication: apps are not bound to it`);
      if (!service.boundApps.includes(name)) service.boundApps.push(name);
      return {
        result: undefined,
        change: { op: 'app.bind', method: 'POST', target: path('apps', name, 'bindings'), detail: `app ${name} bound to service ${service.name}` },
      };
    });
  }

  unbindApp(name: string, serviceId: string): void {
    this.#change((draft) => {
      findApp(draft, name);
      const service = findService(draft, serviceId);
      if (!service.boundApps.includes(name)) throw new WorldChangeError(404, `app ${name} is not bound to service ${service.name}`);
      service.boundApps = service.boundApps.filter((bound) => bound !== name);
      return {
        result: undefined,
        change: {
          op: 'app.unbind',
          method: 'DELETE',
          target: path('apps', name, 'bindings', serviceId),
          detail: `app ${name} unbound from service ${service.name}`,
        },
      };
    });
  }

  /** Publishes the service's API in a stage (X-Stage); unpublished, it answers 404 APIG.0101 there. */
  addStage(serviceId: string, stage: string): void {
    const name = parseChange(serviceSchema.shape.stages.unwrap().element, stage);
    this.#change((draft) => {
      const service = findService(draft, serviceId);
      if (service.stages.includes(name)) throw new WorldChangeError(409, `service ${service.name} is published in ${name}`);
      service.stages.push(name);
      return {
        result: undefined,
        change: {
          op: 'service.stage-add',
          method: 'POST',
          target: path('services', serviceId, 'stages'),
          detail: `service ${service.name} published in ${name}`,
        },
      };
    });
  }

  removeStage(serviceId: string, stage: string): void {
    this.#change((draft) => {
      const service = findService(draft, serviceId);
      if (!service.stages.includes(stage)) throw new WorldChangeError(404, `service ${service.name} is not published in ${stage}`);
      service.stages = service.stages.filter((s) => s !== stage);
      return {
        result: undefined,
        change: {
          op: 'service.stage-remove',
          method: 'DELETE',
          target: path('services', serviceId, 'stages', stage),
          detail: `service ${service.name} unpublished from ${stage}`,
        },
      };
    });
  }

  // Users and access keys

  createUser(input: NewUser): User {
    const given = parseChange(newUserSchema, input);
    return this.#change((draft) => {
      const account = given.account ?? draft.accounts[0]!.name;
      if (draft.users.some((u) => u.account === account && u.name === given.name))
        throw new WorldChangeError(409, `account ${account} has a user named ${given.name}`);
      if (given.id !== undefined && draft.users.some((u) => u.id === given.id)) throw new WorldChangeError(409, `a user with id ${given.id} exists`);
      if ((given.accessKeys?.length ?? 0) > MAX_ACCESS_KEYS_PER_USER)
        throw new WorldChangeError(409, `a user has at most ${MAX_ACCESS_KEYS_PER_USER} access keys`);
      const user = userSchema.parse({ id: hex(16), password: `${randomText(12)}-1a`, ...given, account });
      draft.users.push(user);
      return {
        result: cloneWorldData(user),
        change: { op: 'user.create', method: 'POST', target: path('users'), detail: `user ${account}/${user.name} created` },
      };
    });
  }

  /** The user, its keys and every temporary credential issued to it stop working at once; so do its tokens (401 APIG.0307). */
  deleteUser(name: string, account?: string): void {
    let userId = '';
    this.#change((draft, retire) => {
      const user = findUser(draft, name, account);
      userId = user.id;
      draft.users.splice(draft.users.indexOf(user), 1);
      retire(user.password, ...user.accessKeys.map((k) => k.sk), ...user.temporaryAccessKeys.flatMap((k) => [k.sk, k.securityToken]));
      for (const key of [...user.accessKeys, ...user.temporaryAccessKeys]) this.hooks.forgetAccessKey(key.ak);
      return {
        result: undefined,
        change: { op: 'user.delete', method: 'DELETE', target: path('users', name), detail: `user ${user.account}/${name} deleted` },
      };
    });
    this.issued?.forgetUser(userId);
  }

  /** A permanent AK/SK (given, or a 20-character AK and 40-character SK as IAM makes them); two per user at most. */
  createAccessKey(userName: string, input: NewAccessKey = {}, account?: string): { ak: string; sk: string } {
    const given = parseChange(newAccessKeySchema, input);
    return this.#change((draft) => {
      const user = findUser(draft, userName, account);
      if (user.accessKeys.length >= MAX_ACCESS_KEYS_PER_USER)
        throw new WorldChangeError(409, `user ${userName} has ${MAX_ACCESS_KEYS_PER_USER} access keys, the most IAM allows`);
      const ak = given.ak ?? randomText(20, ALNUM_UPPER);
      if (this.iamKey(ak) || draft.apps.some((a) => a.key === ak)) throw new WorldChangeError(409, `access key ${ak} is in use`);
      const key = { ak, sk: given.sk ?? randomText(40), status: 'active' as const };
      user.accessKeys.push(key);
      return {
        result: { ak: key.ak, sk: key.sk },
        change: {
          op: 'access-key.create',
          method: 'POST',
          target: path('users', userName, 'access-keys'),
          detail: `access key ${ak} created for ${user.account}/${userName}`,
        },
      };
    });
  }

  deleteAccessKey(accessKey: string): void {
    this.#change((draft, retire) => {
      const { user, key } = findAccessKey(draft, accessKey);
      user.accessKeys = user.accessKeys.filter((k) => k !== key);
      retire(key.sk);
      this.hooks.forgetAccessKey(accessKey);
      return {
        result: undefined,
        change: {
          op: 'access-key.delete',
          method: 'DELETE',
          target: path('access-keys', accessKey),
          detail: `access key ${accessKey} of ${user.account}/${user.name} deleted`,
        },
      };
    });
  }

  /** 'inactive': the key is refused as APIG refuses a key IAM will not vouch for (behaviour.disabledAccessKey). */
  setAccessKeyStatus(accessKey: string, status: 'active' | 'inactive'): void {
    this.#change((draft) => {
      const { user, key } = findAccessKey(draft, accessKey);
      key.status = status;
      this.hooks.forgetAccessKey(accessKey);
      return {
        result: undefined,
        change: {
          op: `access-key.${status === 'active' ? 'enable' : 'disable'}`,
          method: 'PUT',
          target: path('access-keys', accessKey),
          detail: `access key ${accessKey} of ${user.account}/${user.name} is ${status}`,
        },
      };
    });
  }

  disableAccessKey(accessKey: string): void {
    this.setAccessKeyStatus(accessKey, 'inactive');
  }

  enableAccessKey(accessKey: string): void {
    this.setAccessKeyStatus(accessKey, 'active');
  }

  // Services

  createService(input: NewService): Service {
    const given = parseChange(newServiceSchema, input);
    return this.#change((draft) => {
      const account = draft.accounts.find((a) => a.name === (given.account ?? draft.accounts[0]!.name));
      if (!account) throw new WorldChangeError(404, `no account ${given.account}`);
      const service = serviceSchema.parse({ id: randomUUID(), ...given, account: account.name, project: given.project ?? account.projects[0]!.name });
      // As at load: a modelConfig path is read now and a bodyFile checked, so that a bad one is
      // refused here rather than answering 500 (or reading /dev/zero) at every call. From the
      // admin API only files inside admin.filesDir: it may be reached by others than the owner.
      let problems: string[];
      try {
        problems = resolveServiceFilesOf(service, process.cwd(), this.#via === 'admin' ? this.adminFilesDir : undefined);
      } catch (error) {
        if (error instanceof ModelConfigError) throw new WorldChangeError(400, error.message);
        throw error;
      }
      if (problems.length > 0) throw new WorldChangeError(400, problems.join('; '));
      if (draft.services.some((s) => s.id === service.id)) throw new WorldChangeError(409, `a service with id ${service.id} exists`);
      draft.services.push(service);
      return {
        result: cloneWorldData(service),
        change: { op: 'service.create', method: 'POST', target: path('services'), detail: `service ${service.name} (${service.id}) created` },
      };
    });
  }

  stopService(id: string): void {
    this.#setState(id, 'stopped', 'stop');
  }

  startService(id: string): void {
    this.#setState(id, 'running', 'start');
  }

  /**
   * As ModelArts deletes one: the URL stays and answers ModelArts.4203 (gateway.md §6.4). With
   * `purge` the service is gone from the world: its URL answers 404 APIG.0101.
   */
  deleteService(id: string, options: { purge?: boolean } = {}): void {
    if (!options.purge) return this.#setState(id, 'deleted', 'delete');
    this.#change((draft) => {
      const service = findService(draft, id);
      draft.services.splice(draft.services.indexOf(service), 1);
      this.hooks.forgetService(id);
      return {
        result: undefined,
        change: { op: 'service.purge', method: 'DELETE', target: `${path('services', id)}?purge=true`, detail: `service ${service.name} removed` },
      };
    });
  }

  setServiceAuth(id: string, auth: Service['auth']): void {
    const next = parseChange(serviceSchema.shape.auth, auth);
    this.#change((draft) => {
      const service = findService(draft, id);
      service.auth = next;
      return {
        result: undefined,
        change: { op: 'service.auth', method: 'PUT', target: path('services', id, 'auth'), detail: `service ${service.name} now uses ${next} authentication` },
      };
    });
  }

  #setState(id: string, state: Service['state'], verb: string): void {
    this.#change((draft) => {
      const service = findService(draft, id);
      if (service.state === 'deleted' && state !== 'deleted') throw new WorldChangeError(409, `service ${service.name} is deleted`);
      service.state = state;
      return {
        result: undefined,
        change: {
          op: `service.${verb}`,
          method: verb === 'delete' ? 'DELETE' : 'POST',
          target: verb === 'delete' ? path('services', id) : path('services', id, verb),
          detail: `service ${service.name} is ${state}`,
        },
      };
    });
  }

  /**
   * Applies `edit` to a copy of the world; if the copy passes the config's schema, references and
   * the bounds, it becomes the world and the change is journaled. Otherwise nothing changes.
   */
  #change<T>(edit: (draft: World, retire: (...secrets: string[]) => void) => { result: T; change: Omit<WorldChange, 'via'> }): T {
    const draft = cloneWorldData(this.world);
    const retired: string[] = [];
    const { result, change } = edit(draft, (...secrets) => retired.push(...secrets));
    const parsed = worldSchema.safeParse(draft);
    if (!parsed.success) throw new WorldChangeError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const problems = worldReferenceProblems(parsed.data);
    if (problems.length > 0) throw new WorldChangeError(409, problems.join('; '));
    this.#checkBounds(parsed.data);
    this.replace(parsed.data, retired);
    this.hooks.changed({ ...change, via: this.#via });
    return result;
  }

  #checkBounds(world: World): void {
    const { maxWorldApps, maxWorldUsers, maxWorldServices, maxWorldBytes } = this.bounds;
    if (world.apps.length > maxWorldApps) throw new WorldChangeError(409, `the world has ${maxWorldApps} apps, its bound (limits.maxWorldApps)`);
    if (world.users.length > maxWorldUsers) throw new WorldChangeError(409, `the world has ${maxWorldUsers} users, its bound (limits.maxWorldUsers)`);
    if (world.services.length > maxWorldServices)
      throw new WorldChangeError(409, `the world has ${maxWorldServices} services, its bound (limits.maxWorldServices)`);
    if (Buffer.byteLength(JSON.stringify(world)) > maxWorldBytes)
      throw new WorldChangeError(409, `the world would be over ${maxWorldBytes} bytes (limits.maxWorldBytes)`);
  }
}

function findApp(world: World, name: string): App {
  const app = world.apps.find((a) => a.name === name);
  if (!app) throw new WorldChangeError(404, `no app ${name}`);
  return app;
}

function findService(world: World, id: string): Service {
  const service = world.services.find((s) => s.id === id);
  if (!service) throw new WorldChangeError(404, `no service ${id}`);
  return service;
}

/** A user by name; `account` is needed only when two accounts have a user of that name. */
export function findUser(world: World, name: string, account?: string): User {
  const matches = world.users.filter((u) => u.name === name && (account === undefined || u.account === account));
  if (matches.length === 0) throw new WorldChangeError(404, `no user ${account === undefined ? '' : `${account}/`}${name}`);
  if (matches.length > 1) throw new WorldChangeError(409, `several accounts have a user ${name}: name the account (?account=)`);
  return matches[0]!;
}

function findAccessKey(world: World, accessKey: string) {
  for (const user of world.users) {
    const key = user.accessKeys.find((k) => k.ak === accessKey);
    if (key) return { user, key };
  }
  throw new WorldChangeError(404, `no permanent access key ${accessKey}`);
}
