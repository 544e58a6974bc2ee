import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import type { Report, SiteReport } from '../../src/report/report.js';
import { TestRepo } from '../support/git-repo.js';

/**
 * What detectors read beyond literals, on real commits through `runCostDiff`: cache breakpoints placed by code,
 * per-model parameter tables and selectable models with a default, reasoning budgets, whitespace-only prompt edits.
 */

let repo: TestRepo;
afterEach(() => repo?.remove());

function sitesIn(report: Report, file: string): SiteReport[] {
  return report.sites.filter((s) => s.file === file).sort((a, b) => a.line - b.line);
}

const kinds = (site: SiteReport | undefined): string[] => site?.changes.map((c) => c.kind) ?? [];

const CHAT = (options: { models: string[]; marked: string; toolBreakpoint: boolean }): string => `import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic();
const GUIDE = 'You help maintainers triage issues in a large repository. '.repeat(100);

export async function triage(turns: Anthropic.Messages.MessageParam[], tools: Anthropic.Messages.Tool[], model = 'claude-sonnet-4-5-20250929') {
  const userTurns = turns.flatMap((turn, at) => (turn.role === 'user' ? [at] : []));
  const latest = userTurns[userTurns.length - 1] ?? -1;
  const earlier = userTurns[userTurns.length - 2] ?? -1;
  const earliest = userTurns[userTurns.length - 3] ?? -1;
  switch (model) {
${options.models.map((m) => `    case '${m}':`).join('\n')}
      return claude.messages.create({
        model,
        max_tokens: 1024,
        system: [{ type: 'text', text: GUIDE, cache_control: { type: 'ephemeral' } }],
        messages: turns.map((turn, at) => (${options.marked} ? { ...turn, cache_control: { type: 'ephemeral' } } : turn)),
        tools: ${options.toolBreakpoint ? "tools.map((tool, at) => (at === tools.length - 1 ? { ...tool, cache_control: { type: 'ephemeral' as const } } : tool))" : 'tools'},
      });
    default:
      return claude.messages.create({ model, max_tokens: 1024, system: GUIDE, messages: turns, tools });
  }
}
`;

