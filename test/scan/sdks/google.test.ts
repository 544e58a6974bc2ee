import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../../src/engine.js';
import { TestRepo } from '../../support/git-repo.js';
import { scanFixture, summarize } from '../../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/sdks/google', import.meta.url));

describe('google detector', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (fn: string) => {
    const found = sites.filter((s) => s.enclosingFunction === fn);
    if (found.length !== 1) throw new Error(`expected one site in ${fn}: ${sites.map((s) => s.id).join(', ')}`);
    return found[0]!;
  };

  test('requests, chats and legacy model objects', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.id).sort()).toEqual([
      'src/core/client.ts#compress/google.chat.sendMessage#0',
      'src/core/client.ts#embed/google.models.embedContent#0',
      'src/core/client.ts#generateJson/google.models.generateContent#0',
      'src/core/client.ts#startSession/google.chats.create#0',
      'src/engine/gemini.ts#GeminiEngine.generateCommitMessage/google.generateContent#0',
      'src/engine/gemini.ts#chatOnce/google.chat.sendMessage#0',
    ]);
  });

  test('@google/genai: default parameter from a constants module, config cap and system instruction', () => {
    expect(summarize(site('generateJson'))).toMatchObject({ model: 'gemini-2.5-flash', provider: 'google', maxOutputTokens: 1024, prompt: ['system: Respond with JSON only.', 'user: <contents>'] });
    expect(site('embed')).toMatchObject({ operation: 'embedding' });
  });

  test('a chat created and sent in the same function is priced at sendMessage with the request config; one returned is priced where made', () => {
    expect(summarize(site('compress'))).toMatchObject({ model: 'gemini-2.5-flash', maxOutputTokens: 800 });
    expect(summarize(site('compress')).prompt.at(-1)).toBe('user: Summarize the conversation so far in a few bullet points.');
    expect(summarize(site('startSession'))).toMatchObject({ model: 'gemini-2.5-pro', maxOutputTokens: null });
  });

  test('legacy getGenerativeModel in a constructor field, used in a method; startChat history', () => {
    expect(summarize(site('GeminiEngine.generateCommitMessage'))).toMatchObject({ model: 'gemini-1.5-flash', maxOutputTokens: 500, prompt: ['system: You write conventional commit messages.', 'user: <diff>'] });
    expect(summarize(site('chatOnce'))).toMatchObject({ model: 'gemini-1.5-pro', maxOutputTokens: 200, prompt: ['user: Hello', 'assistant: Hi! How can I help?', 'user: <question>'] });
  });
});

describe('google on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const engine = (config: string) => `import { GoogleGenerativeAI } from '@google/generative-ai';
export class GeminiEngine {
  private model;
  constructor(apiKey: string) {
    this.model = new GoogleGenerativeAI(apiKey).getGenerativeModel({ model: 'gemini-1.5-flash', generationConfig: { ${config} } });
  }
  async generate(diff: string) {
    return (await this.model.generateContent(diff)).response.text();
  }
}
`;

  test('maxOutputTokens removed from generationConfig is a removed cap', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/gemini.ts': engine('temperature: 0, maxOutputTokens: 500') });
    repo.commit({ 'src/gemini.ts': engine('temperature: 0') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => [s.id, s.status, s.changes])).toEqual([
      ['src/gemini.ts#GeminiEngine.generate/google.generateContent#0', 'changed', [{ kind: 'maxOutputTokens', before: 500, after: null }]],
    ]);
  });

  test('a default parameter refactored to a constant with another value is a model change; with the same value it is neutral', async () => {
    const client = (param: string, constants: string) => ({
      'src/models.ts': constants,
      'src/client.ts': `import { GoogleGenAI } from '@google/genai';
import { FLASH } from './models';
const ai = new GoogleGenAI({});
export async function generateJson(contents: string, model: string = ${param}) {
  return ai.models.generateContent({ model, contents, config: { maxOutputTokens: 256 } });
}
`,
    });
    repo = new TestRepo();
    repo.commit(client("'gemini-2.0-flash'", "export const FLASH = 'gemini-2.0-flash';\n"));
    repo.commit(client('FLASH', "export const FLASH = 'gemini-2.0-flash';\n"));
    repo.commit(client('FLASH', "export const FLASH = 'gemini-2.5-flash';\n"));
    const neutral = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(neutral.sites.map((s) => s.status)).toEqual(['unchanged']);
    const changed = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(changed.sites[0]!.changes).toEqual([{ kind: 'model', before: 'gemini-2.0-flash', after: 'gemini-2.5-flash' }]);
  });
});
