import { afterEach, beforeEach, expect, it } from 'vitest';
import { getPullRequestForCli, postPullRequestComment } from '../../src/cli/github.js';
import { UserError } from '../../src/errors.js';
import { parseMarker } from '../../src/github/marker.js';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { HEAD_SHA, makeReport } from '../support/report-fixtures.js';

let server: GitHubApiServer;
let saved: string | undefined;
beforeEach(async () => {
  saved = process.env['LLM_COST_DIFF_TEST_RETRY_BASE_MS'];
  process.env['LLM_COST_DIFF_TEST_RETRY_BASE_MS'] = '5';
  server = await startGitHubApiServer({ token: 'ghp_cli', identity: { login: 'ci-bot', id: 5 }, pullRequest: { headSha: HEAD_SHA, labels: ['llm-cost-approved'] } });
});
afterEach(async () => {
  if (saved === undefined) delete process.env['LLM_COST_DIFF_TEST_RETRY_BASE_MS'];
  else process.env['LLM_COST_DIFF_TEST_RETRY_BASE_MS'] = saved;
  await server.close();
  expect(server.failures).toEqual([]);
});

it('posts and then updates the sticky comment from another CI, through @octokit/rest', async () => {
  const target = { token: 'ghp_cli', repository: 'Codertocat/Hello-World', pr: 2, apiUrl: server.url };
  expect((await getPullRequestForCli(target)).labels).toEqual(['llm-cost-approved']);
  server.fail({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 503 });
  expect((await postPullRequestComment(makeReport(), target)).action).toBe('created');
  const report = makeReport();
  report.totals.deltaMonthlyUsd = 1;
  expect((await postPullRequestComment(report, target)).action).toBe('updated');
  expect(server.comments).toHaveLength(1);
  expect(server.comments[0]!.user.login).toBe('ci-bot');
  expect(parseMarker(server.comments[0]!.body)?.content).toContain(`/blob/${HEAD_SHA}/src/review.ts#L42`);
});

it('turns API failures into UserErrors (exit 2) that say what to fix', async () => {
  const target = { token: 'bad', repository: 'Codertocat/Hello-World', pr: 2, apiUrl: server.url };
  await expect(postPullRequestComment(makeReport(), target)).rejects.toThrow(UserError);
  await expect(postPullRequestComment(makeReport(), target)).rejects.toThrow(/rejected the token \(401 Bad credentials\)/);
  await expect(getPullRequestForCli({ ...target, token: 'ghp_cli', pr: 99 })).rejects.toThrow(/read pull request #99 on Codertocat\/Hello-World: not found/);
});
