import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../../src/engine.js';
import { TestRepo } from '../../support/git-repo.js';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/bedrock', import.meta.url));

describe('bedrock detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (fn: string) => {
    const found = sites.filter((s) => s.enclosingFunction === fn);
    if (found.length !== 1) throw new Error(`expected one site in ${fn}: ${sites.map((s) => s.id).join(', ')}`);
    return found[0]!;
  };

  test('every command construction is a site', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.method)).toEqual(['bedrock.ConverseCommand', 'bedrock.ConverseStreamCommand', 'bedrock.InvokeModelCommand', 'bedrock.InvokeModelCommand', 'bedrock.InvokeModelCommand']);
  });

  test('Converse input built by a helper in another file: inference profile id, inferenceConfig cap, cachePoint after the system text', () => {
    const s = site('invoke');
    expect(summarize(s)).toMatchObject({ model: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', provider: 'aws', maxOutputTokens: 4096 });
    expect(s.prompt[0]).toMatchObject({ role: 'system', cacheBreakpoint: true });
    expect(s.explicitCaching).toBe(true);
    expect(s.dependencies).toContain('lambda/utils/models.ts');
  });

  test('a shallow merge of a use case over the defaults drops the nested maxTokens, as it does at run time', () => {
    expect(summarize(site('invokeStream'))).toMatchObject({ maxOutputTokens: null });
  });

  test('InvokeModel vendor bodies: Titan, Anthropic messages (through TextEncoder), Llama', () => {
    expect(summarize(site('summarizeWithTitan'))).toMatchObject({ model: 'amazon.titan-text-express-v1', maxOutputTokens: 512, prompt: ['user: Summarize:\n<text>'] });
    expect(summarize(site('askClaude'))).toMatchObject({ model: 'anthropic.claude-3-5-sonnet-20241022-v2:0', maxOutputTokens: 1024, prompt: ['system: Answer briefly.', 'user: <question>'] });
    expect(summarize(site('askLlama'))).toMatchObject({ model: 'meta.llama3-1-70b-instruct-v1:0', maxOutputTokens: 256 });
  });
});

describe('bedrock on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const models = (haiku: string, maxTokens: number) => `export const DEFAULT_MODEL = '${haiku}';
export const DEFAULT_PARAMS = { inferenceConfig: { maxTokens: ${maxTokens}, temperature: 0.5 } };
`;
  const api = (body: string) => `import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { DEFAULT_MODEL, DEFAULT_PARAMS } from './models';
const client = new BedrockRuntimeClient({});
export async function chat(question: string) {
${body}
}
`;
  const converse = `  return client.send(new ConverseCommand({ modelId: DEFAULT_MODEL, system: [{ text: 'Be brief.' }], messages: [{ role: 'user', content: [{ text: question }] }], ...DEFAULT_PARAMS }));`;

  test('a per-model table edit raises the cap; a model id changed in the constants module is a model change', async () => {
    repo = new TestRepo();
    repo.commit({ 'lambda/models.ts': models('anthropic.claude-3-haiku-20240307-v1:0', 1024), 'lambda/api.ts': api(converse) });
    repo.commit({ 'lambda/models.ts': models('anthropic.claude-3-5-sonnet-20241022-v2:0', 8192) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites).toHaveLength(1);
    expect(report.sites[0]!.status).toBe('changed');
    expect(report.sites[0]!.changes.map((c) => c.kind).sort()).toEqual(['maxOutputTokens', 'model']);
    expect(report.sites[0]!.deltaMonthlyUsd).toBeGreaterThan(0);
  });

  test('InvokeModel with an Anthropic body rewritten as Converse with the same model, cap and prompt is unchanged', async () => {
    repo = new TestRepo();
    repo.commit({
      'lambda/models.ts': models('anthropic.claude-3-haiku-20240307-v1:0', 1024),
      'lambda/api.ts': api(`  const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 1024, system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: question }] }] });
  return client.send(new InvokeModelCommand({ modelId: DEFAULT_MODEL, body }));`),
    });
    repo.commit({ 'lambda/api.ts': api(converse) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => [s.status, s.changes])).toEqual([['unchanged', []]]);
  });
});
