// The action shell in process, with a plain report in place of the engine: inputs, event, comment, summary,
// outputs and the failure decision, against the validating GitHub API.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, type RunCostDiff } from '../../src/action/run.js';
import { UserError } from '../../src/errors.js';
import { parseMarker } from '../../src/github/marker.js';
import type { Report } from '../../src/report/report.js';
import { createActionEnvironment, getPullRequestPayload, getPushPayload, type ActionEnvironment } from '../support/action-env.js';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { HEAD_SHA, makeFailingReport, makeQuietReport, makeReport } from '../support/report-fixtures.js';

const PR_BASE = 'f'.repeat(40);
const PR_HEAD = 'e'.repeat(40);

let server: GitHubApiServer;
let saved: NodeJS.ProcessEnv;
let calls: Parameters<RunCostDiff>[0][];

function engineReturning(report: Report): RunCostDiff {
  return async (options) => {
    calls.push(options);
    return report;
  };
}

function useEnvironment(environment: ActionEnvironment): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete process.env[key];
  Object.assign(process.env, environment.env);
}

function prEnvironment(inputs: Record<string, string> = {}, payload = getPullRequestPayload({ baseSha: PR_BASE, headSha: PR_HEAD })) {
  const environment = createActionEnvironment({ eventName: 'pull_request', payload, apiUrl: server.url, workspace: process.cwd(), inputs });
  useEnvironment(environment);
  return environment;
}

beforeEach(async () => {
  saved = { ...process.env };
  calls = [];
  server = await startGitHubApiServer({ token: 'ghs_test_token', pullRequest: { headSha: PR_HEAD, baseSha: PR_BASE } });
});

afterEach(async () => {
  process.env = saved;
  await server.close();
  expect(server.failures).toEqual([]);
});

describe('runAction on a pull request', () => {
  it('compares the pull request base with the checkout, comments, writes summary, report and outputs', async () => {
    const environment = prEnvironment();
    const result = await runAction({ runCostDiff: engineReturning(makeReport()) });
    expect(calls[0]).toMatchObject({ base: PR_BASE, labels: [], repoDir: process.cwd() });
    expect(calls[0]!.head).toBeUndefined();

    expect(server.comments).toHaveLength(1);
    const posted = parseMarker(server.comments[0]!.body)!;
    expect(posted.marker.headSha).toBe(PR_HEAD);
    expect(posted.content).toMatch(/^### LLM cost: \+\\\$176\.00\/mo \(\+56%\) · ✅ within budget/);
    // Links point at the pull request's head commit, not the merge commit the engine saw.
    expect(posted.content).toContain(`https://github.com/Codertocat/Hello-World/blob/${PR_HEAD}/src/review.ts#L42`);
    expect(posted.content).not.toContain(HEAD_SHA + '/');

    const outputs = environment.readOutputs();
    expect(outputs).toMatchObject({
      'monthly-delta-usd': '176',
      'delta-percent': '55.96',
      'base-monthly-usd': '314.5',
      'head-monthly-usd': '490.5',
      verdict: 'pass',
      'comment-url': `https://github.com/Codertocat/Hello-World/pull/2#issuecomment-${server.comments[0]!.id}`,
    });
    expect(JSON.parse(readFileSync(outputs['report-path']!, 'utf8'))).toMatchObject({ schemaVersion: 1, totals: { deltaMonthlyUsd: 176 } });
    expect(environment.readSummary()).toContain('### LLM cost: +\\$176.00/mo');
    expect(result.failure).toBeNull();
  });

  it('updates the comment on the next run and leaves it alone when nothing changed', async () => {
    prEnvironment();
    await runAction({ runCostDiff: engineReturning(makeReport()) });
    prEnvironment();
    expect((await runAction({ runCostDiff: engineReturning(makeQuietReport()) })).comment?.action).toBe('updated');
    prEnvironment();
    expect((await runAction({ runCostDiff: engineReturning(makeQuietReport()) })).comment?.action).toBe('unchanged');
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body).toContain('No LLM call site or prompt file changed');
  });

  it('over budget: posts the comment and summary, then asks for the step to fail', async () => {
    const environment = prEnvironment();
    const result = await runAction({ runCostDiff: engineReturning(makeFailingReport()) });
    expect(server.comments[0]!.body).toContain('❌ over budget');
    expect(environment.readSummary()).toContain('❌ over budget');
    expect(environment.readOutputs()['verdict']).toBe('fail');
    expect(result.failure).toBe('LLM cost over budget: Monthly cost grows by $176.00, over the $100.00 budget');
  });

  it('fail-on: never reports the failed budget without failing the step', async () => {
    prEnvironment({ 'fail-on': 'never' });
    expect((await runAction({ runCostDiff: engineReturning(makeFailingReport()) })).failure).toBeNull();
  });

  it('passes the labels GitHub has now (not the stale event payload) to the engine for the approval label', async () => {
    server.pullRequest.labels = ['llm-cost-approved'];
    prEnvironment();
    await runAction({ runCostDiff: engineReturning(makeReport()) });
    expect(calls[0]!.labels).toEqual(['llm-cost-approved']);
  });

  it('fork pull request: the comment is refused (403), the summary and verdict are still written', async () => {
    server.fail({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 403, message: 'Resource not accessible by integration', times: Infinity });
    const environment = prEnvironment({}, getPullRequestPayload({ baseSha: PR_BASE, headSha: PR_HEAD, fromFork: true }));
    const result = await runAction({ runCostDiff: engineReturning(makeFailingReport()) });
    expect(result.comment).toBeNull();
    expect(server.comments).toHaveLength(0);
    expect(environment.readSummary()).toContain('❌ over budget');
    expect(environment.readOutputs()).toMatchObject({ verdict: 'fail', 'comment-url': '' });
    expect(result.failure).toMatch(/over budget/);
  });

  it('comment: off and comment-key are honoured', async () => {
    prEnvironment({ comment: 'off' });
    await runAction({ runCostDiff: engineReturning(makeReport()) });
    expect(server.requests).toHaveLength(0);
    prEnvironment({ 'comment-key': 'backend' });
    await runAction({ runCostDiff: engineReturning(makeReport()) });
    expect(parseMarker(server.comments[0]!.body)?.marker.key).toBe('backend');
    expect(server.comments[0]!.body).toContain('### LLM cost · backend:');
  });

  it('rejects a wrong input with a message that names it', async () => {
    prEnvironment({ comment: 'sometimes' });
    await expect(runAction({ runCostDiff: engineReturning(makeReport()) })).rejects.toThrow(
      new UserError('Input `comment` is "sometimes"; expected one of update, new, hide-and-new, delete-and-new, off.'),
    );
    expect(calls).toHaveLength(0);
  });
});

describe('runAction on push', () => {
  it('compares with the commit before the push and writes only the summary', async () => {
    const environment = createActionEnvironment({
      eventName: 'push',
      payload: getPushPayload({ before: PR_BASE, after: PR_HEAD }),
      apiUrl: server.url,
      workspace: process.cwd(),
    });
    useEnvironment(environment);
    process.env['GITHUB_SHA'] = PR_HEAD;
    await runAction({ runCostDiff: engineReturning(makeReport()) });
    expect(calls[0]!.base).toBe(PR_BASE);
    expect(server.requests).toHaveLength(0);
    expect(environment.readSummary()).toContain('### LLM cost');
    expect(environment.readOutputs()['verdict']).toBe('pass');
  });
});