describe('prompt caching placed by code', () => {
  const base = { models: ['claude-sonnet-4-5-20250929'], marked: 'at === latest || at === earlier', toolBreakpoint: true };

  test('a model added to the caching switch is a caching change at the cached call, and nothing else moves', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/triage.ts': CHAT(base) });
    repo.commit({ 'src/triage.ts': CHAT({ ...base, models: [...base.models, 'claude-opus-4-1-20250805'] }) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const [cached, plain] = sitesIn(report, 'src/triage.ts');
    expect(cached).toMatchObject({ status: 'changed', deltaMonthlyUsd: 0 });
    expect(cached!.changes).toEqual([
      {
        kind: 'caching',
        before: 'tools[-1], system[0], messages[user -1], messages[user -2] (models claude-sonnet-4-5-20250929)',
        after: 'tools[-1], system[0], messages[user -1], messages[user -2] (models claude-sonnet-4-5-20250929, claude-opus-4-1-20250805)',
      },
    ]);
    expect(plain).toMatchObject({ status: 'unchanged', changes: [] });
  });

  test('a breakpoint that moves to an earlier user turn, and one removed from the last tool, are caching changes', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/triage.ts': CHAT(base) });
    repo.commit({ 'src/triage.ts': CHAT({ ...base, marked: 'at === latest || at === earlier || at === earliest' }) });
    repo.commit({ 'src/triage.ts': CHAT({ ...base, marked: 'at === latest || at === earlier || at === earliest', toolBreakpoint: false }) });
    const moved = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(sitesIn(moved, 'src/triage.ts')[0]).toMatchObject({ status: 'changed', changes: [{ kind: 'caching', after: expect.stringContaining('messages[user -3]') }] });
    const untooled = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const [site] = sitesIn(untooled, 'src/triage.ts');
    expect(kinds(site)).toEqual(['caching']);
    expect(site!.changes[0]!.before).toContain('tools[-1]');
    expect(site!.changes[0]!.after).not.toContain('tools[');
  });

  test('renaming the index variables is not a change', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/triage.ts': CHAT(base) });
    repo.commit({ 'src/triage.ts': CHAT(base).replaceAll('latest', 'newestUserTurn').replaceAll('earlier', 'previousUserTurn') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(sitesIn(report, 'src/triage.ts').map((s) => s.status)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('whitespace-only prompt edits', () => {
  const REVIEW = (prompt: string): string => `import OpenAI from 'openai';
const openai = new OpenAI();
export async function review(diff: string) {
  return openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 400,
    messages: [{ role: 'system', content: ${JSON.stringify(prompt)} }, { role: 'user', content: diff }],
  });
}
`;

  test('a reflow that keeps the token count is no change; one that changes it is a prompt change', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/review.ts': REVIEW('Review the diff for bugs.\nReply in markdown.') });
    repo.commit({ 'src/review.ts': REVIEW('Review the diff for bugs. Reply in markdown.') });
    repo.commit({ 'src/review.ts': REVIEW('Review the diff for bugs.\n\n\n\n        Reply in markdown.\n\n\n') });
    const same = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(sitesIn(same, 'src/review.ts')[0]).toMatchObject({ status: 'unchanged', changes: [], deltaMonthlyUsd: 0 });
    const grown = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const [site] = sitesIn(grown, 'src/review.ts');
    expect(site).toMatchObject({ status: 'changed' });
    expect(kinds(site)).toEqual(['prompt']);
    expect(site!.changes[0]!.after as number).toBeGreaterThan(site!.changes[0]!.before as number);
  });
});

describe('reasoning budgets read by the detectors', () => {
  const PLANNER = (thinking: string): string => `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
const SETTINGS = { temperature: 0.1${thinking} };
export async function plan(tasks: string[]) {
  const chat = ai.chats.create({ model: 'gemini-2.5-flash', config: { maxOutputTokens: 4000, ...SETTINGS } });
  for (const task of tasks) await chat.sendMessage({ message: task });
}
`;

  test('a thinking budget added to the settings a chat is made with is a reasoning change, priced once reasoningTokens is set', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/plan.ts': PLANNER('') });
    repo.commit({ 'src/plan.ts': PLANNER(', thinkingConfig: { thinkingBudget: 1024 }') });
    const unpriced = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const [site] = sitesIn(unpriced, 'src/plan.ts');
    expect(site).toMatchObject({ status: 'changed', changes: [{ kind: 'reasoning', before: 'none', after: 'budget 1024' }] });
    expect(unpriced.warnings).toContainEqual(expect.objectContaining({ code: 'reasoning-tokens', file: 'src/plan.ts' }));

    repo.commit({ '.github/llm-cost.yml': 'version: 1\ndefaults:\n  reasoningTokens: 3000\n' });
    repo.commit({ 'src/plan.ts': PLANNER(', thinkingConfig: { thinkingBudget: -1 }') });
    const priced = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const [dynamic] = sitesIn(priced, 'src/plan.ts');
    // The budget bounded reasoning at 1024 tokens; dynamic thinking spends the configured 3000.
    expect(dynamic).toMatchObject({ status: 'changed', changes: [{ kind: 'reasoning', before: 1024, after: 3000 }] });
    expect(dynamic!.deltaMonthlyUsd).toBeGreaterThan(0);
  });

  test('an effort changed in code is a reasoning change; the same effort under the Responses API spelling is not', async () => {
    repo = new TestRepo();
    const CHAT = "import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function triage(text: string) {\n  return openai.chat.completions.create({ model: 'o4-mini', max_completion_tokens: 800, reasoning_effort: 'high', messages: [{ role: 'user', content: text }] });\n}\n";
    repo.commit({ 'src/triage.ts': CHAT });
    repo.commit({ 'src/triage.ts': CHAT.replace("reasoning_effort: 'high'", "reasoning_effort: 'low'") });
    repo.commit({ 'src/triage.ts': CHAT.replace('chat.completions.create', 'responses.create').replace('max_completion_tokens', 'max_output_tokens').replace("reasoning_effort: 'high'", "reasoning: { effort: 'low' }").replace("messages: [{ role: 'user', content: text }]", 'input: text') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(sitesIn(report, 'src/triage.ts')[0]).toMatchObject({ status: 'changed', changes: [{ kind: 'reasoning', before: 'effort high', after: 'effort low' }] });
    const moved = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(kinds(sitesIn(moved, 'src/triage.ts')[0])).not.toContain('reasoning');
  });
});

describe('per-model parameter tables and a selectable model with a default constant', () => {
  const MODELS = (fallback: string, miniCap: number): string => `export const DEFAULT_CHAT_MODEL = '${fallback}';
export const MODEL_PARAMS: Record<string, { maxOutputTokens: number; temperature?: number }> = {
  'gpt-4o-mini': { maxOutputTokens: ${miniCap} },
  'gpt-4.1': { maxOutputTokens: 8000, temperature: 0.2 },
};
`;
  const ROUTE = `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { cookies } from 'next/headers';
import { DEFAULT_CHAT_MODEL, MODEL_PARAMS } from './models';

export async function POST(request: Request) {
  const { messages, model: requested } = await request.json();
  const jar = await cookies();
  const model = requested ?? jar.get('chat-model')?.value ?? DEFAULT_CHAT_MODEL;
  return streamText({ model: openai(model), messages, ...{ ...MODEL_PARAMS[model], temperature: 0.5 } });
}
`;

  test('the default constant and the table entry it selects are changes at the call site', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/models.ts': MODELS('gpt-4o-mini', 4000), 'src/route.ts': ROUTE });
    repo.commit({ 'src/models.ts': MODELS('gpt-4o-mini', 16000) });
    repo.commit({ 'src/models.ts': MODELS('gpt-4.1', 16000) });
    const cap = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~2', head: 'HEAD~1' });
    expect(sitesIn(cap, 'src/route.ts')[0]).toMatchObject({ status: 'changed', changes: [{ kind: 'maxOutputTokens', before: 4000, after: 16000 }] });
    const model = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const [site] = sitesIn(model, 'src/route.ts');
    expect(site).toMatchObject({ status: 'changed' });
    expect(site!.changes).toContainEqual({ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4.1' });
    expect(site!.changes).toContainEqual({ kind: 'maxOutputTokens', before: 16000, after: 8000 });
  });

  const CONVERSE = (merge: string): string => `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
const runtime = new BedrockRuntimeClient({});
const DEFAULTS = { inferenceConfig: { maxTokens: 4096, temperature: 0.7 } };
const BY_ROUTE: Record<string, { inferenceConfig?: { temperature?: number; maxTokens?: number } }> = { rag: { inferenceConfig: { temperature: 0 } } };
export async function answer(question: string) {
  const route = 'rag';
  const settings = ${merge};
  return runtime.send(new ConverseCommand({ modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0', messages: [{ role: 'user', content: [{ text: question }] }], ...settings }));
}
`;

  test('a shallow merge that lets an override replace the nested inferenceConfig drops the cap', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/answer.ts': CONVERSE('{ inferenceConfig: { ...DEFAULTS.inferenceConfig, ...BY_ROUTE[route].inferenceConfig } }') });
    repo.commit({ 'src/answer.ts': CONVERSE('{ ...DEFAULTS, ...BY_ROUTE[route] }') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const [site] = sitesIn(report, 'src/answer.ts');
    expect(site).toMatchObject({ status: 'changed', changes: [{ kind: 'maxOutputTokens', before: 4096, after: null }] });
  });
});
