import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/anthropic', import.meta.url));

describe('anthropic detector', () => {
  const { sites } = scanFixture(FIXTURE);
  const site = (fn: string) => sites.find((s) => s.enclosingFunction === fn)!;

  test('finds messages, beta, stream, batches, Bedrock and Vertex clients; countTokens is not a call', () => {
    expect(sites.map((s) => s.id).sort()).toEqual([
      'src/claude.ts#nightly/anthropic.messages.batches.create#0',
      'src/claude.ts#onBedrock/anthropic.messages.create#0',
      'src/claude.ts#onVertex/anthropic.messages.create#0',
      'src/claude.ts#review/anthropic.messages.create#0',
      'src/claude.ts#reviewBeta/anthropic.messages.create#0',
      'src/claude.ts#streamAnswer/anthropic.messages.stream#0',
    ]);
  });

  test('system blocks with cache_control make an explicit cache breakpoint', () => {
    const review = site('review');
    expect(summarize(review)).toMatchObject({ model: 'claude-sonnet-4-5-20250929', provider: 'anthropic', maxOutputTokens: 1024 });
    expect(review.explicitCaching).toBe(true);
    expect(review.prompt[0]).toMatchObject({ role: 'system', cacheBreakpoint: true });
    expect(review.maxRetries).toBe(4);
    expect(site('reviewBeta').explicitCaching).toBe(false);
    expect(summarize(site('reviewBeta')).prompt).toEqual(['system: Short system.', 'user: <patch>']);
  });

  test('a batch is priced from its first request, at the batch discount', () => {
    expect(site('nightly')).toMatchObject({ batch: true });
    expect(summarize(site('nightly'))).toMatchObject({ model: 'claude-3-5-haiku-latest', maxOutputTokens: 500 });
  });

  test('Bedrock and Vertex clients bill through their clouds', () => {
    expect(summarize(site('onBedrock'))).toMatchObject({ provider: 'aws', model: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0' });
    expect(summarize(site('onVertex'))).toMatchObject({ provider: 'google', model: 'claude-3-5-sonnet-v2@20241022' });
  });
});
