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
