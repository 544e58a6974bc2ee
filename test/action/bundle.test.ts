// End to end on the real bundle: `node dist/index.js` started as GitHub starts a JavaScript action (INPUT_*,
// GITHUB_* variables, a real pull_request payload, output and summary files), on a real git repository, against
// the loopback API that checks every request and response against GitHub's published description.
// dist/ is built from the current source by the test run's global setup (test/support/build-dist.ts).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseMarker } from '../../src/github/marker.js';
import { createActionEnvironment, getPullRequestPayload } from '../support/action-env.js';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';

const BUNDLE = path.resolve('dist/index.js');
const run = promisify(execFile);

const REVIEW = (model: string, extra = '') => `import OpenAI from 'openai';
const client = new OpenAI();
export async function review(diff: string) {
  const res = await client.chat.completions.create({
    model: '${model}',
    max_tokens: 800,
    messages: [{ role: 'system', content: 'You review code.' }, { role: 'user', content: diff }],
  });
  return res.choices[0].message.content;
}
${extra}`;

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd });
  return stdout.trim();
}

/** A repository with a base commit and a head commit that changes the model (and whatever `edit` does). */
async function makeRepo(options: { budgetUsd: number; headModel?: string; edit?: (dir: string) => void }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-diff-e2e-'));
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'config', 'user.email', 'test@example.com');
  await git(dir, 'config', 'user.name', 'Test');
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, '.github'));
  writeFileSync(path.join(dir, 'src/review.ts'), REVIEW('gpt-4o-mini'));
  writeFileSync(
    path.join(dir, '.github/llm-cost.yml'),
    `version: 1\ndefaults:\n  callsPerMonth: 100000\nbudget:\n  maxIncreaseUsd: ${options.budgetUsd}\n  approvalLabel: llm-cost-approved\n`,
  );
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'base');
  const base = await git(dir, 'rev-parse', 'HEAD');
  writeFileSync(path.join(dir, 'src/review.ts'), REVIEW(options.headModel ?? 'gpt-4o'));
  options.edit?.(dir);
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'head');
  const head = await git(dir, 'rev-parse', 'HEAD');
  return { dir, base, head };
}

/** Runs the bundle; resolves with exit code, stdout and stderr (never rejects on exit 1). */
async function runBundle(env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BUNDLE], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir(), ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let server: GitHubApiServer;

function prRun(repo: { dir: string; base: string; head: string }, options: { inputs?: Record<string, string>; labels?: string[]; fromFork?: boolean } = {}) {
  const payload = getPullRequestPayload({ baseSha: repo.base, headSha: repo.head, labels: options.labels ?? [], fromFork: options.fromFork ?? false });
  return createActionEnvironment({ eventName: 'pull_request', payload, apiUrl: server.url, workspace: repo.dir, inputs: options.inputs ?? {} });
}

