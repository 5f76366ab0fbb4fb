import { z } from 'zod';

/**
 * A ModelArts model configuration file (`config.json`, modelarts-services.md §1), read leniently:
 * every example in Huawei's own docs has to pass (§1.5), so unknown keys are kept, types are loose
 * and the spelling quirks are mended by normalizeModelConfig, not refused here.
 */
const bodySpecSchema = z.looseObject({
  // `Content-type` is how the docs spell it; `Content-Type` and `content-type` are accepted too (§1.5, inferred).
  'Content-type': z.string().optional(),
  'Content-Type': z.string().optional(),
  'content-type': z.string().optional(),
  /** JSON Schema with a `"type": "file"` extension; typed "String" in the tables, an object in every example. */
  data: z.unknown().optional(),
});

export const modelConfigApiSchema = z.looseObject({
  protocol: z.string().optional(),
  /** The misspelling in the custom-dependency example, copied into user configs (§1.5). */
  procotol: z.string().optional(),
  url: z.string().optional(),
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, 'an HTTP method such as post or get')
    .optional(),
  request: bodySpecSchema.optional(),
  response: bodySpecSchema.optional(),
});

export const modelConfigSchema = z.looseObject({
  model_algorithm: z.string().optional(),
  model_type: z.string().optional(),
  runtime: z.string().optional(),
  swr_location: z.string().optional(),
  apis: z.array(modelConfigApiSchema).max(256, 'at most 256 APIs').optional(),
  health: z
    .looseObject({
      url: z.string(),
      protocol: z.string().optional(),
      // Typed String in the docs and in generated configs (§1.5).
      initial_delay_seconds: z.union([z.string(), z.number()]).optional(),
      timeout_seconds: z.union([z.string(), z.number()]).optional(),
    })
    .optional(),
});

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ModelConfigApi = z.infer<typeof modelConfigApiSchema>;
