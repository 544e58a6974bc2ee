import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { TestRepo } from '../support/git-repo.js';
import { scanFixture, summarize } from '../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/indirection', import.meta.url));

describe('indirections real code uses to pass models (section 11)', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (fn: string) => summarize(sites.find((s) => s.enclosingFunction === fn)!);

  test('no warnings, every site found', () => {
    expect(warnings).toEqual([]);
    expect(sites).toHaveLength(7);
  });

  test('a per-provider default chosen by a switch over MODEL_LIST, inside a config loader in another file', () => {
    expect(site('AnthropicEngine.generateCommitMessage')).toMatchObject({ model: 'claude-sonnet-4-20250514', provider: 'anthropic', maxOutputTokens: 500 });
  });

  test('an env flag compared with a literal is priced unset: the default path of ternaries on it', () => {
    const review = sites.find((s) => s.enclosingFunction === 'review')!;
    expect(summarize(review)).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai' });
    expect(review.unresolved).toEqual([]);
  });

  test('a class flag set from Boolean(env && env) is off by default: the non-Azure model and base URL', () => {
    const review = sites.find((s) => s.enclosingFunction === 'Chat.codeReview')!;
    expect(summarize(review)).toMatchObject({ model: 'gpt-4', provider: 'openai' });
    expect(review.unresolved).toEqual([]);
  });

  test('a model chosen by a class method from an injected option takes the default path when the option is unset', () => {
    expect(site('AnthropicHandler.createMessage')).toMatchObject({ model: 'claude-3-7-sonnet-20250219', maxOutputTokens: 8192 });
  });

  test('yargs option defaults (env over an imported constant, kebab-case to camelCase) and commander defaults', () => {
    expect(site('main')).toMatchObject({ model: 'gpt-4.1', maxOutputTokens: 1200 });
    expect(site('run')).toMatchObject({ model: 'gpt-4o-mini', maxOutputTokens: 300 });
  });

  test('a dynamic import of the SDK is still the SDK, and its base URL picks the provider', () => {
    expect(site('ask')).toMatchObject({ model: 'deepseek-chat', provider: 'deepseek' });
  });
});

describe('indirections on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const config = (anthropic: string) => `export const MODEL_LIST = { openai: ['gpt-4o-mini'], anthropic: [${anthropic}] };
export const getDefaultModel = (provider: string) => {
  switch (provider) {
    case 'anthropic':
      return MODEL_LIST.anthropic[0];
    default:
      return MODEL_LIST.openai[0];
  }
};
export const getConfig = () => ({ OCO_MODEL: process.env.OCO_MODEL || getDefaultModel('anthropic') });
`;
  const engine = `import Anthropic from '@anthropic-ai/sdk';
import { getConfig } from './config';
const client = new Anthropic();
export async function generate(diff: string) {
  const config = getConfig();
  return client.messages.create({ model: config?.OCO_MODEL || 'claude-3-haiku-20240307', max_tokens: 500, messages: [{ role: 'user', content: diff }] });
}
`;

  test('reordering the per-provider model list changes the model at a call that never mentions it', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/config.ts': config("'claude-3-5-haiku-20241022', 'claude-sonnet-4-20250514'"), 'src/engine.ts': engine });
    repo.commit({ 'src/config.ts': config("'claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022'") });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => [s.id, s.changes])).toEqual([
      ['src/engine.ts#generate/anthropic.messages.create#0', [{ kind: 'model', before: 'claude-3-5-haiku-20241022', after: 'claude-sonnet-4-20250514' }]],
    ]);
  });
});
