import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/openai', import.meta.url));

describe('openai detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const byFunction = (fn: string) => sites.filter((s) => s.enclosingFunction === fn).map(summarize);

  test('finds every SDK call and nothing else (look-alikes, comments)', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.id).sort()).toEqual([
      'src/app.ts#Reviewer.review/openai.chat.completions.parse#0',
      'src/app.ts#azureAnswer/openai.chat.completions.create#0',
      'src/app.ts#chat/openai.chat.completions.create#0',
      'src/app.ts#embed/openai.embeddings.create#0',
      'src/app.ts#fastAnswer/openai.chat.completions.create#0',
      'src/app.ts#localAnswer/openai.chat.completions.create#0',
      'src/app.ts#summarize/openai.chat.completions.create#0',
      'src/app.ts#triage/openai.responses.create#0',
      'src/injected.ts#ask/openai.chat.completions.create#0',
      'src/legacy.js#complete/openai.createChatCompletion#0',
      'src/legacy.js#complete/openai.createCompletion#0',
      'src/loader.ts#draft/openai.chat.completions.create#0',
      'src/required.js#both/openai.chat.completions.create#0',
      'src/required.js#both/openai.chat.completions.create#1',
    ]);
  });

  test('a config loader default wins over the call-site fallback; max_completion_tokens from the loader; n multiplies', () => {
    expect(byFunction('chat')).toEqual([
      expect.objectContaining({ model: 'gpt-4o', provider: 'openai', maxOutputTokens: 800, prompt: ['system: Answer briefly.', 'user: <question>'] }),
    ]);
    expect(sites.find((s) => s.enclosingFunction === 'chat')?.choices).toBe(2);
    expect(sites.find((s) => s.enclosingFunction === 'chat')?.maxRetries).toBe(5);
  });

  test('responses API: enum default parameter, prompt file through new URL with filled placeholders', () => {
    const [site] = byFunction('triage');
    expect(site).toMatchObject({ model: 'gpt-4.1-mini', maxOutputTokens: 20 });
    expect(site?.prompt[0]).toContain('You triage GitHub issues.');
    expect(site?.prompt[0]).toContain('Issue title: <title>');
    expect(sites.find((s) => s.enclosingFunction === 'triage')?.dependencies).toContain('src/prompts/triage.md');
  });

  test('embeddings: model from a constants object', () => {
    expect(byFunction('embed')).toEqual([expect.objectContaining({ model: 'text-embedding-3-small', maxOutputTokens: null, prompt: ['input: <texts>'] })]);
  });

  test('OpenAI-compatible base URLs decide the provider', () => {
    expect(byFunction('fastAnswer')).toEqual([expect.objectContaining({ model: 'llama-3.3-70b-versatile', provider: 'groq' })]);
    expect(byFunction('localAnswer')).toEqual([expect.objectContaining({ model: 'llama3.2', provider: 'local' })]);
  });

  test('Azure: the deployment is the model, flagged as a deployment name', () => {
    expect(byFunction('azureAnswer')).toEqual([expect.objectContaining({ model: 'prod-gpt4o', provider: 'azure', maxOutputTokens: 100 })]);
    expect(sites.find((s) => s.enclosingFunction === 'azureAnswer')?.modelIsDeployment).toBe(true);
  });

  test('JSON module, tools, class field client and getter, beta namespace', () => {
    expect(byFunction('summarize')).toEqual([expect.objectContaining({ model: 'gpt-4.1-nano', maxOutputTokens: 256 })]);
    expect(sites.find((s) => s.enclosingFunction === 'summarize')?.tools.join('')).toContain('"name":"save"');
    expect(byFunction('Reviewer.review')).toEqual([expect.objectContaining({ method: 'openai.chat.completions.parse', model: 'gpt-4o', maxOutputTokens: 2000 })]);
  });

  test('v3 OpenAIApi and legacy completions in CommonJS', () => {
    expect(byFunction('complete')).toEqual([
      expect.objectContaining({ method: 'openai.createChatCompletion', model: 'gpt-3.5-turbo', maxOutputTokens: 150 }),
      expect.objectContaining({ method: 'openai.createCompletion', model: 'gpt-3.5-turbo-instruct', maxOutputTokens: 16, prompt: ['user: Say hi to <prompt>'] }),
    ]);
  });

  test('a loader with several exits gives its statically known defaults; data parsed at run time falls back', () => {
    expect(byFunction('draft')).toEqual([expect.objectContaining({ model: 'gpt-4.1-mini', maxOutputTokens: 700 })]);
  });

  test('require() of a CommonJS module and of an ES module', () => {
    expect(byFunction('both').map((s) => s.model)).toEqual(['gpt-4o-mini', 'gpt-4.1']);
  });

  test('an injected client is recognised by the SDK surface when the file imports the SDK', () => {
    expect(byFunction('ask')).toEqual([expect.objectContaining({ model: 'o4-mini', maxOutputTokens: null })]);
  });
});
