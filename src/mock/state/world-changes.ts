import { z } from 'zod';
import { appSchema, serviceSchema, userSchema } from '../config/schema.ts';

/**
 * What a runtime change of the world takes, built from the config file's own schemas: a field
 * the config refuses, a change refuses the same way. What is left out is generated.
 */
export const newAppSchema = appSchema.partial({ id: true, account: true, key: true, secret: true });
export const newUserSchema = userSchema.partial({ id: true, account: true, password: true }).omit({ temporaryAccessKeys: true });
export const newServiceSchema = serviceSchema.partial({ id: true, account: true, project: true });
export const newAccessKeySchema = z.object({ ak: z.string().min(1).optional(), sk: z.string().min(1).optional() }).strict();
export const secretResetSchema = z.object({ secret: appSchema.shape.secret.optional() }).strict();
export const newAppCodeSchema = z.object({ appCode: z.string().min(1).optional() }).strict();
export const bindingSchema = z.object({ service: z.string().min(1) }).strict();
export const stageSchema = z.object({ stage: z.string().min(1) }).strict();
export const accessKeyStatusSchema = z.object({ status: z.enum(['active', 'inactive']) }).strict();
export const serviceAuthSchema = z.object({ auth: serviceSchema.shape.auth }).strict();

export type NewApp = z.input<typeof newAppSchema>;
export type NewUser = z.input<typeof newUserSchema>;
export type NewService = z.input<typeof newServiceSchema>;
export type NewAccessKey = z.input<typeof newAccessKeySchema>;

/** A change refused: 400 bad input, 404 nothing of that name, 409 it clashes with the world or its bounds. */
export class WorldChangeError extends Error {
  override name = 'WorldChangeError';
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** The input, or a 400 naming each invalid field (zod's messages name the rule, never the value). */
export function parseChange<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new WorldChangeError(400, result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  return result.data;
}
