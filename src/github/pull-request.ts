/** The pull request as GitHub sees it now: its head (newer pushes may have landed) and its labels. */
import type { GitHubClient } from './client.js';
import { explainRequestError } from './request-error.js';

export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  headRef: string;
  labels: string[];
  /** The head branch lives in another repository, so the workflow token is read-only. */
  fromFork: boolean;
  htmlUrl: string;
}

/** Reads one pull request (`GET /repos/{owner}/{repo}/pulls/{pull_number}`). */
export async function getPullRequest(
  client: GitHubClient,
  target: { owner: string; repo: string; number: number },
): Promise<PullRequestInfo> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
    });
    return {
      number: data.number,
      headSha: data.head.sha,
      baseSha: data.base.sha,
      baseRef: data.base.ref,
      headRef: data.head.ref,
      labels: data.labels.map((label) => label.name),
      fromFork: data.head.repo === null || data.head.repo.full_name !== data.base.repo.full_name,
      htmlUrl: data.html_url,
    };
  } catch (error) {
    throw explainRequestError(error, {
      doing: `read pull request #${target.number}`,
      repository: `${target.owner}/${target.repo}`,
    });
  }
}
