import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../../src/engine.js';
import { TestRepo } from '../../support/git-repo.js';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/mistral', import.meta.url));

describe('mistral detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);

  test('v1 chat.complete with a params object, embeddings, legacy MistralClient.chat through require', () => {
    expect(warnings).toEqual([]);
    expect(sites.map(summarize)).toEqual([
      expect.objectContaining({
        id: 'src/engine/mistral.ts#MistralEngine.generateCommitMessage/mistral.chat.complete#0',
        model: 'mistral-small-latest',
        provider: 'mistral',
        maxOutputTokens: 500,
        prompt: ['system: You are to act as the author of a commit message in git. Write a concise commit message for the diff.', 'user: <diff>'],
      }),
      expect.objectContaining({ id: 'src/engine/mistral.ts#MistralEngine.embed/mistral.embeddings.create#0', model: 'mistral-embed', prompt: ['input: <texts>'] }),
      expect.objectContaining({ id: 'src/legacy.js#answer/mistral.chat#0', model: 'open-mistral-7b', maxOutputTokens: 256 }),
    ]);
    expect(sites[1]!.operation).toBe('embedding');
  });
});

describe('mistral on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const engine = (importLine: string, maxTokens: number) => `${importLine}
export class MistralEngine {
  private client: any;
  constructor(apiKey: string) {
    this.client = new Mistral({ apiKey });
  }
  async generate(diff: string) {
    const completion = await this.client.chat.complete({ model: 'mistral-large-latest', messages: [{ role: 'user', content: diff }], maxTokens: ${maxTokens} });
    return completion.choices[0].message.content;
  }
}
`;

  test('a static import replaced by require() is neutral; a raised maxTokens is a cap change', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/engine/mistral.ts': engine("import { Mistral } from '@mistralai/mistralai';", 500) });
    repo.commit({ 'src/engine/mistral.ts': engine("const Mistral = require('@mistralai/mistralai').Mistral;", 500) });
    repo.commit({ 'src/engine/mistral.ts': engine("const { Mistral } = await import('@mistralai/mistralai');", 1000) });
    const neutral = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(neutral.sites.map((s) => [s.method, s.status])).toEqual([['mistral.chat.complete', 'unchanged']]);
    const raised = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(raised.sites[0]!.changes).toEqual([{ kind: 'maxOutputTokens', before: 500, after: 1000 }]);
  });
});
