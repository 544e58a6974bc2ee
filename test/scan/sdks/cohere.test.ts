import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../../src/engine.js';
import { TestRepo } from '../../support/git-repo.js';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/cohere', import.meta.url));

describe('cohere detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);

  test('v1 chat (preamble, chat history, documents, default model), v2 chat with messages, embed', () => {
    expect(warnings).toEqual([]);
    expect(sites.map(summarize)).toEqual([
      expect.objectContaining({
        id: 'src/answer.ts#answer/cohere.chat#0',
        model: 'command-r-plus',
        provider: 'cohere',
        maxOutputTokens: 400,
        prompt: ['system: You are a support assistant for Acme. Answer only from the provided documents.', 'user: Hi', 'assistant: Hello! How can I help?', 'user: <documents>', 'user: <question>'],
      }),
      expect.objectContaining({ id: 'src/answer.ts#answerV2/cohere.v2.chat#0', model: 'command-r-08-2024', maxOutputTokens: 300 }),
      expect.objectContaining({ id: 'src/answer.ts#embed/cohere.embed#0', model: 'embed-english-v3.0', prompt: ['input: <texts>'] }),
    ]);
  });
});

describe('cohere on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const file = (model: string) => `import { CohereClientV2 } from 'cohere-ai';
const cohere = new CohereClientV2({});
export async function answer(question: string) {
  return cohere.chat({ model: '${model}', messages: [{ role: 'user', content: question }], maxTokens: 300 });
}
`;

  test('command-r -> command-r-plus is a model change that costs more', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/answer.ts': file('command-r') });
    repo.commit({ 'src/answer.ts': file('command-r-plus') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites[0]!.changes).toEqual([{ kind: 'model', before: 'command-r', after: 'command-r-plus' }]);
    expect(report.sites[0]!.deltaMonthlyUsd).toBeGreaterThan(0);
  });
});
