import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { Resolver } from '../../src/scan/resolve.js';
import { createSnapshot, ParseCache } from '../../src/scan/snapshot.js';
import { TestRepo } from '../support/git-repo.js';
import { scanFixture, summarize } from '../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/workspace', import.meta.url));

describe('imports of the packages of a monorepo', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (fn: string) => sites.find((s) => s.enclosingFunction === fn)!;

  test('every site found, no warnings', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.enclosingFunction).sort()).toEqual(['draftReply', 'reviewNote']);
  });

  test("a constant imported by package name (`main: dist/index.js`) is read from the package's source", () => {
    expect(summarize(site('reviewNote'))).toMatchObject({ model: 'gpt-4.1-mini', provider: 'openai', maxOutputTokens: 300 });
  });

  test('an exports map (conditions, `./review/*` pattern) leads to the source files of the prompts', () => {
    expect(summarize(site('reviewNote')).prompt).toEqual([
      'system: You are a careful assistant that keeps notes short.',
      'user: Review the note against this checklist:\n- Is the title specific?\n- Are action items assigned?\n- Is anything out of date?\n\n<note>',
    ]);
  });

  test('a wrapper in one package takes the values its caller in another package passes', () => {
    expect(summarize(site('draftReply'))).toMatchObject({ model: 'claude-3-5-haiku-20241022', provider: 'anthropic', maxOutputTokens: 600 });
  });
});

describe('resolving package specifiers', () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
    'packages/a/package.json': JSON.stringify({ name: '@x/a', main: 'dist/index.js' }),
    'packages/a/index.ts': 'export * from "./src/index.js";',
    'packages/a/src/index.ts': 'export const A = 1;',
    'packages/a/src/deep/file.ts': 'export const B = 2;',
    'packages/b/package.json': JSON.stringify({ name: 'b', exports: './lib/main.js' }),
    'packages/b/src/main.ts': 'export const C = 3;',
    'packages/c/package.json': JSON.stringify({ name: 'c' }),
    'packages/c/index.js': 'module.exports = { D: 4 };',
    'node_modules/openai/package.json': JSON.stringify({ name: 'openai', main: 'index.js' }),
    'node_modules/openai/index.js': 'module.exports = {};',
    'examples/a-copy/package.json': JSON.stringify({ name: '@x/a', main: 'other.js' }),
  };
  const snapshot = createSnapshot('head', new Set(Object.keys(files)), (p) => files[p], new ParseCache());
  const resolver = new Resolver(snapshot);

  test('the entry of a package: the built file mapped back to its source (output folder dropped first)', () => {
    expect(resolver.resolveModulePath('@x/a', 'packages/b/src/main.ts')).toBe('packages/a/index.ts');
    expect(resolver.resolveModulePath('b', 'packages/a/src/index.ts')).toBe('packages/b/src/main.ts');
    expect(resolver.resolveModulePath('c', 'packages/a/src/index.ts')).toBe('packages/c/index.js');
  });

  test('a subpath without an exports map: a file of the package, from its root or its src', () => {
    expect(resolver.resolveModulePath('@x/a/deep/file', 'packages/b/src/main.ts')).toBe('packages/a/src/deep/file.ts');
    expect(resolver.resolveModulePath('@x/a/missing', 'packages/b/src/main.ts')).toBeUndefined();
  });

  test('packages that are not declared in the repository (or only under node_modules) stay package bindings', () => {
    expect(resolver.resolveModulePath('openai', 'packages/a/src/index.ts')).toBeUndefined();
    expect(resolver.moduleBinding('openai', 'default', 'packages/a/src/index.ts', { file: 'packages/a/src/index.ts', line: 1 })).toMatchObject({ kind: 'module', module: 'openai' });
    expect(resolver.moduleBinding('@x/a', 'A', 'packages/b/src/main.ts', { file: 'packages/b/src/main.ts', line: 1 })).toMatchObject({ kind: 'number', value: 1 });
  });

  test("an SDK's own repository: its package stays the SDK binding the detectors recognise, for the examples that import it", () => {
    const sdk: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'openai', main: 'dist/index.js' }),
      'src/index.ts': 'export default class OpenAI {}',
      'examples/chat.ts': "import OpenAI from 'openai';",
    };
    const sdkSnapshot = createSnapshot('head', new Set(Object.keys(sdk)), (p) => sdk[p], new ParseCache());
    const origin = { file: 'examples/chat.ts', line: 1 };
    expect(new Resolver(sdkSnapshot, undefined, new Set(['openai'])).moduleBinding('openai', 'default', 'examples/chat.ts', origin)).toMatchObject({ kind: 'module', module: 'openai' });
    expect(new Resolver(sdkSnapshot).resolveModulePath('openai', 'examples/chat.ts')).toBe('src/index.ts');
  });
});

describe('monorepo packages, on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const manifests = {
    'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*'] }),
    'packages/config/package.json': JSON.stringify({ name: '@shop/config', main: 'dist/index.js', types: 'dist/index.d.ts' }),
    'packages/agent/package.json': JSON.stringify({ name: '@shop/agent', dependencies: { '@shop/config': '*', openai: '^4.0.0' } }),
  };
  const models = (model: string) => `export const ASSISTANT_MODEL = '${model}';\n`;
  const agent = `import OpenAI from 'openai';
import { ASSISTANT_MODEL } from '@shop/config';

const client = new OpenAI();

export async function answer(question: string) {
  return client.chat.completions.create({
    model: ASSISTANT_MODEL,
    messages: [{ role: 'user', content: question }],
  });
}
`;

  test('a model constant changed in another workspace package: the site that imports it by package name is changed', async () => {
    repo = new TestRepo();
    repo.commit({ ...manifests, 'packages/config/src/index.ts': models('gpt-4o-mini'), 'packages/agent/src/answer.ts': agent });
    repo.commit({ 'packages/config/src/index.ts': models('gpt-4.1') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => ({ file: s.file, line: s.line, status: s.status, changes: s.changes }))).toEqual([
      { file: 'packages/agent/src/answer.ts', line: 7, status: 'changed', changes: [{ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4.1' }] },
    ]);
  });

  test('a caller in another package passes a different model to a wrapper: the wrapper site is changed', async () => {
    const wrapper = `import OpenAI from 'openai';

const client = new OpenAI();

export async function classify(text: string, model: string) {
  return client.chat.completions.create({ model, max_tokens: 20, messages: [{ role: 'user', content: text }] });
}
`;
    const caller = (model: string) => `import { classify } from '@shop/config/classify';

export function triage(ticket: string) {
  return classify(ticket, '${model}');
}
`;
    repo = new TestRepo();
    repo.commit({ ...manifests, 'packages/config/src/classify.ts': wrapper, 'packages/agent/src/triage.ts': caller('gpt-4o-mini') });
    repo.commit({ 'packages/agent/src/triage.ts': caller('gpt-4o') });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => ({ file: s.file, line: s.line, status: s.status, changes: s.changes }))).toEqual([
      { file: 'packages/config/src/classify.ts', line: 6, status: 'changed', changes: [{ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4o' }] },
    ]);
  });
});
