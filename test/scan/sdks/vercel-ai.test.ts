import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../../src/engine.js';
import { TestRepo } from '../../support/git-repo.js';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/vercel-ai', import.meta.url));

describe('vercel ai detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (id: string) => {
    const found = sites.find((s) => s.id === id);
    if (!found) throw new Error(`no site ${id} in ${sites.map((s) => s.id).join(', ')}`);
    return found;
  };

  test('finds every call and agent, aliased imports included', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.id).sort()).toEqual([
      'app/actions.ts#generateTitleFromUserMessage/ai.generateText#0',
      'app/actions.ts#summarize/ai.generateText#0',
      'app/api/chat/route.ts#POST/ai.streamText#0',
      'lib/agents/researcher.ts#createRelatedQuestions/ai.ToolLoopAgent#0',
      'lib/agents/researcher.ts#createResearcher/ai.ToolLoopAgent#0',
      'lib/embeddings.ts#embedChunks/ai.embedMany#0',
      'lib/fast-answer.ts#cachedAnswer/ai.streamText#0',
      'lib/fast-answer.ts#fastAnswer/ai.streamText#0',
    ]);
  });

  test('customProvider alias -> xai factory; system prompt imported; steps from stopWhen; tools counted', () => {
    const chat = site('app/api/chat/route.ts#POST/ai.streamText#0');
    expect(summarize(chat)).toMatchObject({ model: 'grok-2-1212', provider: 'x-ai', maxOutputTokens: 2000, prompt: ['system: You are a friendly assistant. Keep your responses concise and helpful.', 'user: <messages>'] });
    expect(chat.agentSteps).toBe(5);
    expect(chat.tools.join('')).toContain('Get the current weather at a location');
    expect(chat.dependencies).toContain('lib/ai/providers.ts');
  });

  test('v4 maxTokens and v5 maxOutputTokens; openai.responses alias; a bare gateway string splits into provider and model', () => {
    expect(summarize(site('app/actions.ts#generateTitleFromUserMessage/ai.generateText#0'))).toMatchObject({ model: 'gpt-4.1-nano', provider: 'openai', maxOutputTokens: 80 });
    const summary = site('app/actions.ts#summarize/ai.generateText#0');
    expect(summarize(summary)).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai', maxOutputTokens: 200, prompt: ['user: Summarize in two sentences:\n\n<text>'] });
    expect(summary.maxRetries).toBe(5);
    expect(summary.providerEvidence).toBe("gateway 'openai/gpt-4o-mini'");
  });

  test('ToolLoopAgent construction is the site: registry ids (also built from constants), instructions, default 20 steps', () => {
    const researcher = site('lib/agents/researcher.ts#createResearcher/ai.ToolLoopAgent#0');
    expect(summarize(researcher)).toMatchObject({ model: 'claude-sonnet-4-5', provider: 'anthropic', maxOutputTokens: null });
    expect(researcher.agentSteps).toBe(10);
    expect(researcher.prompt[0]?.role).toBe('system');
    const related = site('lib/agents/researcher.ts#createRelatedQuestions/ai.ToolLoopAgent#0');
    expect(summarize(related)).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai' });
    expect(related.agentSteps).toBe(20);
  });

  test('embedMany, aliased streamText import with groq, anthropic cache hints in providerOptions', () => {
    expect(site('lib/embeddings.ts#embedChunks/ai.embedMany#0')).toMatchObject({ operation: 'embedding', provider: 'openai' });
    expect(summarize(site('lib/fast-answer.ts#fastAnswer/ai.streamText#0'))).toMatchObject({ model: 'llama-3.3-70b-versatile', provider: 'groq', maxOutputTokens: 512 });
    const cached = site('lib/fast-answer.ts#cachedAnswer/ai.streamText#0');
    expect(cached.explicitCaching).toBe(true);
    expect(cached.prompt[0]?.cacheBreakpoint).toBe(true);
  });
});

describe('vercel ai on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const providers = (chat: string, title: string) => `import { customProvider, gateway } from 'ai';
import { openai } from '@ai-sdk/openai';
import { xai } from '@ai-sdk/xai';

export const myProvider = customProvider({
  languageModels: {
    'chat-model': ${chat},
    'title-model': ${title},
  },
});
`;
  const route = (options: string) => `import { streamText, generateText, stepCountIs } from 'ai';
import { myProvider } from './providers';

export async function POST(req: Request) {
  const { messages } = await req.json();
  return streamText({ model: myProvider.languageModel('chat-model'), system: 'You are helpful.', messages, ${options} });
}

export async function title(message: string) {
  return generateText({ model: myProvider.languageModel('title-model'), system: 'Write a short title.', prompt: message, maxOutputTokens: 30 });
}
`;

  test('an alias edited in another file is a model change at the call; a removed cap is reported; maxSteps -> stopWhen is neutral', async () => {
    repo = new TestRepo();
    repo.commit({ 'lib/providers.ts': providers("xai('grok-2-1212')", "openai('gpt-4o-mini')"), 'lib/route.ts': route('maxOutputTokens: 1000, maxSteps: 5') });
    repo.commit({ 'lib/providers.ts': providers("xai('grok-2-1212')", "openai('gpt-4-turbo')"), 'lib/route.ts': route('stopWhen: stepCountIs(5)') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const byId = new Map(report.sites.map((s) => [s.id, s]));
    const titleSite = byId.get('lib/route.ts#title/ai.generateText#0');
    expect(titleSite?.status).toBe('changed');
    expect(titleSite?.changes).toEqual([{ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4-turbo' }]);
    expect(titleSite!.deltaMonthlyUsd).toBeGreaterThan(0);
    const chat = byId.get('lib/route.ts#POST/ai.streamText#0');
    expect(chat?.changes.map((c) => c.kind)).toEqual(['maxOutputTokens']);
    expect(chat?.changes[0]).toMatchObject({ before: 1000, after: null });
  });

  test('the same model through the gateway instead of the provider factory is unchanged', async () => {
    repo = new TestRepo();
    repo.commit({ 'lib/providers.ts': providers("xai('grok-2-1212')", "openai('gpt-4o-mini')"), 'lib/route.ts': route('maxOutputTokens: 1000') });
    repo.commit({ 'lib/providers.ts': providers("gateway.languageModel('xai/grok-2-1212')", "gateway('openai/gpt-4o-mini')"), 'lib/route.ts': route('maxOutputTokens: 1000') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => [s.id, s.status])).toEqual([
      ['lib/route.ts#POST/ai.streamText#0', 'unchanged'],
      ['lib/route.ts#title/ai.generateText#0', 'unchanged'],
    ]);
    expect(report.totals.deltaMonthlyUsd).toBe(0);
  });

  test('a step limit raised is a steps change that multiplies calls', async () => {
    repo = new TestRepo();
    repo.commit({ 'lib/providers.ts': providers("xai('grok-2-1212')", "openai('gpt-4o-mini')"), 'lib/route.ts': route('maxOutputTokens: 1000, stopWhen: stepCountIs(5)') });
    repo.commit({ 'lib/route.ts': route('maxOutputTokens: 1000, stopWhen: stepCountIs(20)') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const chat = report.sites.find((s) => s.id === 'lib/route.ts#POST/ai.streamText#0');
    expect(chat?.changes).toEqual([{ kind: 'steps', before: 5, after: 20 }]);
    expect(chat!.head!.monthlyUsd).toBeGreaterThan(chat!.base!.monthlyUsd * 2);
  });
});
