import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { TestRepo } from '../support/git-repo.js';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
let isolatedCli: string;
let isolatedDir: string;

/** Runs the bundled CLI as a user would, from a copy of dist/ with no node_modules anywhere above it. */
function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [isolatedCli, ...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const CALL = (model: string, cap: number) =>
  `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function answer(q: string) {\n  return client.chat.completions.create({ model: '${model}', max_tokens: ${cap}, messages: [{ role: 'user', content: q }] });\n}\n`;

let repo: TestRepo;
beforeAll(() => {
  isolatedDir = mkdtempSync(join(tmpdir(), 'llm-cost-diff-dist-'));
  cpSync(DIST, join(isolatedDir, 'dist'), { recursive: true });
  isolatedCli = join(isolatedDir, 'dist', 'cli.js');
  repo = new TestRepo();
  repo.commit({ 'src/answer.ts': CALL('gpt-4o-mini', 300), 'llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 100000\n' });
  repo.commit({ 'src/answer.ts': CALL('gpt-4o', 300) });
});
afterAll(() => {
  repo.remove();
  rmSync(isolatedDir, { recursive: true, force: true });
});

describe('llm-cost-diff CLI (bundled dist/cli.js)', () => {
  test('--version and --help', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await cli(['--version'], repo.dir)).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await cli(['--help'], repo.dir);
    expect(help.code).toBe(0);
    for (const flag of ['--base', '--head', '--repo', '--config', '--format', '--output']) expect(help.stdout).toContain(flag);
  });

  test('text report, exit 0 within budget', async () => {
    const result = await cli(['--base', 'HEAD~1'], repo.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('model gpt-4o-mini → gpt-4o');
    expect(result.stdout).toMatch(/Monthly LLM cost \+\$\d/);
    expect(result.stderr).toContain('scanning');
  });

  test('JSON report to a file with --output, from another folder with --repo', async () => {
    const out = join(repo.dir, 'out', 'report.json');
    const result = await cli(['--base', 'HEAD~1', '--head', 'HEAD', '--repo', repo.dir, '--format', 'json', '--output', out, '--quiet'], tmpdir());
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.schemaVersion).toBe(1);
    expect(report.sites).toHaveLength(1);
    expect(report.sites[0]).toMatchObject({ file: 'src/answer.ts', line: 4, status: 'changed', changes: [{ kind: 'model' }] });
    // gpt-4o-mini -> gpt-4o at 100,000 calls: (1 dynamic value of 200 tokens + the content) in, 300 out.
    expect(report.totals.headMonthlyUsd).toBeGreaterThan(report.totals.baseMonthlyUsd * 10);
  });

  test('exit 1 when the increase breaks the budget, with the violation printed', async () => {
    const config = join(repo.dir, 'strict.yml');
    writeFileSync(config, 'version: 1\ndefaults:\n  callsPerMonth: 100000\nbudget:\n  maxIncreaseUsd: 5\n');
    const result = await cli(['--base', 'HEAD~1', '--config', config, '--format', 'markdown'], repo.dir);
    expect(result.code).toBe(1);
    // Markdown is the pull-request comment: money is escaped so GitHub does not read `$...$` as math.
    expect(result.stdout).toContain('❌ over budget');
    expect(result.stdout).toContain('over the \\$5\\.00 budget');
  });

  test('exit 2 for usage, config and git errors, naming what is wrong', async () => {
    expect(await cli([], repo.dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--base <ref> is required') });
    expect(await cli(['--base', 'HEAD~1', '--format', 'yaml'], repo.dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be') });
    expect(await cli(['--base', 'HEAD~1', '--bogus'], repo.dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("'--bogus'") });
    expect(await cli(['--base', 'v9.9.9'], repo.dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("git ref 'v9.9.9' not found") });
    const bad = join(repo.dir, 'bad.yml');
    writeFileSync(bad, 'version: 1\ndefaults:\n  callsPerMonth: 10\n  callsPerDay: 3\n');
    const result = await cli(['--base', 'HEAD~1', '--config', bad], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad.yml:4: unknown key 'defaults.callsPerDay'");
    expect(result.stdout).toBe('');
  });

  test('a depth-1 clone deepens its history for --base HEAD~1', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'llm-cost-diff-shallow-'));
    try {
      await new Promise<void>((resolve, reject) => execFile('git', ['clone', '-q', '--depth=1', `file://${repo.dir}`, clone], (e) => (e ? reject(e) : resolve())));
      const result = await cli(['--base', 'HEAD~1', '--format', 'json', '-q'], clone);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect((JSON.parse(result.stdout) as Report).sites[0]?.changes).toEqual([{ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4o' }]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  test('--repo below the top level scopes the scan and finds the config there', async () => {
    const mono = new TestRepo();
    try {
      mono.commit({ 'apps/bot/src/a.ts': CALL('gpt-4o-mini', 100), 'apps/bot/llm-cost.yml': 'version: 1\ndefaults:\n  callsPerMonth: 7\n', 'apps/web/src/b.ts': CALL('gpt-4o-mini', 100) });
      mono.commit({ 'apps/bot/src/a.ts': CALL('gpt-4o', 100), 'apps/web/src/b.ts': CALL('gpt-4o', 100) });
      const result = await cli(['--base', 'HEAD~1', '--repo', join(mono.dir, 'apps/bot'), '--format', 'json', '-q'], tmpdir());
      const report = JSON.parse(result.stdout) as Report;
      expect(report.sites.map((s) => s.file)).toEqual(['apps/bot/src/a.ts']);
      expect(report.sites[0]?.head?.callsPerMonth).toBe(7);
    } finally {
      mono.remove();
    }
  });

  test('a shallow clone without the base commit fetches it', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'llm-cost-diff-shallow-'));
    try {
      const base = repo.git('rev-parse', 'HEAD~1').trim();
      await new Promise<void>((resolve, reject) => execFile('git', ['clone', '-q', '--depth=1', `file://${repo.dir}`, clone], (e) => (e ? reject(e) : resolve())));
      const result = await cli(['--base', base, '--format', 'json', '-q'], clone);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as Report).base.sha).toBe(base);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
