import { calcPrice } from '@pydantic/genai-prices';
import type { Config } from '../config/schema.js';
import { ZERO_COST_PROVIDERS } from '../scan/providers.js';

/** The bundled price data. `version` is the package's; `date` is when that version was published. */
export const PRICE_DATA = { source: '@pydantic/genai-prices', version: '0.1.8', date: '2026-09-23' } as const;

/** Tokens of one call, partitioned the way the price data takes them: reads and writes are parts of `input`. */
export interface CallUsage {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  /** Of `cacheWrite`, the tokens written to the 1-hour cache (Anthropic `ttl: '1h'`), billed at that rate. */
  cacheWrite1h?: number;
  output: number;
}

export interface PricedCall {
  usd: number;
  /** The model id the price came from (`claude-sonnet-4-5` for `claude-sonnet-4-5-20250929`). */
  pricedModel: string;
  /** Where the price came from. */
  source: 'price-data' | 'config' | 'zero-cost';
  provider: string;
}

type ConfigPrice = NonNullable<Config['prices']>[number];

/**
 * Prices one call. Config prices win (negotiated discounts, fine-tunes); then the bundled data, tried with the
 * provider and then with the model id alone; model ids are normalised across routes (`openai/gpt-4o`,
 * `us.anthropic.claude-...`, `bedrock/...`). Returns undefined when no price is known: the caller warns.
 */
export function priceCall(model: string, provider: string, usage: CallUsage, overrides: readonly ConfigPrice[] = []): PricedCall | undefined {
  if (ZERO_COST_PROVIDERS.has(provider)) return { usd: 0, pricedModel: model, source: 'zero-cost', provider };
  const candidates = modelIdCandidates(model);
  for (const id of candidates) {
    const override = overrides.find((p) => p.model === id && (!p.provider || p.provider === provider)) ?? (id === model ? overrides.find((p) => p.model === id) : undefined);
    if (override) return { usd: priceFromConfig(override, usage), pricedModel: override.model, source: 'config', provider };
  }
  const genaiUsage = {
    input_tokens: usage.input,
    output_tokens: usage.output,
    ...(usage.cacheRead ? { cache_read_tokens: usage.cacheRead } : {}),
    ...(usage.cacheWrite ? { cache_write_tokens: usage.cacheWrite } : {}),
    ...(usage.cacheWrite1h ? { cache_write_1h_tokens: usage.cacheWrite1h } : {}),
  };
  const providerId = PROVIDER_IDS[provider] ?? provider;
  for (const id of candidates) {
    const attempts = providerId === 'openai-compatible' ? [undefined] : [providerId, undefined];
    for (const attemptProvider of attempts) {
      let result: ReturnType<typeof calcPrice>;
      try {
        result = calcPrice(genaiUsage, id, attemptProvider ? { providerId: attemptProvider } : {});
      } catch {
        result = null;
      }
      if (result) return { usd: result.total_price, pricedModel: result.model.id, source: 'price-data', provider: result.provider.id };
    }
  }
  return undefined;
}

/** Our provider names where they differ from the price data's ids. */
const PROVIDER_IDS: Record<string, string> = {
  'github-models': 'openai',
};

/** The model id as written, then forms without route prefixes, region prefixes and version suffixes. */
export function modelIdCandidates(model: string): string[] {
  const ids = [model];
  const add = (id: string): void => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  // Gateway and router forms: `openai/gpt-4o`, `openai:gpt-4o`, `bedrock/anthropic.claude...`
  const unrouted = model.replace(/^[a-z0-9-]+[/:]/i, '');
  add(unrouted);
  // Bedrock cross-region inference profiles: `us.anthropic.claude-...`, `global.anthropic...`
  const unregioned = unrouted.replace(/^(us|eu|apac|ap|us-gov|global|ca|jp|au)\./, '');
  add(unregioned);
  // Vendor-prefixed Bedrock ids: `anthropic.claude-3-5-sonnet-20241022-v2:0` -> `claude-3-5-sonnet-20241022`
  const unvendored = unregioned.replace(/^(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai)\./, '');
  add(unvendored);
  add(unvendored.replace(/-v\d+(:\d+)?$/, '').replace(/:\d+$/, ''));
  // Vertex `claude-3-5-sonnet@20240620`
  add(unvendored.replace(/@\d{8}$/, ''));
  add(unvendored.replace(/-latest$/, ''));
  return ids;
}

function priceFromConfig(price: ConfigPrice, usage: CallUsage): number {
  const uncached = usage.input - usage.cacheRead - usage.cacheWrite;
  const read = price.cacheReadPerMTok ?? price.inputPerMTok;
  const write = price.cacheWritePerMTok ?? price.inputPerMTok;
  return (uncached * price.inputPerMTok + usage.cacheRead * read + usage.cacheWrite * write + usage.output * price.outputPerMTok) / 1_000_000;
}
