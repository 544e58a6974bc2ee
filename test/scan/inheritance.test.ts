import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { TestRepo } from '../support/git-repo.js';
import { scanFixture, summarize } from '../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/inheritance', import.meta.url));

describe('fields and methods inherited from a base class of the repository', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (fn: string) => sites.find((s) => s.enclosingFunction === fn)!;

  test('every site found, no warnings', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.enclosingFunction).sort()).toEqual(['BaseReviewer.review', 'ChatEngine.complete', 'DeepseekEngine.summarize', 'GroqEngine.classify', 'SummaryWriter.describe', 'headline']);
  });

  test("`this.config` and `this.client` set by the base constructor, bound from the subclass's `super({...})`", () => {
    expect(summarize(site('DeepseekEngine.summarize'))).toMatchObject({ model: 'deepseek-chat', provider: 'deepseek', maxOutputTokens: 512 });
    expect(site('DeepseekEngine.summarize').maxRetries).toBe(1);
  });

  test('a subclass without a constructor: the base constructor takes what `new Subclass(...)` passes', () => {
    expect(summarize(site('GroqEngine.classify'))).toMatchObject({ model: 'llama-3.3-70b-versatile', provider: 'groq', maxOutputTokens: 16 });
  });

  test('the base class itself still sees every construction: its callers disagree, so the model is left to the report', () => {
    expect(summarize(site('ChatEngine.complete')).model).toBeNull();
  });

  test('a method called through an instance (`writer.describe(...)`, a parameter typed with the class) takes the arguments passed', () => {
    expect(summarize(site('SummaryWriter.describe'))).toMatchObject({ model: 'gpt-4.1-nano', maxOutputTokens: 200 });
  });

  test('a method of an instance built with `new` reads what that construction passed, not what other constructions pass', () => {
    expect(summarize(site('headline'))).toMatchObject({ model: 'gpt-4.1-mini', maxOutputTokens: 30 });
  });

  test('an inherited method called on an instance of the subclass takes the arguments passed', () => {
    expect(summarize(site('BaseReviewer.review'))).toMatchObject({ model: 'gpt-4o', maxOutputTokens: 900 });
  });
});

describe('inherited configuration, on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const base = `import OpenAI from 'openai';

export class CompletionEngine {
  settings: { model: string; maxTokens: number; baseURL?: string };
  client: OpenAI;

  constructor(settings: { model: string; maxTokens: number; baseURL?: string }) {
    this.settings = settings;
    this.client = new OpenAI({ baseURL: settings.baseURL });
  }
}
`;
  const subclass = `import type OpenAI from 'openai';
import { CompletionEngine } from './base';

export class MistakesEngine extends CompletionEngine {
  constructor(settings: { model: string; maxTokens: number }) {
    super({ ...settings, baseURL: 'https://api.deepseek.com/v1' });
  }

  async explain(messages: OpenAI.Chat.ChatCompletionMessageParam[]) {
    return this.client.chat.completions.create({
      model: this.settings.model,
      max_tokens: this.settings.maxTokens,
      messages,
    });
  }
}
`;
  const app = (model: string) => `import { CompletionEngine } from './engines/base';
import { MistakesEngine } from './engines/mistakes';

export const plain = new CompletionEngine({ model: 'gpt-4o', maxTokens: 100 });
export const mistakes = new MistakesEngine({ model: '${model}', maxTokens: 300 });
`;

  test('the model passed to a subclass changes: the site in the subclass reading the inherited field is changed', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/engines/base.ts': base, 'src/engines/mistakes.ts': subclass, 'src/app.ts': app('deepseek-chat') });
    repo.commit({ 'src/app.ts': app('deepseek-reasoner') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => ({ file: s.file, line: s.line, status: s.status, changes: s.changes }))).toEqual([
      { file: 'src/engines/mistakes.ts', line: 10, status: 'changed', changes: [{ kind: 'model', before: 'deepseek-chat', after: 'deepseek-reasoner' }] },
    ]);
    expect(report.sites[0]!.head?.provider).toBe('deepseek');
  });

  test('a method called on an instance gets a new argument: the method site is changed', async () => {
    const writer = `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export class Titler {
  async title(text: string, maxTokens: number) {
    return anthropic.messages.create({ model: 'claude-3-5-haiku-20241022', max_tokens: maxTokens, messages: [{ role: 'user', content: text }] });
  }
}
`;
    const caller = (tokens: number) => `import { Titler } from './titler';

const titler = new Titler();

export function titleFor(issue: string) {
  return titler.title(issue, ${tokens});
}
`;
    repo = new TestRepo();
    repo.commit({ 'src/titler.ts': writer, 'src/issues.ts': caller(40) });
    repo.commit({ 'src/issues.ts': caller(400) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => ({ file: s.file, line: s.line, status: s.status, changes: s.changes }))).toEqual([
      { file: 'src/titler.ts', line: 7, status: 'changed', changes: [{ kind: 'maxOutputTokens', before: 40, after: 400 }] },
    ]);
  });
});
