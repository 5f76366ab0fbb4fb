import { type AuthMethodId, authMethodsOf } from '../../protocol/index.ts';
import type { Service } from '../config/schema.ts';
import { modelFormOf } from '../models/index.ts';
import { type ApiParameter, ANY, parametersOf } from '../model-config/service-api.ts';
import { serviceApis } from './service-apis.ts';

export interface ServiceAddress {
  /** IAM address: token and AK/SK. App-auth address: app signature, AppCode, apikey (modelarts-services.md §5.1). */
  auth: 'iam' | 'app';
  methods: AuthMethodId[];
  url: string;
}

export interface UsageGuideApi {
  method: string;
  /** The declared url; `*` for a model that takes any path. */
  path: string;
  protocol: string | undefined;
  contentType: string;
  responseContentType: string;
  /** The top-level properties of the request and response schemas: the tab's two tables (§5.1). */
  input: ApiParameter[];
  output: ApiParameter[];
}

export interface UsageGuide {
  addresses: ServiceAddress[];
  model: string;
  modelAlgorithm?: string | undefined;
  modelType?: string | undefined;
  apis: UsageGuideApi[];
  /** What the modelConfig parser mended or ignored. */
  warnings?: string[] | undefined;
}

/** Where the mock serves the addresses: its first address, and the IAM address when it is served. */
export interface AddressBases {
  first: string;
  iam?: string | undefined;
}

/** The model in a few words: the demo model's name, `preset image-classification`, `static`, `handler`. */
export function describeModel(service: Service): string {
  const { model } = service;
  const form = modelFormOf(model);
  if (form === 'legacy') return model as string;
  if (form === 'preset') return `preset ${(model as { preset: string }).preset}`;
  return form;
}

/**
 * A service as the console's Usage Guides tab shows it (modelarts-services.md §5): its addresses
 * per auth type (the IAM address always, when served; the app-auth address only with app auth on),
 * and per API the method, path, content type and the input and output parameters.
 */
export function usageGuide(service: Service, bases: AddressBases): UsageGuide {
  const path = `/v1/infers/${service.id}`;
  const addresses: ServiceAddress[] = [];
  if (service.auth === 'iam') addresses.push({ auth: 'iam', methods: authMethodsOf('iam'), url: `${bases.first}${path}` });
  else {
    if (bases.iam !== undefined) addresses.push({ auth: 'iam', methods: authMethodsOf('iam'), url: `${bases.iam}${path}` });
    addresses.push({ auth: 'app', methods: authMethodsOf('app'), url: `${bases.first}${path}` });
  }
  const { apis, warnings, modelAlgorithm, modelType } = serviceApis(service);
  return {
    addresses,
    model: describeModel(service),
    ...(modelAlgorithm !== undefined ? { modelAlgorithm } : {}),
    ...(modelType !== undefined ? { modelType } : {}),
    apis: apis.map((api) => ({
      method: api.method,
      path: api.url,
      protocol: api.protocol,
      contentType: api.requestContentType,
      responseContentType: api.responseContentType,
      input: parametersOf(api.requestSchema),
      output: parametersOf(api.responseSchema),
    })),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** One API in one line, as the banner prints it: `POST /greet (application/json) in: name string; out: response string`. */
export function describeApi(api: UsageGuideApi): string {
  const table = (rows: ApiParameter[]) => (rows.length === 0 ? '--' : rows.map((r) => `${r.name} ${r.type}`).join(', '));
  const method = api.method === ANY ? 'ANY' : api.method;
  const path = api.path === ANY ? '/* (any sub-path)' : api.path;
  return `${method} ${path} (${api.contentType}) in: ${table(api.input)}; out: ${table(api.output)}`;
}
