import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { TestRepo } from '../support/git-repo.js';
import { scanFixture, summarize } from '../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/callers', import.meta.url));

describe('values injected by callers', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (fn: string) => sites.find((s) => s.enclosingFunction === fn)!;

  test('every site found, no warnings', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.enclosingFunction).sort()).toEqual(['AnthropicEngine.describe', 'DigestJob.complete', 'NotesClient.takeNotes', 'OpenAiEngine.describe', 'generateJson', 'generateProse', 'headline', 'researcher']);
  });

  test('a parameter property (`constructor(private readonly settings)`) takes what `new OpenAiEngine({...})` passes in another file', () => {
    expect(summarize(site('OpenAiEngine.describe'))).toMatchObject({ model: 'gpt-4.1-mini', provider: 'openai', maxOutputTokens: 400 });
    expect(site('OpenAiEngine.describe').unresolved).toEqual([]);
  });

  test('a field assigned from a constructor parameter takes the settings object built by the caller', () => {
    expect(summarize(site('AnthropicEngine.describe'))).toMatchObject({ model: 'claude-sonnet-4-20250514', provider: 'anthropic', maxOutputTokens: 700 });
  });

  test('a destructured object parameter: the key the caller passes, and the default of the key it leaves out', () => {
    expect(summarize(site('researcher'))).toMatchObject({ model: 'gpt-4.1', provider: 'openai', maxOutputTokens: 900 });
  });

  test('a wrapper whose callers in two files pass the same constant (once through a local alias)', () => {
    expect(summarize(site('generateJson'))).toMatchObject({ model: 'gemini-2.5-flash-lite', provider: 'google', maxOutputTokens: 256 });
  });

  test('callers that disagree leave the model unknown, naming each caller and what it passes', () => {
    const prose = site('generateProse');
    expect(summarize(prose).model).toBeNull();
    const model = prose.unresolved.find((u) => u.what === 'model')!;
    expect(model.reason).toMatch(/^a function parameter whose callers pass different values/);
    expect(model.reason).toContain("src/utils/next-speaker.ts:9 passes 'gemini-2.5-flash-lite'");
    expect(model.reason).toContain("src/utils/fix-edit.ts:11 passes 'gemini-2.5-flash'");
  });

  test('of `this.method(...)` callers that disagree, the one on the default path (env flag unset) wins', () => {
    expect(summarize(site('DigestJob.complete'))).toMatchObject({ model: 'gpt-4.1-nano', maxOutputTokens: 300 });
  });

  test('a method of a field typed with a repository class (`this.settings.getModel()`) reads what that class was built with', () => {
    expect(summarize(site('NotesClient.takeNotes'))).toMatchObject({ model: 'claude-3-5-haiku-20241022', provider: 'anthropic', maxOutputTokens: 1024 });
  });

  test('a default parameter that every caller overrides is priced at what they pass', () => {
    expect(summarize(site('headline'))).toMatchObject({ model: 'gpt-4o', maxOutputTokens: 60 });
  });
});

describe('values injected by callers, on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const engine = `import OpenAI from 'openai';

export class ReviewEngine {
  private readonly client = new OpenAI();

  constructor(private readonly options: { model: string; maxTokens: number }) {}

  async review(patch: string) {
    return this.client.chat.completions.create({
      model: this.options.model,
      max_tokens: this.options.maxTokens,
      messages: [{ role: 'user', content: patch }],
    });
  }
}
`;
  const bot = (model: string) => `import { ReviewEngine } from './engine/review';

export function createReviewer() {
  return new ReviewEngine({ model: '${model}', maxTokens: 800 });
}
`;

  test('the model changes only where the engine is built, in another file: the site is changed, at its own file and line', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/engine/review.ts': engine, 'src/bot.ts': bot('gpt-4o-mini') });
    repo.commit({ 'src/bot.ts': bot('gpt-4.1') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => ({ id: s.id, file: s.file, line: s.line, status: s.status, changes: s.changes }))).toEqual([
      {
        id: 'src/engine/review.ts#ReviewEngine.review/openai.chat.completions.create#0',
        file: 'src/engine/review.ts',
        line: 9,
        status: 'changed',
        changes: [{ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4.1' }],
      },
    ]);
    expect(report.sites[0]!.deltaMonthlyUsd).toBeGreaterThan(0);
  });
});
