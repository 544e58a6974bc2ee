import { beforeAll, describe, expect, test } from 'vitest';
import { createTrafficResolver } from '../../src/config/traffic.js';
import { parseConfig } from '../../src/config/load.js';
import { estimateSite } from '../../src/estimate/cost.js';
import { TokenCounter } from '../../src/estimate/tokens.js';
import type { CallSite } from '../../src/scan/call-site.js';

const counter = new TokenCounter();
beforeAll(() => counter.load(['o200k_base', 'cl100k_base']));

const origin = { file: 'src/a.ts', line: 3 };
function site(overrides: Partial<CallSite>): CallSite {
  return {
    id: 'src/a.ts#f/openai.chat.completions.create#0',
    enclosingFunction: 'f',
    sdk: 'openai',
    method: 'openai.chat.completions.create',
    operation: 'chat',
    origin,
    model: { kind: 'text', parts: ['gpt-4o'], origin },
    provider: 'openai',
    maxOutputTokens: { kind: 'number', value: 1000, origin },
    prompt: [],
    tools: [],
    explicitCaching: false,
    batch: false,
    dependencies: new Set(),
    unresolved: [],
    ...overrides,
  };
}
const traffic = (yaml: string) => createTrafficResolver(parseConfig(`version: 1\n${yaml}`, 'c.yml'))({ id: 'src/a.ts#f/x#0', file: 'src/a.ts' });
const longPrompt = 'Follow the style guide carefully. '.repeat(400);

describe('estimateSite', () => {
  test('expected output is bounded by the cap in code, never silently the cap', () => {
    const t = traffic('defaults: { callsPerMonth: 1000, expectedOutputTokens: 2000, dynamicInputTokens: 100 }');
    const e = estimateSite(site({ prompt: [{ role: 'user', parts: [{ hole: 'q' }] }] }), t, counter);
    expect(e.cost).toMatchObject({ inputTokens: 100, outputTokens: 1000, callsPerMonth: 1000 });
    expect(e.cost.sources).toMatchObject({ outputTokens: 'code', inputTokens: 'config', callsPerMonth: 'config' });
    expect(e.cost.monthlyUsd).toBeCloseTo(1000 * (100 * 2.5e-6 + 1000 * 10e-6), 9);
    const uncapped = estimateSite(site({ maxOutputTokens: undefined }), t, counter);
    expect(uncapped.cost.outputTokens).toBe(2000);
    expect(uncapped.warnings).toContainEqual(expect.objectContaining({ code: 'no-output-cap', file: 'src/a.ts', line: 3 }));
  });

  test('OpenAI caches a static prefix of 1,024+ tokens by itself, at the configured hit rate', () => {
    const t = traffic('defaults: { callsPerMonth: 1, expectedOutputTokens: 0, dynamicInputTokens: 50, cacheHitRate: 0.9 }');
    const e = estimateSite(site({ prompt: [{ role: 'system', parts: [longPrompt] }, { role: 'user', parts: [{ hole: 'q' }] }] }), t, counter);
    const prefix = e.cost.cacheablePrefixTokens;
    expect(prefix).toBeGreaterThan(1024);
    expect(e.facts.caching).toBe('automatic');
    const reads = Math.round(prefix * 0.9);
    expect(e.cost.costPerCallUsd).toBeCloseTo((prefix + 50 - reads) * 2.5e-6 + reads * 1.25e-6, 12);
    const short = estimateSite(site({ prompt: [{ role: 'system', parts: ['Be brief.'] }] }), t, counter);
    expect(short.cost.cacheablePrefixTokens).toBe(0);
  });

  test('Anthropic cache_control: reads at the hit rate, writes on the misses, up to the breakpoint', () => {
    const t = traffic('defaults: { callsPerMonth: 1, expectedOutputTokens: 0, dynamicInputTokens: 50, cacheHitRate: 0.9 }');
    const e = estimateSite(
      site({ sdk: 'anthropic', provider: 'anthropic', model: { kind: 'text', parts: ['claude-sonnet-4-5'], origin }, explicitCaching: true, prompt: [{ role: 'system', parts: [longPrompt], cacheBreakpoint: true }, { role: 'user', parts: [{ hole: 'q' }] }] }),
      t,
      counter,
    );
    const prefix = e.cost.cacheablePrefixTokens;
    const reads = Math.round(prefix * 0.9);
    const writes = prefix - reads;
    expect(e.cost.costPerCallUsd).toBeCloseTo(50 * 3e-6 + reads * 0.3e-6 + writes * 3.75e-6, 12);
    expect(e.facts.caching).toBe('explicit');
  });

  test('batch calls cost half; retries multiply calls by the retry rate', () => {
    const t = traffic('defaults: { callsPerMonth: 1000, retryRate: 0.1 }');
    const normal = estimateSite(site({}), t, counter);
    expect(normal.cost.callsPerMonth).toBeCloseTo(1000 * (1 + 0.1 * 2), 9);
    const batched = estimateSite(site({ batch: true, maxRetries: 0 }), t, counter);
    expect(batched.cost.callsPerMonth).toBe(1000);
    expect(batched.cost.costPerCallUsd).toBeCloseTo(normal.cost.costPerCallUsd / 2, 12);
  });

  test('an unresolved model is a warning naming the expression; an assumed model prices it', () => {
    const unresolvedModel = { kind: 'unknown' as const, expr: 'process.env.MODEL', reason: 'environment variable MODEL (set at run time)', origin };
    const e = estimateSite(site({ model: unresolvedModel, unresolved: [{ what: 'model', expr: 'process.env.MODEL', reason: 'environment variable MODEL (set at run time)', origin }] }), traffic(''), counter);
    expect(e.cost.monthlyUsd).toBe(0);
    expect(e.warnings).toContainEqual(expect.objectContaining({ code: 'unresolved-model', file: 'src/a.ts', line: 3, message: expect.stringContaining('process.env.MODEL') }));
    const pinned = createTrafficResolver(parseConfig("version: 1\ntraffic:\n  - match: 'src/a.ts'\n    assume: { model: gpt-4o-mini }\n", 'c.yml'))({ id: 'x#y', file: 'src/a.ts' });
    const p = estimateSite(site({ model: unresolvedModel, unresolved: [{ what: 'model', expr: 'process.env.MODEL', reason: 'env', origin }] }), pinned, counter);
    expect(p.cost.model).toBe('gpt-4o-mini');
    expect(p.cost.sources.model).toBe('config');
    expect(p.cost.monthlyUsd).toBeGreaterThan(0);
    expect(p.warnings.filter((w) => w.code === 'unresolved-model')).toEqual([]);
  });

  test('embeddings bill input only', () => {
    const e = estimateSite(site({ operation: 'embedding', model: { kind: 'text', parts: ['text-embedding-3-small'], origin }, maxOutputTokens: undefined, prompt: [{ role: 'input', parts: ['hello world'] }] }), traffic(''), counter);
    expect(e.cost.outputTokens).toBe(0);
    expect(e.warnings.filter((w) => w.code === 'no-output-cap')).toEqual([]);
  });
});
