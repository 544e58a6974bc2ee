/**
 * Turns a failed GitHub API call into an error that says what went wrong and what to do, instead of an Octokit
 * stack trace. The token never appears: Octokit redacts it from `error.request`, and we print only status and
 * GitHub's own message.
 */

/** A GitHub API call that failed for a reason the user can act on (permissions, token, missing PR). */
export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  constructor(
    message: string,
    readonly status: number | undefined,
    /** True when the cause is a read-only token (fork PRs): expected, not a misconfiguration. */
    readonly readOnlyToken = false,
  ) {
    super(message);
  }
}

export interface RequestErrorContext {
  /** What we were doing, e.g. `create the pull request comment`. */
  doing: string;
  /** `owner/name`. */
  repository: string;
  /** True when the pull request comes from a fork, whose token GitHub makes read-only. */
  fromFork?: boolean;
}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { data?: unknown; headers?: Record<string, unknown> };
}

/** Internal: GitHub's message from the response body, else the error's message. */
function getGitHubMessage(error: ErrorLike): string {
  const data = error.response?.data;
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message;
  return typeof error.message === 'string' ? error.message : String(error);
}

/** Explains a failed request; anything that is not an HTTP error (a bug, a network failure) is returned as is. */
export function explainRequestError(error: unknown, context: RequestErrorContext): Error {
  if (!error || typeof error !== 'object') return new Error(String(error));
  const e = error as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const detail = getGitHubMessage(e);
  const prefix = `Could not ${context.doing} on ${context.repository}`;
  switch (status) {
    case 401:
      return new GitHubApiError(
        `${prefix}: GitHub rejected the token (401 ${detail}). Pass a valid token in \`github-token\` (the default \${{ github.token }} works); a personal token may have expired.`,
        status,
      );
    case 403:
      if (/rate limit/i.test(detail)) {
        return new GitHubApiError(`${prefix}: GitHub's rate limit is exhausted (403 ${detail}). Retry later.`, status);
      }
      if (context.fromFork) {
        return new GitHubApiError(
          `${prefix}: the pull request comes from a fork, and GitHub gives workflows of fork pull requests a read-only token (403 ${detail}). The report is in the job summary; the verdict still sets the check.`,
          status,
          true,
        );
      }
      return new GitHubApiError(
        `${prefix}: the token lacks permission (403 ${detail}). Give the workflow \`permissions: { contents: read, pull-requests: write }\`, and check that the repository does not restrict GITHUB_TOKEN to read-only (Settings > Actions > Workflow permissions).`,
        status,
      );
    case 404:
      return new GitHubApiError(
        `${prefix}: not found (404 ${detail}). Check the repository and pull request number, and that the token can see the repository (a private repository needs a token with access to it).`,
        status,
      );
    case 410:
    case 422:
      return new GitHubApiError(`${prefix}: GitHub refused the request (${status} ${detail}).`, status);
    case 429:
      return new GitHubApiError(`${prefix}: rate limited (429 ${detail}) and retries ran out. Retry later.`, status);
    default:
      if (status !== undefined && status >= 500) {
        return new GitHubApiError(`${prefix}: GitHub answered ${status} (${detail}) after retries. Retry the job.`, status);
      }
      return error instanceof Error ? error : new Error(detail);
  }
}
