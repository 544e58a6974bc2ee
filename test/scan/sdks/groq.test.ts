import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../../src/engine.js';
import { TestRepo } from '../../support/git-repo.js';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/groq', import.meta.url));

describe('groq detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);

  test('groq-sdk chat completions: env default model, max_completion_tokens, client maxRetries', () => {
    expect(warnings).toEqual([]);
    expect(sites.map(summarize)).toEqual([
      expect.objectContaining({
        id: 'src/summarize.ts#summarize/groq.chat.completions.create#0',
        model: 'llama-3.1-8b-instant',
        provider: 'groq',
        maxOutputTokens: 300,
        prompt: ['system: Summarize the text in three bullet points.', 'user: <text>'],
      }),
    ]);
    expect(sites[0]!.maxRetries).toBe(4);
  });
});

describe('groq on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const body = `{ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: text }], max_tokens: 300 }`;

  test('groq-sdk replaced by the OpenAI SDK with Groq base URL and the same request is unchanged; a model swap is a change', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/summarize.ts': `import Groq from 'groq-sdk';\nconst groq = new Groq();\nexport const summarize = (text: string) => groq.chat.completions.create(${body});\n` });
    repo.commit({ 'src/summarize.ts': `import OpenAI from 'openai';\nconst groq = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' });\nexport const summarize = (text: string) => groq.chat.completions.create(${body});\n` });
    repo.commit({ 'src/summarize.ts': `import Groq from 'groq-sdk';\nconst groq = new Groq();\nexport const summarize = (text: string) => groq.chat.completions.create(${body.replace('llama-3.3-70b-versatile', 'llama-3.1-8b-instant')});\n` });
    const neutral = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(neutral.sites.map((s) => [s.sdk, s.status, s.changes])).toEqual([['openai', 'unchanged', []]]);
    const swapped = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2' });
    expect(swapped.sites[0]!.changes).toEqual([{ kind: 'model', before: 'llama-3.3-70b-versatile', after: 'llama-3.1-8b-instant' }]);
    expect(swapped.sites[0]!.deltaMonthlyUsd).toBeLessThan(0);
  });
});
