import { calcPrice } from '@pydantic/genai-prices';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { getCommentBody } from '../../src/report/comment.js';
import type { Report, SiteReport } from '../../src/report/report.js';
import { renderText } from '../../src/report/text.js';
import { TestRepo } from '../support/git-repo.js';

/**
 * Each cost driver on a real repository through `runCostDiff`, checked within 1% against a computation by hand from
 * the bundled price data and o200k counts (no code of ours in the expected numbers), and each shown in the comment
 * with its suggestion and saving.
 */

const encoder = new Tiktoken(o200k);
const tokens = (text: string): number => encoder.encode(text).length;

/** One request priced from the price data, as the design's partition takes it. */
function price(model: string, provider: string, usage: { input: number; output: number; cacheRead?: number; cacheWrite?: number }): number {
  const result = calcPrice(
    { input_tokens: usage.input, output_tokens: usage.output, ...(usage.cacheRead ? { cache_read_tokens: usage.cacheRead } : {}), ...(usage.cacheWrite ? { cache_write_tokens: usage.cacheWrite } : {}) },
    model,
    { providerId: provider },
  );
  if (!result) throw new Error(`no price for ${model}`);
  return result.total_price;
}

function within1Percent(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(expected).toBeGreaterThan(0);
  expect(Math.abs(actual! - expected) / expected).toBeLessThan(0.01);
}

function site(report: Report, file: string): SiteReport {
  const found = report.sites.find((s) => s.file === file);
  if (!found) throw new Error(`no site in ${file}: ${report.sites.map((s) => s.id).join(', ')}`);
  return found;
}

/** The comment with markdown escapes removed, to read it as a person does. */
const plain = (markdown: string): string => markdown.replace(/\\(.)/g, '$1');

/** `$1,234.56` as the renderers print it. */
const usd = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

let repo: TestRepo;
afterEach(() => repo?.remove());

const SUMMARY_SYSTEM = 'You summarise internal documents for the weekly digest. Keep it under five bullet points and quote figures exactly.';

describe('a loop of 10 around a wrapper, in another file', () => {
  test('multiplies the wrapped call by 10, reports a loop change, and suggests the cheaper tier', async () => {
    repo = new TestRepo();
    repo.commit({
      '.github/llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 3000\n  expectedOutputTokens: 250\n  dynamicInputTokens: 400\n',
      'src/summarise.ts': [
        "import OpenAI from 'openai';",
        'const openai = new OpenAI();',
        'export async function summarise(doc: string) {',
        '  const res = await openai.chat.completions.create({',
        "    model: 'gpt-4o',",
        '    max_tokens: 300,',
        `    messages: [{ role: 'system', content: ${JSON.stringify(SUMMARY_SYSTEM)} }, { role: 'user', content: doc }],`,
        '  });',
        '  return res.choices[0]?.message.content;',
        '}',
        '',
      ].join('\n'),
      'src/routes/digest.ts': ["import { summarise } from '../summarise';", 'export async function digest(docs: string[]) {', "  return [await summarise(docs.join('\\n'))];", '}', ''].join('\n'),
    });
    repo.commit({
      'src/routes/digest.ts': [
        "import { summarise } from '../summarise';",
        'export async function digest(docs: string[]) {',
        '  const out = [];',
        '  for (let i = 0; i < 10; i++) out.push(await summarise(docs[i]!));',
        '  return out;',
        '}',
        '',
      ].join('\n'),
    });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const s = site(report, 'src/summarise.ts');
    expect(s.status).toBe('changed');
    expect(s.changes).toEqual([{ kind: 'loop', before: null, after: 10 }]);

    const perCall = price('gpt-4o', 'openai', { input: tokens(SUMMARY_SYSTEM) + 400, output: 250 });
    within1Percent(s.base?.monthlyUsd, 3000 * perCall);
    within1Percent(s.head?.monthlyUsd, 3000 * 10 * perCall);
    expect(s.head?.drivers).toMatchObject({ loopIterations: 10, loopSource: 'code', via: ['summarise'], loops: [{ kind: 'for', iterations: 10, file: 'src/routes/digest.ts', via: 'summarise' }] });

    const mini = 3000 * 10 * price('gpt-4o-mini', 'openai', { input: tokens(SUMMARY_SYSTEM) + 400, output: 250 });
    const suggestion = report.suggestions?.find((x) => x.siteId === s.id && x.kind === 'cheaper-model');
    expect(suggestion?.model).toBe('gpt-4o-mini');
    within1Percent(suggestion?.monthlySavingUsd, 3000 * 10 * perCall - mini);

    const comment = plain(getCommentBody(report));
    expect(comment).toContain('now in a loop (×10)');
    expect(comment).toContain('×10 per invocation (for of 10 around summarise())');
    expect(comment).toContain(`Evaluate gpt-4o-mini for this call`);
    expect(comment).toContain(`saves ${usd(suggestion!.monthlySavingUsd)}/mo`);
    expect(renderText(report)).toContain(`Saves ${usd(suggestion!.monthlySavingUsd)}/mo.`);
  });
});

