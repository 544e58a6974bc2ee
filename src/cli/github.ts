/**
 * The CLI's GitHub side, for CI systems other than GitHub Actions: read the pull request's labels (for the
 * budget's approval label) and post the same sticky comment the action posts, through `@octokit/rest` with the
 * same retry and throttling. Failures are `UserError`s with a message that says what to fix (exit code 2).
 */
import { UserError } from '../errors.js';
import { createRestClient, getRetryBaseMs, type GitHubClient } from '../github/client.js';
import type { CommentMode } from '../github/comment-plan.js';
import { getMaxContentLength } from '../github/marker.js';
import { getPullRequest, type PullRequestInfo } from '../github/pull-request.js';
import { GitHubApiError } from '../github/request-error.js';
import { upsertStickyComment, type StickyCommentResult } from '../github/sticky-comment.js';
import { getCommentBody } from '../report/comment.js';
import type { Report } from '../report/report.js';

/** What `--github-token`, `--github-repo` (or `--repo owner/name`), `--pr` and `--github-api-url` give. */
export interface GitHubTarget {
  token: string;
  /** `owner/name`. */
  repository: string;
  pr: number;
  /** REST API root; default `GITHUB_API_URL`, else `https://api.github.com`. */
  apiUrl?: string;
}

export interface CommentSettings {
  mode?: CommentMode;
  key?: string;
  /** Start of the run (for the marker that keeps an older run from overwriting a newer comment). */
  runTime?: Date;
  /** Injected in tests; default: an `@octokit/rest` client for `target`. */
  client?: GitHubClient;
}

function splitRepository(repository: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) throw new UserError(`--github-repo must be owner/name (got '${repository}')`);
  return { owner, repo };
}

function getClient(target: GitHubTarget, log: ((line: string) => void) | undefined): GitHubClient {
  const baseUrl = target.apiUrl ?? process.env['GITHUB_API_URL'] ?? undefined;
  return createRestClient(target.token, { ...(baseUrl ? { baseUrl } : {}), ...(log ? { log } : {}), retryBaseMs: getRetryBaseMs() });
}

/** Internal: the web address of the repository, from the API URL (github.com, or a GitHub Enterprise Server). */
function getRepositoryUrl(target: GitHubTarget): string {
  const api = (target.apiUrl ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(/\/+$/, '');
  const server = process.env['GITHUB_SERVER_URL'] || (api === 'https://api.github.com' ? 'https://github.com' : api.replace(/\/api\/v3$/, ''));
  return `${server.replace(/\/+$/, '')}/${target.repository}`;
}

function asUserError(error: unknown): unknown {
  return error instanceof GitHubApiError ? new UserError(error.message) : error;
}

/** The pull request (labels, head SHA), to pass `labels` to `runCostDiff` before the report is made. */
export async function getPullRequestForCli(target: GitHubTarget, log?: (line: string) => void, client?: GitHubClient): Promise<PullRequestInfo> {
  const { owner, repo } = splitRepository(target.repository);
  try {
    return await getPullRequest(client ?? getClient(target, log), { owner, repo, number: target.pr });
  } catch (error) {
    throw asUserError(error);
  }
}

/**
 * Posts (or updates) the sticky comment for `report` on pull request `target.pr`, as the action does; links
 * point at the report's head commit. Call it after the report is rendered, before exiting with the verdict.
 */
export async function postPullRequestComment(
  report: Report,
  target: GitHubTarget,
  log?: (line: string) => void,
  settings: CommentSettings = {},
): Promise<StickyCommentResult> {
  const { owner, repo } = splitRepository(target.repository);
  const client = settings.client ?? getClient(target, log);
  const key = settings.key ?? 'default';
  try {
    const pr = await getPullRequest(client, { owner, repo, number: target.pr });
    const headSha = report.head.sha;
    const content = getCommentBody(report, {
      repositoryUrl: getRepositoryUrl(target),
      maxLength: getMaxContentLength(key),
      ...(key !== 'default' ? { title: key } : {}),
      fullReportHint: 'Run llm-cost-diff with --format json for the full report.',
    });
    const result = await upsertStickyComment(client, {
      owner,
      repo,
      issueNumber: target.pr,
      mode: settings.mode ?? 'update',
      key,
      headSha,
      content,
      runTime: settings.runTime ?? new Date(),
      currentHeadSha: pr.headSha,
      fromFork: pr.fromFork,
      ...(log ? { log } : {}),
    });
    return result;
  } catch (error) {
    throw asUserError(error);
  }
}
