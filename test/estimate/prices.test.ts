import { calcPrice } from '@pydantic/genai-prices';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { modelIdCandidates, PRICE_DATA, priceCall } from '../../src/estimate/prices.js';

describe('priceCall', () => {
  test('prices from the bundled data, the same as the price library', () => {
    const priced = priceCall('gpt-4o', 'openai', { input: 1200, cacheRead: 0, cacheWrite: 0, output: 300 });
    expect(priced?.usd).toBeCloseTo(1200 * 2.5e-6 + 300 * 10e-6, 12);
    expect(priced).toMatchObject({ pricedModel: 'gpt-4o', source: 'price-data', provider: 'openai' });
  });

  test('long-context tiers apply per request: one 300k-token call costs more per token than 300k tokens over many calls', () => {
    const long = priceCall('gemini-2.5-pro', 'google', { input: 300_000, cacheRead: 0, cacheWrite: 0, output: 0 })!;
    const short = priceCall('gemini-2.5-pro', 'google', { input: 100_000, cacheRead: 0, cacheWrite: 0, output: 0 })!;
    expect(long.usd).toBeCloseTo(300_000 * 2.5e-6, 9);
    expect(short.usd).toBeCloseTo(100_000 * 1.25e-6, 9);
    expect(long.usd).toBeGreaterThan(3 * short.usd);
  });

  test('cache reads and writes are parts of the input', () => {
    const priced = priceCall('claude-sonnet-4-5', 'anthropic', { input: 10_000, cacheRead: 6_000, cacheWrite: 3_000, output: 0 })!;
    expect(priced.usd).toBeCloseTo(1_000 * 3e-6 + 6_000 * 0.3e-6 + 3_000 * 3.75e-6, 12);
  });

  test('ids normalise across routes and clouds, and the priced id is reported', () => {
    expect(priceCall('openai/gpt-4o-mini', 'openai-compatible', { input: 1000, cacheRead: 0, cacheWrite: 0, output: 0 })?.pricedModel).toBe('gpt-4o-mini');
    expect(priceCall('claude-sonnet-4-5-20250929', 'anthropic', { input: 1000, cacheRead: 0, cacheWrite: 0, output: 0 })?.pricedModel).toBe('claude-sonnet-4-5');
    expect(priceCall('us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'aws', { input: 1000, cacheRead: 0, cacheWrite: 0, output: 0 })).toBeDefined();
    expect(modelIdCandidates('us.anthropic.claude-3-5-haiku-20241022-v1:0')).toContain('claude-3-5-haiku-20241022');
  });

  test('config prices override and add models; local servers cost nothing; unknown models have no price', () => {
    const overrides = [{ model: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 2 }, { model: 'acme-ft-1', provider: 'openai', inputPerMTok: 4, outputPerMTok: 8, cacheReadPerMTok: 1 }];
    expect(priceCall('gpt-4o', 'openai', { input: 1_000_000, cacheRead: 0, cacheWrite: 0, output: 1_000_000 }, overrides)).toMatchObject({ usd: 3, source: 'config' });
    expect(priceCall('acme-ft-1', 'openai', { input: 1_000_000, cacheRead: 500_000, cacheWrite: 0, output: 0 }, overrides)?.usd).toBeCloseTo(2.5, 9);
    expect(priceCall('llama3.2', 'local', { input: 1000, cacheRead: 0, cacheWrite: 0, output: 1000 })).toMatchObject({ usd: 0, source: 'zero-cost' });
    expect(priceCall('no-such-model-xyz', 'openai', { input: 1000, cacheRead: 0, cacheWrite: 0, output: 0 })).toBeUndefined();
  });

  test('the reported price data version is the installed one', () => {
    const installed = JSON.parse(readFileSync(new URL('../../node_modules/@pydantic/genai-prices/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(PRICE_DATA.version).toBe(installed.version);
    expect(calcPrice({ input_tokens: 1, output_tokens: 1 }, 'gpt-4o')).not.toBeNull();
  });
});