const AGENT_SYSTEM = 'You are a research assistant. Search the knowledge base, read the best sources, and answer with citations.';

describe('an agent of 5 steps with growing context', () => {
  test('prices every step with the context it resends, and reports the step bound change', async () => {
    repo = new TestRepo();
    const agent = (steps: number): string =>
      [
        "import { generateText, stepCountIs } from 'ai';",
        "import { openai } from '@ai-sdk/openai';",
        'export async function research(question: string, searchTools: any) {',
        '  return generateText({',
        "    model: openai('gpt-4.1'),",
        `    system: ${JSON.stringify(AGENT_SYSTEM)},`,
        '    prompt: question,',
        '    tools: searchTools,',
        '    maxOutputTokens: 800,',
        `    stopWhen: stepCountIs(${steps}),`,
        '  });',
        '}',
        '',
      ].join('\n');
    repo.commit({
      '.github/llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 10000\n  expectedOutputTokens: 300\n  dynamicInputTokens: 250\n  toolResultTokens: 1200\n',
      'src/research.ts': agent(2),
    });
    repo.commit({ 'src/research.ts': agent(5) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const s = site(report, 'src/research.ts');
    expect(s.changes).toEqual([{ kind: 'steps', before: 2, after: 5 }]);

    // Step k resends the prompt, the tools and every earlier step's output (300) and tool result (1,200).
    const first = tokens(AGENT_SYSTEM) + 2 * 250;
    const run = (model: string, steps: number): number => {
      let total = 0;
      for (let k = 1; k <= steps; k++) total += price(model, 'openai', { input: first + (k - 1) * (300 + 1200), output: 300 });
      return total;
    };
    within1Percent(s.base?.monthlyUsd, 10000 * run('gpt-4.1', 2));
    within1Percent(s.head?.monthlyUsd, 10000 * run('gpt-4.1', 5));
    expect(s.head?.callsPerMonth).toBe(50000);
    expect(s.head?.drivers).toMatchObject({ agentSteps: 5, agentStepsBounded: true });
    // The worst case: every step's output at the cap.
    let worst = 0;
    for (let k = 1; k <= 5; k++) worst += price('gpt-4.1', 'openai', { input: first + (k - 1) * (800 + 1200), output: 800 });
    within1Percent(s.head?.drivers?.worstCaseMonthlyUsd ?? undefined, 10000 * worst);

    const suggestion = report.suggestions?.find((x) => x.siteId === s.id && x.kind === 'cheaper-model');
    expect(suggestion?.model).toBe('gpt-4.1-mini');
    within1Percent(suggestion?.monthlySavingUsd, 10000 * (run('gpt-4.1', 5) - run('gpt-4.1-mini', 5)));
    const comment = plain(getCommentBody(report));
    expect(comment).toContain('agent steps 2 → 5');
    expect(comment).toContain('5 agent steps, context growing each step');
    expect(comment).toContain(`saves ${usd(suggestion!.monthlySavingUsd)}/mo`);
  });
});

const CHAT_SYSTEM = 'You are the support assistant of Acme. Answer from the help center; escalate billing disputes to a person.';

describe('6 turns of accumulated history', () => {
  test('averages the input over the turns, reports the history change, and prices a window on it', async () => {
    repo = new TestRepo();
    const chat = (messages: string): string =>
      [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        'export async function reply(history: Array<{ role: "user" | "assistant"; content: string }>, input: string) {',
        '  return client.chat.completions.create({',
        "    model: 'gpt-4o',",
        '    max_tokens: 500,',
        `    messages: ${messages},`,
        '  });',
        '}',
        '',
      ].join('\n');
    repo.commit({
      '.github/llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 40000\n  expectedOutputTokens: 180\n  dynamicInputTokens: 60\ntraffic:\n  - match: "src/chat.ts"\n    turnsPerConversation: 6\n',
      'src/chat.ts': chat(`[{ role: 'system', content: ${JSON.stringify(CHAT_SYSTEM)} }, { role: 'user', content: input }]`),
    });
    repo.commit({ 'src/chat.ts': chat(`[{ role: 'system', content: ${JSON.stringify(CHAT_SYSTEM)} }, ...history, { role: 'user', content: input }]`) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const s = site(report, 'src/chat.ts');
    expect(s.changes.map((c) => c.kind)).toContain('history');
    expect(s.changes.find((c) => c.kind === 'history')).toEqual({ kind: 'history', before: null, after: 6 });

    // Turn t resends the t-1 earlier turns, each a user message (60) and a reply (180).
    const first = tokens(CHAT_SYSTEM) + 60;
    const conversation = (window: number): number => {
      let total = 0;
      for (let t = 1; t <= 6; t++) total += price('gpt-4o', 'openai', { input: first + Math.min(t - 1, window) * (60 + 180), output: 180 });
      return total / 6;
    };
    within1Percent(s.base?.monthlyUsd, 40000 * price('gpt-4o', 'openai', { input: first, output: 180 }));
    within1Percent(s.head?.monthlyUsd, 40000 * conversation(Infinity));
    expect(s.head?.drivers?.turnsPerConversation).toBe(6);
    within1Percent(s.head?.drivers?.historyTokens, (2.5 * (60 + 180)));

    const suggestion = report.suggestions?.find((x) => x.siteId === s.id && x.kind === 'truncate-history');
    within1Percent(suggestion?.monthlySavingUsd, 40000 * (conversation(Infinity) - conversation(2)));
    const comment = plain(getCommentBody(report));
    expect(comment).toContain('conversation history now resent (6 turns)');
    expect(comment).toContain('The whole conversation is resent on each of 6 turns');
    expect(comment).toContain(`saves ${usd(suggestion!.monthlySavingUsd)}/mo`);
  });
});

/** A system prompt of at least `target` o200k tokens: the handbook a support bot is given. */
function handbook(target: number): string {
  const rules: string[] = [];
  for (let i = 1; tokens(rules.join('\n')) < target; i++) {
    rules.push(`Rule ${i}: when a customer asks about order ${1000 + i}, check the shipping status, confirm the address on file, and offer a refund only if the parcel is more than ${i % 9 + 3} days late.`);
  }
  return rules.join('\n');
}

describe('a 3,000-token cached system prompt at 90% hits', () => {
  test('prices reads and writes from the data, reports caching lost, and suggests caching with the saving', async () => {
    repo = new TestRepo();
    const prompt = handbook(3000);
    const P = tokens(prompt);
    expect(P).toBeGreaterThanOrEqual(3000);
    expect(P).toBeLessThan(3100);
    const call = (system: string): string =>
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        "import { readFileSync } from 'node:fs';",
        "import path from 'node:path';",
        'const anthropic = new Anthropic();',
        "const HANDBOOK = readFileSync(path.join(__dirname, 'prompts/handbook.md'), 'utf8');",
        'export async function answer(question: string) {',
        '  return anthropic.messages.create({',
        "    model: 'claude-haiku-4-5',",
        '    max_tokens: 600,',
        `    system: ${system},`,
        "    messages: [{ role: 'user', content: question }],",
        '  });',
        '}',
        '',
      ].join('\n');
    repo.commit({
      '.github/llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 20000\n  expectedOutputTokens: 300\n  dynamicInputTokens: 150\n  cacheHitRate: 0.9\n',
      'src/answer.ts': call("[{ type: 'text', text: HANDBOOK, cache_control: { type: 'ephemeral' } }]"),
      'src/prompts/handbook.md': prompt,
    });
    repo.commit({ 'src/answer.ts': call("[{ type: 'text', text: HANDBOOK }]") });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const s = site(report, 'src/answer.ts');
    expect(s.changes).toEqual([{ kind: 'caching', before: 'explicit', after: 'none' }]);

    const reads = Math.round(0.9 * P);
    const cached = price('claude-haiku-4-5', 'anthropic', { input: P + 150, cacheRead: reads, cacheWrite: P - reads, output: 300 });
    const uncached = price('claude-haiku-4-5', 'anthropic', { input: P + 150, output: 300 });
    within1Percent(s.base?.monthlyUsd, 20000 * cached);
    within1Percent(s.head?.monthlyUsd, 20000 * uncached);
    expect(s.base?.drivers).toMatchObject({ cacheReadTokens: reads, cacheWriteTokens: P - reads, cacheHitRate: 0.9 });

    const suggestion = report.suggestions?.find((x) => x.siteId === s.id && x.kind === 'cache-prefix');
    within1Percent(suggestion?.monthlySavingUsd, 20000 * (uncached - cached));
    const comment = plain(getCommentBody(report));
    expect(comment).toContain('caching lost (was explicit)');
    expect(comment).toContain(`Cache the ${P.toLocaleString('en-US')}-token static prefix`);
    expect(comment).toContain('at 90% cache hits');
    expect(comment).toContain(`saves ${usd(suggestion!.monthlySavingUsd)}/mo`);
  });
});

describe('a batch job', () => {
  test('bills a message batch at half price, and suggests a batch API for a synchronous job', async () => {
    repo = new TestRepo();
    const enrich = [
      "import OpenAI from 'openai';",
      'const openai = new OpenAI();',
      'export async function enrichRows(rows: string[]) {',
      '  for (const row of rows) {',
      "    await openai.chat.completions.create({ model: 'gpt-4.1-mini', max_tokens: 200, messages: [{ role: 'user', content: `Extract the company name and country from: ${row}` }] });",
      '  }',
      '}',
      '',
    ].join('\n');
    repo.commit({
      '.github/llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 30\n  expectedOutputTokens: 120\n  dynamicInputTokens: 300\ntraffic:\n  - match: "src/jobs/enrich.ts"\n    loopIterations: 5000\n  - match: "src/jobs/nightly.ts"\n    callsPerMonth: 150000\n',
      'src/jobs/enrich.ts': enrich,
    });
    repo.commit({
      'src/jobs/nightly.ts': [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const anthropic = new Anthropic();',
        'export async function submitNightly(ticket: string) {',
        '  return anthropic.messages.batches.create({',
        "    requests: [{ custom_id: 'ticket', params: { model: 'claude-haiku-4-5', max_tokens: 400, messages: [{ role: 'user', content: `Classify this ticket: ${ticket}` }] } }],",
        '  });',
        '}',
        '',
      ].join('\n'),
    });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });

    const batch = site(report, 'src/jobs/nightly.ts');
    expect(batch.status).toBe('added');
    const batchPerCall = 0.5 * price('claude-haiku-4-5', 'anthropic', { input: tokens('Classify this ticket: ') + 300, output: 120 });
    within1Percent(batch.head?.monthlyUsd, 150000 * batchPerCall);
    expect(batch.head?.drivers?.batch).toBe(true);

    const sync = site(report, 'src/jobs/enrich.ts');
    const syncMonthly = 30 * 5000 * price('gpt-4.1-mini', 'openai', { input: tokens('Extract the company name and country from: ') + 300, output: 120 });
    within1Percent(sync.head?.monthlyUsd, syncMonthly);
    expect(sync.head?.drivers).toMatchObject({ loopIterations: 5000, loopSource: 'config', loops: [{ kind: 'for...of', iterations: null }] });
    const suggestion = report.suggestions?.find((x) => x.siteId === sync.id && x.kind === 'batch-api');
    within1Percent(suggestion?.monthlySavingUsd, syncMonthly / 2);

    const comment = plain(getCommentBody(report));
    expect(comment).toContain('batch API (half price)');
    expect(comment).toContain('This looks like offline work (it runs from src/jobs/enrich.ts)');
    expect(comment).toContain(`saves ${usd(suggestion!.monthlySavingUsd)}/mo`);
  });
});

describe('unbounded tool loops, stacked retries, reasoning budgets, units and anomalies', () => {
  test('each is priced by hand, flagged, and advised', async () => {
    repo = new TestRepo();
    const runner = (bound: string): string =>
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const anthropic = new Anthropic();',
        'export async function operate(task: string, tools: any) {',
        `  return anthropic.beta.messages.toolRunner({ model: 'claude-haiku-4-5', max_tokens: 1000, tools, messages: [{ role: 'user', content: task }]${bound} });`,
        '}',
        '',
      ].join('\n');
    const classify = [
      "import OpenAI from 'openai';",
      "import pRetry from 'p-retry';",
      'const client = new OpenAI();',
      'export async function classify(text: string) {',
      "  return pRetry(() => client.chat.completions.create({ model: 'gpt-4.1-nano', max_tokens: 50, messages: [{ role: 'user', content: text }] }), { retries: 3 });",
      '}',
      '',
    ].join('\n');
    const think = (budget: number): string =>
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const anthropic = new Anthropic();',
        'export async function plan(goal: string) {',
        `  return anthropic.messages.create({ model: 'claude-sonnet-4-0', max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: ${budget} }, messages: [{ role: 'user', content: goal }] });`,
        '}',
        '',
      ].join('\n');
    repo.commit({
      '.github/llm-cost.yml': [
        'version: 1',
        'defaults:',
        '  callsPerMonth: 2000',
        '  expectedOutputTokens: 200',
        '  dynamicInputTokens: 100',
        '  toolResultTokens: 400',
        '  agentSteps: 8',
        '  retryRate: 0.1',
        '  reasoningTokens: 5000',
        'units:',
        '  tasks: 1000',
        'owners:',
        '  - match: "src/ops/**"',
        '    owner: ops',
        '',
      ].join('\n'),
      'src/ops/operate.ts': runner(', max_iterations: 3'),
      'src/classify.ts': classify,
      'src/plan.ts': think(1000),
    });
    repo.commit({ 'src/ops/operate.ts': runner(''), 'src/plan.ts': think(3000) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });

    // toolRunner without max_iterations: priced at the configured 8 steps, flagged, bounded by a suggestion.
    const op = site(report, 'src/ops/operate.ts');
    expect(op.changes).toContainEqual({ kind: 'steps', before: 3, after: null });
    const steps = (n: number): number => {
      let total = 0;
      for (let k = 1; k <= n; k++) total += price('claude-haiku-4-5', 'anthropic', { input: 200 + (k - 1) * (200 + 400), output: 200 });
      return total;
    };
    const retries = 1 + 0.1 * 2;
    within1Percent(op.base?.monthlyUsd, 2000 * retries * steps(3));
    within1Percent(op.head?.monthlyUsd, 2000 * retries * steps(8));
    expect(op.head?.drivers).toMatchObject({ agentStepsBounded: false, worstCaseMonthlyUsd: null, worstCaseNote: 'agent loop without a step bound' });
    const bound = report.suggestions?.find((x) => x.siteId === op.id && x.kind === 'bound-agent');
    within1Percent(bound?.monthlySavingUsd, 2000 * retries * (steps(8) - steps(5)));

    // p-retry's 3 retries on a client that retries twice: (1 + 0.1 x 2)(1 + 0.1 x 3) attempts per call.
    const cls = site(report, 'src/classify.ts');
    const once = price('gpt-4.1-nano', 'openai', { input: 100, output: 50 });
    within1Percent(cls.head?.monthlyUsd, 2000 * 1.2 * 1.3 * once);
    expect(cls.head?.drivers?.retryWrappers).toMatchObject([{ helper: 'pRetry', retries: 3 }]);
    const stacked = report.suggestions?.find((x) => x.siteId === cls.id && x.kind === 'drop-stacked-retries');
    within1Percent(stacked?.monthlySavingUsd, 2000 * (1.2 * 1.3 - 1.2) * once);
    expect(stacked?.message).toContain('a failing call can be sent 12 times');

    // Reasoning: 5,000 configured tokens, bounded by the budget in code (1,000, then 3,000).
    const planSite = site(report, 'src/plan.ts');
    const thinking = (budget: number): number => price('claude-sonnet-4-0', 'anthropic', { input: 100, output: 200 + budget });
    within1Percent(planSite.base?.monthlyUsd, 2000 * 1.2 * thinking(1000));
    within1Percent(planSite.head?.monthlyUsd, 2000 * 1.2 * thinking(3000));
    expect(planSite.head?.drivers).toMatchObject({ reasoningTokens: 3000, reasoningBudget: 3000, reasoningKnob: 'thinking.budget_tokens' });

    // Units, owners and anomalies from the same numbers.
    const [tasks] = report.units ?? [];
    within1Percent(tasks?.headCostPerUnitUsd ?? undefined, report.totals.headMonthlyUsd / 1000);
    within1Percent(tasks?.baseCostPerUnitUsd ?? undefined, report.totals.baseMonthlyUsd / 1000);
    const ops = report.owners?.find((o) => o.owner === 'ops');
    within1Percent(ops?.headMonthlyUsd, op.head!.monthlyUsd);
    expect(report.anomalies?.map((a) => a.siteId) ?? []).toEqual(op.head!.monthlyUsd / op.base!.monthlyUsd > 3 ? [op.id] : []);

    const text = renderText(report);
    expect(text).toContain('agent loop without a step bound (priced at 8 steps)');
    expect(text).toContain('Cost per task:');
    expect(planSite.changes).toEqual([{ kind: 'reasoning', before: 1000, after: 3000 }]);
    const comment = plain(getCommentBody(report));
    expect(comment).toContain('agent steps 3 → unbounded');
    expect(comment).toContain(`saves ${usd(bound!.monthlySavingUsd)}/mo`);
    expect(comment).toContain('reasoning 1000 → 3000 tokens per call');
    expect(comment).toContain('pRetry retries a client that already retries 2 times');
    expect(text).toContain('pRetry retries a client that already retries 2 times: a failing call can be sent 12 times.');
  });
});
