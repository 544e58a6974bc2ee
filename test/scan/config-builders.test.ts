import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import { afterEach, describe, expect, test } from 'vitest';
import { runCostDiff } from '../../src/engine.js';
import { Resolver } from '../../src/scan/resolve.js';
import { createSnapshot, ParseCache } from '../../src/scan/snapshot.js';
import { TestRepo } from '../support/git-repo.js';
import { scanFixture, summarize } from '../support/scan-fixture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/config-builders', import.meta.url));

describe('config objects built from literal lists', () => {
  const { sites, warnings } = scanFixture(FIXTURE);
  const site = (fn: string) => sites.find((s) => s.enclosingFunction === fn)!;

  test('every site found, no warnings', () => {
    expect(warnings).toEqual([]);
    expect(sites.map((s) => s.enclosingFunction).sort()).toEqual(['draftMessage', 'draftTitle']);
  });

  test('a loader merging environment and defaults with `reduce` and cleaning with `Object.fromEntries(entries.map(...))`: the defaults', () => {
    expect(summarize(site('draftMessage'))).toMatchObject({ model: 'gpt-4o-mini', maxOutputTokens: 350 });
    expect(summarize(site('draftMessage')).prompt).toEqual(['user: Write a commit message in en for:\n<diff>']);
  });

  test('a key only the environment sets, unset at the default configuration, is in the built object as nothing (not an unknown key)', () => {
    const files = ['src/settings.ts', 'src/draft.ts'];
    const snapshot = createSnapshot('head', new Set(files), (p) => readFileSync(join(FIXTURE, p), 'utf8'), new ParseCache());
    const draft = snapshot.parse('src/draft.ts')!;
    let call: ts.CallExpression | undefined;
    const find = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText() === 'loadSettings') call = node;
      ts.forEachChild(node, find);
    };
    find(draft);
    const settings = new Resolver(snapshot).resolve(call!);
    expect(settings).toMatchObject({ kind: 'object' });
    expect(settings.kind === 'object' && settings.opaqueSpread).toBeFalsy();
    expect(settings.kind === 'object' && settings.props.get('DRAFT_ENDPOINT')?.kind).toBe('null');
  });

  test('`Object.fromEntries` of a literal entry list and a `reduce` returning a new object each step', () => {
    expect(summarize(site('draftTitle'))).toMatchObject({ model: 'gpt-4.1-nano', maxOutputTokens: 40 });
  });
});

describe('config builders, on real git history', () => {
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  const config = (maxTokens: number) => `const DEFAULTS = { MODEL: 'gpt-4o-mini', MAX_TOKENS: ${maxTokens} };

export function getConfig() {
  return Object.fromEntries(Object.entries(DEFAULTS).map(([key, value]) => [key, process.env[key] ?? value]));
}
`;
  const caller = `import OpenAI from 'openai';
import { getConfig } from './config';

const client = new OpenAI();

export async function summarise(text: string) {
  const config = getConfig();
  return client.chat.completions.create({
    model: config.MODEL,
    max_tokens: config.MAX_TOKENS,
    messages: [{ role: 'user', content: text }],
  });
}
`;

  test('a default changed in the entries a loader maps over: the site reading the built config is changed', async () => {
    repo = new TestRepo();
    repo.commit({ 'src/config.ts': config(300), 'src/summarise.ts': caller });
    repo.commit({ 'src/config.ts': config(1200) });
    const report = await runCostDiff({ repoDir: repo.dir, base: 'HEAD~1' });
    expect(report.sites.map((s) => ({ file: s.file, line: s.line, status: s.status, changes: s.changes }))).toEqual([
      { file: 'src/summarise.ts', line: 8, status: 'changed', changes: [{ kind: 'maxOutputTokens', before: 300, after: 1200 }] },
    ]);
  });
});
