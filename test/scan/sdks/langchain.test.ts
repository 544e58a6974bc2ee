import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../../src/engine.js';
import { TestRepo } from '../../support/git-repo.js';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/langchain', import.meta.url));

describe('langchain detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (id: string) => {
    const found = sites.find((s) => s.id === id);
    if (!found) throw new Error(`no site ${id} in ${sites.map((s) => s.id).join(', ')}`);
    return found;
  };

  test('invocations that lead back to a model in the same file are the sites; other models are sites at construction', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.id).sort()).toEqual([
      'src/agents/router.ts#<top>/langchain.AzureChatOpenAI#0',
      'src/agents/router.ts#route/langchain.initChatModel.invoke#0',
      'src/agents/suggestions.ts#classify/langchain.ChatOpenAI.invoke#0',
      'src/agents/suggestions.ts#generateSuggestions/langchain.ChatOpenAI.invoke#0',
      'src/lib/providers/gemini.ts#loadGeminiChatModel/langchain.ChatGoogleGenerativeAI#0',
      'src/lib/providers/groq.ts#loadGroqChatModels/langchain.ChatGroq#0',
      'src/lib/providers/groq.ts#loadGroqChatModels/langchain.ChatOpenAI#0',
      'utils/makechain.ts#makeChain/langchain.OpenAI#0',
    ]);
  });

  test('a prompt | model | parser chain: model and cap from the constructor, prompt from the template with f-string holes', () => {
    const s = site('src/agents/suggestions.ts#generateSuggestions/langchain.ChatOpenAI.invoke#0');
    expect(summarize(s)).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai', maxOutputTokens: 300 });
    expect(summarize(s).prompt).toEqual([
      'system: You are an AI suggestion generator for an AI powered search engine.\nGiven the conversation below, suggest 4-5 follow-up questions the user could ask.\n\nConversation:\n<chat_history>',
      'user: <question>',
    ]);
    expect(s.maxRetries).toBe(6);
  });

  test('withStructuredOutput keeps the model; tuple messages at the invocation; maxRetries from the constructor', () => {
    const s = site('src/agents/suggestions.ts#classify/langchain.ChatOpenAI.invoke#0');
    expect(summarize(s)).toMatchObject({ model: 'gpt-4.1-nano', prompt: ['system: Classify the topic of the text in one word.', 'user: <text>'] });
    expect(s.maxRetries).toBe(1);
  });

  test('constructors: ChatOpenAI with a Groq baseURL is Groq; modelName alias; legacy OpenAI; Azure deployment; initChatModel provider prefix', () => {
    expect(summarize(site('src/lib/providers/groq.ts#loadGroqChatModels/langchain.ChatOpenAI#0'))).toMatchObject({ model: 'gemma2-9b-it', provider: 'groq' });
    expect(summarize(site('src/lib/providers/groq.ts#loadGroqChatModels/langchain.ChatGroq#0'))).toMatchObject({ model: 'llama-3.3-70b-versatile', provider: 'groq' });
    expect(summarize(site('src/lib/providers/gemini.ts#loadGeminiChatModel/langchain.ChatGoogleGenerativeAI#0'))).toMatchObject({ model: 'gemini-1.5-flash', provider: 'google', maxOutputTokens: 2048 });
    expect(summarize(site('utils/makechain.ts#makeChain/langchain.OpenAI#0'))).toMatchObject({ model: 'gpt-3.5-turbo', provider: 'openai' });
    const azure = site('src/agents/router.ts#<top>/langchain.AzureChatOpenAI#0');
    expect(azure).toMatchObject({ provider: 'azure', modelIsDeployment: true });
    expect(summarize(azure).model).toBe('prod-gpt4o');
    expect(summarize(site('src/agents/router.ts#route/langchain.initChatModel.invoke#0'))).toMatchObject({ model: 'claude-3-5-haiku-latest', provider: 'anthropic', maxOutputTokens: 256, prompt: ['user: <question>'] });
  });
});

describe('langchain on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  test('legacy class swap with a model downgrade; a removed cap; ChatOpenAI+Groq baseURL -> ChatGroq and modelName -> model are neutral', async () => {
    repo = new TestRepo();
    repo.commit({
      'utils/makechain.ts': `import { OpenAIChat } from 'langchain/llms';
import { ConversationalRetrievalQAChain } from 'langchain/chains';
export const makeChain = (store: any) => {
  const model = new OpenAIChat({ temperature: 0, modelName: 'gpt-4' });
  return ConversationalRetrievalQAChain.fromLLM(model, store.asRetriever());
};
`,
      'src/providers.ts': `import { ChatOpenAI } from '@langchain/openai';
export const loadGroq = (apiKey: string) => new ChatOpenAI({ apiKey, modelName: 'llama-3.1-8b-instant', configuration: { baseURL: 'https://api.groq.com/openai/v1' } });
export const loadOpenAI = () => new ChatOpenAI({ modelName: 'gpt-4o-mini', maxTokens: 500 });
`,
    });
    repo.commit({
      'utils/makechain.ts': `import { OpenAI } from 'langchain/llms/openai';
import { ConversationalRetrievalQAChain } from 'langchain/chains';
export const makeChain = (store: any) => {
  const model = new OpenAI({ temperature: 0, modelName: 'gpt-3.5-turbo' });
  return ConversationalRetrievalQAChain.fromLLM(model, store.asRetriever());
};
`,
      'src/providers.ts': `import { ChatOpenAI } from '@langchain/openai';
import { ChatGroq } from '@langchain/groq';
export const loadGroq = (apiKey: string) => new ChatGroq({ apiKey, model: 'llama-3.1-8b-instant' });
export const loadOpenAI = () => new ChatOpenAI({ model: 'gpt-4o-mini' });
`,
    });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const byFile = (file: string, fn: string) => report.sites.find((s) => s.file === file && s.id.includes(`#${fn}/`));
    const chain = byFile('utils/makechain.ts', 'makeChain');
    expect(chain?.status).toBe('changed');
    expect(chain?.changes.map((c) => c.kind)).toContain('model');
    expect(chain!.deltaMonthlyUsd).toBeLessThan(0);
    expect(byFile('src/providers.ts', 'loadGroq')?.status).toBe('unchanged');
    const openai = byFile('src/providers.ts', 'loadOpenAI');
    expect(openai?.changes).toEqual([{ kind: 'maxOutputTokens', before: 500, after: null }]);
  });
});
