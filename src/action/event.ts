/**
 * What to compare, from the workflow event: a pull request (compare its base with the checked-out head, comment
 * on it), or a push / manual run (compare with the previous commit, summary only). Read from the event file
 * GitHub writes, not from `@actions/github`'s import-time context, so it is a plain function of its inputs.
 */
import { UserError } from '../errors.js';

export interface PullRequestTarget {
  kind: 'pull_request';
  owner: string;
  repo: string;
  number: number;
  /** Compare from here: the input `base`, else the pull request's base SHA. */
  base: string;
  /** Compare to here; undefined = the checked-out working tree (the merge commit `actions/checkout` makes). */
  head: string | undefined;
  /** The pull request's head commit: links and the comment marker point at it. */
  headSha: string;
  labels: string[];
  fromFork: boolean;
}

export interface CommitTarget {
  kind: 'commit';
  owner: string;
  repo: string;
  base: string;
  head: string | undefined;
  headSha: string;
}

export type RunTarget = PullRequestTarget | CommitTarget;

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const ZERO_SHA = /^0+$/;

interface PullRequestPayload {
  number?: number;
  pull_request?: {
    number: number;
    head: { sha: string; repo: { full_name: string } | null };
    base: { sha: string; repo: { full_name: string } };
    labels?: { name: string }[];
  };
  before?: string;
  repository?: { full_name?: string };
}

/** The target of this run. `payload` is the parsed `GITHUB_EVENT_PATH` file. */
export function getRunTarget(options: {
  eventName: string;
  payload: unknown;
  repository: string;
  sha: string;
  base: string;
  head: string;
}): RunTarget {
  const payload = (options.payload ?? {}) as PullRequestPayload;
  const [owner, repo] = (payload.repository?.full_name ?? options.repository).split('/');
  if (!owner || !repo) throw new UserError(`Cannot tell the repository: GITHUB_REPOSITORY is ${JSON.stringify(options.repository)}.`);
  const head = options.head || undefined;
  const pr = payload.pull_request;
  if (PULL_REQUEST_EVENTS.has(options.eventName) && pr) {
    return {
      kind: 'pull_request',
      owner,
      repo,
      number: pr.number,
      base: options.base || pr.base.sha,
      head,
      headSha: pr.head.sha,
      labels: (pr.labels ?? []).map((label) => label.name),
      fromFork: pr.head.repo === null || pr.head.repo.full_name !== pr.base.repo.full_name,
    };
  }
  if (PULL_REQUEST_EVENTS.has(options.eventName)) {
    throw new UserError(`The ${options.eventName} event has no pull_request in its payload (GITHUB_EVENT_PATH).`);
  }
  // A push compares with the commit before it; a new branch (before = 000…) or a manual run with its parent.
  const before = options.eventName === 'push' && payload.before && !ZERO_SHA.test(payload.before) ? payload.before : undefined;
  return { kind: 'commit', owner, repo, base: options.base || before || 'HEAD~1', head, headSha: options.sha };
}