describe('dist/index.js as GitHub runs it', () => {
  beforeAll(() => {
    expect(existsSync(BUNDLE)).toBe(true);
  });
  beforeEach(async () => {
    server = await startGitHubApiServer({ token: 'ghs_test_token' });
  });
  afterEach(async () => {
    await server.close();
    expect(server.failures).toEqual([]);
  });

  it('creates the comment, then updates it in place on the next push; sets outputs and summary; exit 0', async () => {
    const repo = await makeRepo({ budgetUsd: 10_000 });
    server.pullRequest.headSha = repo.head;
    const first = prRun(repo);
    const result = await runBundle(first.env, repo.dir);
    expect(result.stderr + result.stdout).not.toMatch(/::error::/);
    expect(result.code).toBe(0);
    expect(server.comments).toHaveLength(1);
    const comment = parseMarker(server.comments[0]!.body)!;
    expect(comment.marker.headSha).toBe(repo.head);
    expect(comment.content).toMatch(/^### LLM cost: \+\\\$517\.94\/mo \(\+1567%\) · ✅ within budget/);
    expect(comment.content).toContain(`https://github.com/Codertocat/Hello-World/blob/${repo.head}/src/review.ts#L4`);
    const outputs = first.readOutputs();
    expect(outputs).toMatchObject({
      'monthly-delta-usd': '517.94',
      'base-monthly-usd': '33.06',
      'head-monthly-usd': '551',
      verdict: 'pass',
      'comment-url': `https://github.com/Codertocat/Hello-World/pull/2#issuecomment-${server.comments[0]!.id}`,
    });
    expect(existsSync(outputs['report-path']!)).toBe(true);
    expect(first.readSummary()).toContain('### LLM cost: +\\$517.94/mo');
    expect(result.stdout).toMatch(/::warning title=LLM cost \+\$517\.94\/mo,file=src\/review\.ts,line=4::/);

    // The author pushes again: the same comment is edited.
    writeFileSync(path.join(repo.dir, 'src/review.ts'), REVIEW('gpt-4.1'));
    await git(repo.dir, 'commit', '-q', '-am', 'another model');
    const next = { ...repo, head: await git(repo.dir, 'rev-parse', 'HEAD') };
    server.pullRequest.headSha = next.head;
    const second = await runBundle(prRun(next).env, repo.dir);
    expect(second.code).toBe(0);
    expect(server.comments).toHaveLength(1);
    expect(parseMarker(server.comments[0]!.body)!.marker.headSha).toBe(next.head);
    expect(server.calls().filter((c) => c.startsWith('PATCH'))).toHaveLength(1);

    // A re-run of the same commit changes nothing.
    const third = await runBundle(prRun(next).env, repo.dir);
    expect(third.code).toBe(0);
    expect(server.calls().filter((c) => c.startsWith('PATCH') || c.startsWith('POST'))).toHaveLength(2);
  });

  it('over budget: posts the comment and summary, then exits 1', async () => {
    const repo = await makeRepo({ budgetUsd: 100 });
    server.pullRequest.headSha = repo.head;
    const environment = prRun(repo);
    const result = await runBundle(environment.env, repo.dir);
    expect(result.code).toBe(1);
    expect(server.comments[0]!.body).toContain('❌ over budget');
    expect(environment.readSummary()).toContain('❌ over budget');
    expect(environment.readOutputs()['verdict']).toBe('fail');
    expect(result.stdout).toMatch(/::error::LLM cost over budget/);
    expect(result.stdout).toMatch(/::error title=LLM cost \+\$517\.94\/mo,file=src\/review\.ts,line=4::/);
  });

  it('the approval label turns the failure into a warning', async () => {
    const repo = await makeRepo({ budgetUsd: 100 });
    Object.assign(server.pullRequest, { headSha: repo.head, labels: ['llm-cost-approved'] });
    const environment = prRun(repo, { labels: ['llm-cost-approved'] });
    const result = await runBundle(environment.env, repo.dir);
    expect(result.code).toBe(0);
    expect(environment.readOutputs()['verdict']).toBe('warn');
    expect(server.comments[0]!.body).toContain('approved by label');
  });

  it('fork pull request: the comment is refused with 403, the summary is written and the verdict still fails', async () => {
    const repo = await makeRepo({ budgetUsd: 100 });
    Object.assign(server.pullRequest, { headSha: repo.head, fromFork: true });
    server.fail({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 403, message: 'Resource not accessible by integration', times: Infinity });
    const environment = prRun(repo, { fromFork: true });
    const result = await runBundle(environment.env, repo.dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::warning::Could not create the pull request comment .*fork.*read-only token/);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(environment.readSummary()).toContain('❌ over budget');
    expect(environment.readOutputs()).toMatchObject({ verdict: 'fail', 'comment-url': '' });
  });

  it('retries a 500 and waits out a 429 with retry-after', async () => {
    const repo = await makeRepo({ budgetUsd: 10_000 });
    server.pullRequest.headSha = repo.head;
    server.fail({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 500 });
    server.fail({
      method: 'GET',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 429,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '3' },
    });
    const result = await runBundle(prRun(repo).env, repo.dir);
    expect(result.code).toBe(0);
    expect(server.comments).toHaveLength(1);
    expect(server.calls().filter((c) => / (500|429)$/.test(c))).toHaveLength(2);
  });

  it('a run for an older commit does not overwrite the comment of a newer one', async () => {
    const repo = await makeRepo({ budgetUsd: 10_000 });
    const newer = 'c'.repeat(40);
    server.pullRequest.headSha = newer;
    server.addComment(`<!-- llm-cost-diff:comment key=default head=${newer} time=2025-01-01T00:00:00.000Z -->\nnewer report\n`);
    const result = await runBundle(prRun(repo).env, repo.dir);
    expect(result.code).toBe(0);
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body).toContain('newer report');
  });

  it('escapes hostile strings from the code', async () => {
    const hostile = '@octocat <img src=x onerror=alert(1)> | #1';
    const repo = await makeRepo({ budgetUsd: 10_000, headModel: hostile });
    server.pullRequest.headSha = repo.head;
    await runBundle(prRun(repo).env, repo.dir);
    const body = server.comments[0]!.body;
    const outsideCode = body.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    expect(outsideCode).not.toMatch(/(^|[^\\])<img/);
    expect(outsideCode).not.toMatch(/@octocat/);
    expect(outsideCode).not.toMatch(/#1\b/);
  });

  it('keeps a comment for a pull request with hundreds of changed call sites under 65,536 characters', async () => {
    const repo = await makeRepo({
      budgetUsd: 100_000_000,
      edit: (dir) => {
        mkdirSync(path.join(dir, 'src/gen'));
        for (let i = 0; i < 400; i++) {
          writeFileSync(path.join(dir, `src/gen/feature-with-a-long-descriptive-name-${i}.ts`), REVIEW(i % 2 ? 'gpt-4o' : 'gpt-4.1').replace('review(', `review${i}(`));
        }
      },
    });
    server.pullRequest.headSha = repo.head;
    const environment = prRun(repo);
    const result = await runBundle(environment.env, repo.dir);
    expect(result.code).toBe(0);
    const body = server.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("This report was shortened to fit GitHub's size limit");
    expect(environment.readSummary().length).toBeGreaterThan(body.length);
  });
});
