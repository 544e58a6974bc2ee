import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { TestRepo } from '../support/git-repo.js';

describe('Azure deployment names through config `deployments`', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const chat = (deployment: string) => `import { AzureOpenAI } from 'openai';
const client = new AzureOpenAI({ endpoint: 'https://acme.openai.azure.com', apiVersion: '2024-10-21', deployment: '${deployment}' });
export async function answer(question: string) {
  return client.chat.completions.create({ model: '', messages: [{ role: 'user', content: question }], max_tokens: 300 });
}
`;

  test('a mapped deployment is priced as its model; a renamed deployment serving the same model is unchanged; an unmapped one warns', async () => {
    repo = new TestRepo();
    const config = 'version: 1\ndeployments:\n  prod-chat: gpt-4o\n  chat-v2: gpt-4o\n';
    repo.commit({ '.github/llm-cost.yml': config, 'src/answer.ts': chat('prod-chat') });
    repo.commit({ 'src/answer.ts': chat('chat-v2') });
    repo.commit({ 'src/answer.ts': chat('experimental-chat') });
    const renamed = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(renamed.sites.map((s) => [s.status, s.head?.model, (s.head?.monthlyUsd ?? 0) > 0])).toEqual([['unchanged', 'chat-v2', true]]);
    expect(renamed.sites[0]!.head!.sources.model).toBe('config');
    expect(renamed.warnings.filter((w) => w.code === 'unknown-model')).toEqual([]);
    const unmapped = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(unmapped.warnings.map((w) => w.code)).toContain('unknown-model');
    expect(unmapped.warnings.find((w) => w.code === 'unknown-model')?.message).toContain("'experimental-chat' is a deployment name");
  });
});
