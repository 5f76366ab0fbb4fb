import { z } from 'zod';
import { ALGORITHM_NAMES, parseTimeInput, type SignableRequest, type SigningCredentials, type SignOptions } from '../protocol/index.ts';
import { CliError } from './cli-error.ts';

const headerValue = z.union([z.string(), z.number().transform(String), z.array(z.string())]);

/** The JSON that `apig-kit sign` and `apig-kit explain` read on stdin. */
export const signInputSchema = z
  .object({
    method: z.string().min(1),
    url: z.string().min(1),
    headers: z.record(z.string(), headerValue).default({}),
    body: z.string().optional(),
    bodyBase64: z.string().optional(),
    ak: z.string().min(1),
    sk: z.string().min(1),
    securityToken: z.string().min(1).optional(),
    date: z.union([z.string(), z.number()]).optional(),
    algorithm: z.enum(ALGORITHM_NAMES).default('SDK-HMAC-SHA256'),
    region: z.string().min(1).optional(),
    service: z.string().min(1).optional(),
    unsignedPayload: z.boolean().default(false),
    signedHeaders: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((input) => input.body === undefined || input.bodyBase64 === undefined, {
    message: 'give "body" or "bodyBase64", not both',
  });

export type SignInput = z.infer<typeof signInputSchema>;

/** `date` may be an X-Sdk-Date, an ISO-8601 time or epoch milliseconds; absent means now. */
function resolveDate(date: string | number | undefined, now: () => number): number {
  if (date === undefined) return now();
  const parsed = parseTimeInput(date);
  if (parsed === undefined) throw new CliError(`"date": "${date}" is neither YYYYMMDDTHHMMSSZ nor an ISO-8601 time`);
  return parsed;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `"${issue.path.join('.')}": ${issue.message}` : issue.message)).join('; ');
}

export function parseSignInput(
  text: string,
  now: () => number = Date.now,
): {
  request: SignableRequest;
  credentials: SigningCredentials;
  options: SignOptions;
} {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError('stdin is not JSON: expected {"method","url","headers","body"|"bodyBase64","ak","sk",...}');
  }
  const result = signInputSchema.safeParse(json);
  if (!result.success) throw new CliError(`invalid input: ${describeIssues(result.error)}`);
  const input = result.data;
  const body = input.bodyBase64 !== undefined ? Buffer.from(input.bodyBase64, 'base64') : input.body;
  return {
    request: { method: input.method, url: input.url, headers: input.headers, body },
    credentials: { accessKey: input.ak, secretKey: input.sk, securityToken: input.securityToken },
    options: {
      algorithm: input.algorithm,
      date: resolveDate(input.date, now),
      region: input.region,
      service: input.service,
      unsignedPayload: input.unsignedPayload,
      signedHeaders: input.signedHeaders,
    },
  };
}
