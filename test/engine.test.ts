import { calcPrice } from '@pydantic/genai-prices';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../src/engine.js';
import { UserError } from '../src/errors.js';
import { TestRepo } from './support/git-repo.js';

const o200kEncoder = new Tiktoken(o200k);
const tokens = (text: string): number => o200kEncoder.encode(text).length;

let repo: TestRepo;
afterEach(() => repo?.remove());

const SUMMARY_PROMPT_V1 = 'Summarise the support ticket below in three bullet points.\n\nTicket:\n{{ticket}}\n';
const SUMMARY_PROMPT_V2 =
  'You are a senior support engineer. Summarise the support ticket below in three bullet points, then list the ' +
  'customer\'s sentiment, the product area, the urgency from 1 to 5, and any promised follow-up with its date. ' +
  'Quote the customer where it helps, never invent facts, and keep each bullet under 25 words.\n\nTicket:\n{{ticket}}\n';

const CONFIG = `version: 1
defaults:
  callsPerMonth: 20000
  expectedOutputTokens: 400
  dynamicInputTokens: 300
traffic:
  - match: "src/summarise.ts"
    callsPerMonth: 50000
budget:
  maxIncreaseUsd: 10
`;

/** A small app: a reviewer whose model lives in a constants module, a summariser with a prompt file, a classifier. */
function baseFiles(): Record<string, string> {
  return {
    '.github/llm-cost.yml': CONFIG,
    'src/models.ts': "export const REVIEW_MODEL = 'gpt-4o-mini';\nexport const SUMMARY_MODEL = 'claude-3-5-haiku-latest';\n",
    'src/review.ts': [
      "import OpenAI from 'openai';",
      "import { REVIEW_MODEL } from './models';",
      'const openai = new OpenAI();',
      'export async function reviewPatch(patch: string) {',
      '  const res = await openai.chat.completions.create({',
      '    model: process.env.REVIEW_MODEL ?? REVIEW_MODEL,',
      '    max_tokens: 600,',
      "    messages: [{ role: 'system', content: 'You review pull requests for bugs and style.' }, { role: 'user', content: patch }],",
      '  });',
      '  return res.choices[0]?.message.content;',
      '}',
      '',
    ].join('\n'),
    'src/prompts/summarise.md': SUMMARY_PROMPT_V1,
    'src/summarise.ts': [
      "import Anthropic from '@anthropic-ai/sdk';",
      "import { readFileSync } from 'node:fs';",
      "import path from 'node:path';",
      "import { SUMMARY_MODEL } from './models';",
      "const template = readFileSync(path.join(__dirname, 'prompts/summarise.md'), 'utf8');",
      'const anthropic = new Anthropic();',
      'export async function summarise(ticket: string) {',
      "  const msg = await anthropic.messages.create({ model: SUMMARY_MODEL, max_tokens: 300, messages: [{ role: 'user', content: template.replace('{{ticket}}', ticket) }] });",
      '  return msg.content;',
      '}',
      '',
    ].join('\n'),
    'src/classify.ts': [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function classify(text: string) {',
      "  return client.chat.completions.create({ model: 'gpt-4.1-nano', max_tokens: 5, messages: [{ role: 'user', content: `Label as spam or ham: ${text}` }] });",
      '}',
      '',
    ].join('\n'),
  };
}

function headFiles(): Record<string, string> {
  return {
    // The model changes in the constants module, not at the call.
    'src/models.ts': "export const REVIEW_MODEL = 'gpt-4.1';\nexport const SUMMARY_MODEL = 'claude-3-5-haiku-latest';\n",
    // The prompt file grows.
    'src/prompts/summarise.md': SUMMARY_PROMPT_V2,
    // A neutral refactor: the literal moves into a constant, the params into an object, the call is reformatted.
    'src/classify.ts': [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      "const CLASSIFIER = 'gpt-4.1-nano';",
      'export async function classify(text: string) {',
      '  const params = {',
      '    model: CLASSIFIER,',
      '    max_tokens: 5,',
      "    messages: [{ role: 'user' as const, content: 'Label as spam or ham: ' + text }],",
      '  };',
      '  return client.chat.completions.create(params);',
      '}',
      '',
    ].join('\n'),
    // A new call.
    'src/translate.ts': [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function translate(text: string, language: string) {',
      '  return client.responses.create({',
      "    model: 'gpt-4o',",
      "    instructions: 'Translate the user text. Keep formatting and code blocks unchanged.',",
      '    input: `Target language: ${language}\\n\\n${text}`,',
      '    max_output_tokens: 1000,',
      '  });',
      '}',
      '',
    ].join('\n'),
  };
}

/** The cost of one call, computed independently: o200k counts, the bundled price data, no code of ours. */
function independentMonthly(site: { model: string; provider: string; staticText: string; holes: number; cap: number }, traffic: { calls: number; output: number; dynamic: number }): number {
  const input = tokens(site.staticText) + site.holes * traffic.dynamic;
  const output = Math.min(traffic.output, site.cap);
  const price = calcPrice({ input_tokens: input, output_tokens: output }, site.model, { providerId: site.provider });
  if (!price) throw new Error(`no price for ${site.model}`);
  return price.total_price * traffic.calls;
}

describe('runCostDiff on a repository with four kinds of change', () => {
  test('prices each site, gives the right status and change kinds, and totals within 3% of an independent computation', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles(), 'base');
    repo.commit(headFiles(), 'head');
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });

    const byFile = Object.fromEntries(report.sites.map((s) => [s.file, s]));
    expect(byFile['src/review.ts']).toMatchObject({ status: 'changed', changes: [{ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4.1' }] });
    expect(byFile['src/summarise.ts']?.status).toBe('changed');
    expect(byFile['src/summarise.ts']?.changes.map((c) => c.kind)).toEqual(['prompt']);
    expect(byFile['src/classify.ts']).toMatchObject({ status: 'unchanged', changes: [], deltaMonthlyUsd: 0 });
    expect(byFile['src/translate.ts']).toMatchObject({ status: 'added', base: null, changes: [{ kind: 'added' }] });
    expect(byFile['src/translate.ts']?.id).toBe('src/translate.ts#translate/openai.responses.create#0');

    const defaults = { calls: 20000, output: 400, dynamic: 300 };
    const summaryTraffic = { ...defaults, calls: 50000 };
    const reviewStatic = 'You review pull requests for bugs and style.';
    const base =
      independentMonthly({ model: 'gpt-4o-mini', provider: 'openai', staticText: reviewStatic, holes: 1, cap: 600 }, defaults) +
      independentMonthly({ model: 'claude-3-5-haiku-latest', provider: 'anthropic', staticText: SUMMARY_PROMPT_V1.replace('{{ticket}}', ''), holes: 1, cap: 300 }, summaryTraffic) +
      independentMonthly({ model: 'gpt-4.1-nano', provider: 'openai', staticText: 'Label as spam or ham: ', holes: 1, cap: 5 }, defaults);
    const head =
      independentMonthly({ model: 'gpt-4.1', provider: 'openai', staticText: reviewStatic, holes: 1, cap: 600 }, defaults) +
      independentMonthly({ model: 'claude-3-5-haiku-latest', provider: 'anthropic', staticText: SUMMARY_PROMPT_V2.replace('{{ticket}}', ''), holes: 1, cap: 300 }, summaryTraffic) +
      independentMonthly({ model: 'gpt-4.1-nano', provider: 'openai', staticText: 'Label as spam or ham: ', holes: 1, cap: 5 }, defaults) +
      independentMonthly({ model: 'gpt-4o', provider: 'openai', staticText: 'Translate the user text. Keep formatting and code blocks unchanged.Target language: \n\n', holes: 2, cap: 1000 }, defaults);

    expect(report.totals.baseMonthlyUsd).toBeGreaterThan(0);
    expect(Math.abs(report.totals.baseMonthlyUsd - base) / base).toBeLessThan(0.03);
    expect(Math.abs(report.totals.headMonthlyUsd - head) / head).toBeLessThan(0.03);
    expect(report.totals.deltaMonthlyUsd).toBeCloseTo(report.totals.headMonthlyUsd - report.totals.baseMonthlyUsd, 9);
    expect(report.totals.deltaPercent).toBeCloseTo((report.totals.deltaMonthlyUsd / report.totals.baseMonthlyUsd) * 100, 6);

    // The increase breaks the $10 budget.
    expect(report.totals.deltaMonthlyUsd).toBeGreaterThan(10);
    expect(report.verdict).toMatchObject({ status: 'fail', violations: [{ rule: 'maxIncreaseUsd', limit: 10 }] });

    // Claude is counted with o200k: the report says so for the touched site.
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'estimated-tokens', file: 'src/summarise.ts' }));
    expect(report.base.sha).toBe(repo.git('rev-parse', 'HEAD~1').trim());
    expect(report.pricing).toEqual({ source: '@pydantic/genai-prices', version: expect.any(String), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  test('an approval label turns the failure into a warning', async () => {
    repo = new TestRepo();
    repo.commit({ ...baseFiles(), '.github/llm-cost.yml': `${CONFIG}  approvalLabel: cost-approved\n` });
    repo.commit(headFiles());
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1', labels: ['cost-approved'] });
    expect(report.verdict).toMatchObject({ status: 'warn', approved: true, approvalLabel: 'cost-approved' });
  });

  test('a renamed file keeps its sites, and the working tree is head', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.git('mv', 'src/classify.ts', 'src/spam.ts');
    repo.write({ 'src/review.ts': baseFiles()['src/review.ts']!.replace('max_tokens: 600', 'max_tokens: 1200') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    const spam = report.sites.find((s) => s.file === 'src/spam.ts');
    expect(spam).toMatchObject({ status: 'unchanged', id: 'src/spam.ts#classify/openai.chat.completions.create#0' });
    expect(report.sites.find((s) => s.file === 'src/review.ts')?.changes).toEqual([{ kind: 'maxOutputTokens', before: 600, after: 1200 }]);
    expect(report.sites.filter((s) => s.status === 'removed' || s.status === 'added')).toEqual([]);
  });

  test('a call moved unchanged into a helper module is the same call: unchanged, reported where it is now', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.commit({
      'src/classify.ts': "import { label } from './llm/label';\nexport async function classify(text: string) {\n  return label(text);\n}\n",
      'src/llm/label.ts': [
        "import OpenAI from 'openai';",
        'const openai = new OpenAI();',
        'export function label(text: string) {',
        "  return openai.chat.completions.create({ messages: [{ role: 'user', content: `Label as spam or ham: ${text}` }], max_tokens: 5, model: 'gpt-4.1-nano' });",
        '}',
        '',
      ].join('\n'),
    });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.filter((s) => s.status !== 'unchanged')).toEqual([]);
    expect(report.sites.find((s) => s.file === 'src/llm/label.ts')).toMatchObject({ status: 'unchanged', line: 4, deltaMonthlyUsd: 0 });
    expect(report.totals.deltaMonthlyUsd).toBe(0);
  });

  test('an explicit head ref is read from git; without one, uncommitted edits count', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.write({ 'src/review.ts': baseFiles()['src/review.ts']!.replace('max_tokens: 600', 'max_tokens: 900') });
    const working = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    expect(working.sites.find((s) => s.file === 'src/review.ts')?.status).toBe('changed');
    const committed = await runCostDiff({ repoDir: repo.dir, base: 'HEAD', head: 'HEAD' });
    expect(committed.sites.every((s) => s.status === 'unchanged')).toBe(true);
  });

  test('a syntax error skips only that file, with a warning naming it', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.commit({ 'src/broken.ts': "import OpenAI from 'openai';\nconst x = new OpenAI(;\n" });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'parse-error', file: 'src/broken.ts', line: 2, snapshot: 'head' }));
    expect(report.sites.length).toBe(3);
  });

  test('an unknown model is a warning with file and line, never a silent $0', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.commit({ 'src/review.ts': baseFiles()['src/review.ts']!.replace('REVIEW_MODEL,', "'my-finetune-7',") });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'unknown-price', file: 'src/review.ts', line: 5, snapshot: 'head' }));
    expect(report.warnings.find((w) => w.code === 'unknown-price')?.message).toContain("'my-finetune-7'");
  });

  test('a `// llm-cost:` comment above a call overrides the config for that site', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    const annotated = baseFiles()['src/review.ts']!.replace('  const res = await', '  // llm-cost: callsPerMonth=1234 output=50 bogus=1\n  const res = await');
    repo.commit({ 'src/review.ts': annotated });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const review = report.sites.find((s) => s.file === 'src/review.ts')!;
    expect(review.head).toMatchObject({ callsPerMonth: 1234, outputTokens: 50, sources: { callsPerMonth: 'code', outputTokens: 'code' } });
    expect(review.base).toMatchObject({ callsPerMonth: 20000, outputTokens: 400 });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'config', file: 'src/review.ts', message: expect.stringContaining("'bogus=1'") }));
  });

  test('an ES module reads its prompt file through dirname(fileURLToPath(import.meta.url))', async () => {
    repo = new TestRepo();
    const summarise = baseFiles()['src/summarise.ts']!
      .replace("import path from 'node:path';", "import path from 'node:path';\nimport { fileURLToPath } from 'node:url';\nconst here = path.dirname(fileURLToPath(import.meta.url));")
      .replace("path.join(__dirname, 'prompts/summarise.md')", "path.join(here, 'prompts', 'summarise.md')");
    repo.commit({ ...baseFiles(), 'src/summarise.ts': summarise });
    repo.commit({ 'src/prompts/summarise.md': SUMMARY_PROMPT_V2 });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const site = report.sites.find((s) => s.file === 'src/summarise.ts')!;
    expect(site.changes.map((c) => c.kind)).toEqual(['prompt']);
    expect(Number(site.changes[0]!.after) - Number(site.changes[0]!.before)).toBe(tokens(SUMMARY_PROMPT_V2.replace('{{ticket}}', '')) - tokens(SUMMARY_PROMPT_V1.replace('{{ticket}}', '')));
  });

  test('a prompt imported as text by the bundler (`?raw`) is read and priced', async () => {
    repo = new TestRepo();
    const summarise = baseFiles()['src/summarise.ts']!
      .replace("const template = readFileSync(path.join(__dirname, 'prompts/summarise.md'), 'utf8');", "import template from './prompts/summarise.md?raw';");
    repo.commit({ ...baseFiles(), 'src/summarise.ts': summarise });
    repo.commit({ 'src/prompts/summarise.md': SUMMARY_PROMPT_V2 });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.find((s) => s.file === 'src/summarise.ts')?.changes.map((c) => c.kind)).toEqual(['prompt']);
  });

  test('a 50 MB prompt file is not read: the site warns and counts it as a dynamic value', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.commit({ 'src/prompts/summarise.md': 'x'.repeat(50 * 1024 * 1024) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const warning = report.warnings.find((w) => w.code === 'unresolved-prompt');
    expect(warning).toMatchObject({ file: 'src/summarise.ts', line: 5, snapshot: 'head' });
    expect(warning?.message).toContain('src/prompts/summarise.md: prompt file not read: larger than 2 MiB');
    expect(report.sites.find((s) => s.file === 'src/summarise.ts')?.status).toBe('changed');
  });

  test('messages or input passed through from a parameter are this call\'s input, priced as a dynamic value', async () => {
    repo = new TestRepo();
    repo.commit({
      'src/wrap.ts': [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        "export const chat = (messages: OpenAI.ChatCompletionMessageParam[]) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages });",
        "export const embed = (question: string) => client.embeddings.create({ model: 'text-embedding-3-small', input: question });",
        '',
      ].join('\n'),
    });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    for (const site of report.sites) expect(site.head).toMatchObject({ inputTokens: 200 });
    expect(report.sites.map((s) => s.head?.monthlyUsd)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(report.sites.every((s) => (s.head?.monthlyUsd ?? 0) > 0)).toBe(true);
  });

  test('a spread conversation is one runtime value until turnsPerConversation is configured', async () => {
    repo = new TestRepo();
    const chat = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function reply(history: OpenAI.ChatCompletionMessageParam[], text: string) {',
      "  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [...history, { role: 'user', content: text }] });",
      '}',
      '',
    ].join('\n');
    repo.commit({ 'src/chat.ts': chat });
    const plain = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    expect(plain.sites[0]?.head).toMatchObject({ inputTokens: 400 });
    repo.commit({ 'llm-cost.yml': 'version: 1\ndefaults:\n  turnsPerConversation: 3\n' });
    const turns = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    // Turns 1..3 resend 0, 1 and 2 earlier turns of (200-token message + 100-token reply): 300 tokens on average.
    expect(turns.sites[0]?.head?.inputTokens).toBeCloseTo(200 + 300, 6);
  });

  test('a model pinned in config is counted with its own tokenizer', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.commit({ '.github/llm-cost.yml': CONFIG.replace('traffic:\n', "traffic:\n  - match: 'src/classify.ts'\n    assume: { model: gpt-4 }\n") });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    const classify = report.sites.find((s) => s.file === 'src/classify.ts')!;
    expect(classify.head).toMatchObject({ model: 'gpt-4', sources: { model: 'config' } });
  });

  test('a model that always reasons warns that its reasoning tokens are priced at 0 until configured', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.commit({ 'src/models.ts': "export const REVIEW_MODEL = 'o4-mini';\nexport const SUMMARY_MODEL = 'claude-3-5-haiku-latest';\n" });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'reasoning-tokens', file: 'src/review.ts', message: expect.stringContaining("'o4-mini' reasons on every call") }));
  });

  test('another vendor\'s model on a first-party client is a warning, not a silent price', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    repo.commit({ 'src/models.ts': "export const REVIEW_MODEL = 'gpt-4o-mini';\nexport const SUMMARY_MODEL = 'gpt-4o-mini';\n" });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'unknown-model', file: 'src/summarise.ts', message: expect.stringContaining("'gpt-4o-mini', a model of openai, at a call to anthropic") }));
    expect(report.warnings.filter((w) => w.code === 'unknown-model' && w.file === 'src/review.ts')).toEqual([]);
  });

  test('a 1-hour cache (ttl: 1h) bills its writes at the 1-hour rate, and switching TTL is a caching change', async () => {
    repo = new TestRepo();
    const system = 'You are a meticulous reviewer of pull requests. Explain each finding with its line. '.repeat(80);
    const call = (cacheControl: string) =>
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const anthropic = new Anthropic();',
        `const SYSTEM = ${JSON.stringify(system)};`,
        'export async function review(patch: string) {',
        `  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: [{ type: 'text', text: SYSTEM, cache_control: ${cacheControl} }], messages: [{ role: 'user', content: patch }] });`,
        '}',
        '',
      ].join('\n');
    repo.commit({ 'src/review.ts': call("{ type: 'ephemeral' }"), 'llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 1000\n  expectedOutputTokens: 100\n  dynamicInputTokens: 100\n  cacheHitRate: 0.5\n' });
    repo.commit({ 'src/review.ts': call("{ type: 'ephemeral', ttl: '1h' }") });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    const site = report.sites[0]!;
    expect(site.changes).toEqual([{ kind: 'caching', before: 'explicit, 5m entries', after: 'explicit, 1h entries' }]);
    const prefix = tokens(system);
    const reads = Math.round(prefix * 0.5);
    const writes = prefix - reads;
    // claude-sonnet-4-5: input $3, cache read $0.30, 5-minute write $3.75, 1-hour write $6, output $15 per million.
    const perCall = (writeRate: number) => (100 * 3 + reads * 0.3 + writes * writeRate + 100 * 15) / 1e6;
    expect(site.base!.costPerCallUsd).toBeCloseTo(perCall(3.75), 9);
    expect(site.head!.costPerCallUsd).toBeCloseTo(perCall(6), 9);
    expect(site.deltaMonthlyUsd).toBeCloseTo(1000 * writes * (6 - 3.75) / 1e6, 9);
  });

  test('skips tests, build output and generated bundles, and counts what it skipped', async () => {
    repo = new TestRepo();
    const call = "import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [] });\n";
    repo.commit({
      ...baseFiles(),
      'src/review.test.ts': call,
      'test/helpers.ts': call,
      'dist/index.js': call,
      'src/__mocks__/openai.ts': call,
      'packages/core/src/test-utils/fake-llm.ts': call,
      'public/app.min.js': call,
      'src/generated.ts': `// @generated by a tool\n${call}`,
      'src/widgets/chat-widget.js': `${'function a(b){return b&&b.c?b.c(1):(0,d)(e,{f:1});}'.repeat(200)}\n${call}`,
      'src/long-prompt.ts': `export const PROMPT = ${JSON.stringify('You are a careful assistant, and you answer briefly. '.repeat(200))};\n${call}`,
    });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD' });
    expect(report.sites.map((s) => s.file).sort()).toEqual(['src/classify.ts', 'src/long-prompt.ts', 'src/review.ts', 'src/summarise.ts']);
    expect(report.scan.skipped).toMatchObject({ 'test-or-mock': 4, 'build-output': 1, 'minified-or-generated': 3 });
  });

  test('an unknown base ref is a UserError that says what to run', async () => {
    repo = new TestRepo();
    repo.commit(baseFiles());
    await expect(runCostDiff({ repoDir: repo.dir, base: 'no-such-branch' })).rejects.toThrow(UserError);
    await expect(runCostDiff({ repoDir: repo.dir, base: 'no-such-branch' })).rejects.toThrow(/git ref 'no-such-branch' not found/);
  });
});
