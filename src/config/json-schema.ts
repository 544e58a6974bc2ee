import { z } from 'zod';
import { configSchema } from './schema.js';

/** The config's JSON Schema, generated from the same zod schema that validates it (`schema/llm-cost.schema.json`). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://github.com/llm-cost-diff/llm-cost-diff/schema/llm-cost.schema.json',
    title: 'llm-cost-diff config (.github/llm-cost.yml)',
  };
}
