/**
 * Posts or updates the one sticky pull-request comment: lists the comments, asks `planStickyComment` what to do,
 * and does it (create, update, hide the old one with GraphQL `minimizeComment`, or delete it).
 */
import type { GitHubClient } from './client.js';
import { getCommentAuthor } from './author.js';
import {
  planStickyComment,
  type CommentAuthor,
  type CommentMode,
  type CommentPlan,
  type ExistingComment,
} from './comment-plan.js';
import { withMarker } from './marker.js';
import { explainRequestError, type RequestErrorContext } from './request-error.js';

export interface StickyCommentOptions {
  owner: string;
  repo: string;
  issueNumber: number;
  mode: CommentMode;
  /** Keeps separate comments for matrix jobs or several projects. */
  key: string;
  headSha: string;
  /** The content (without marker), at most 65,536 characters minus the marker line. */
  content: string;
  /** Start of this run. */
  runTime: Date;
  /** The pull request's head right now, when known. */
  currentHeadSha?: string;
  /** Who the token comments as; looked up when omitted. */
  author?: CommentAuthor;
  fromFork?: boolean;
  log?: (line: string) => void;
}

export interface StickyCommentResult {
  action: 'off' | 'created' | 'updated' | 'unchanged' | 'stale';
  /** The comment's html_url (the new, updated or untouched one). */
  url: string | null;
  hidden: number;
  deleted: number;
}

const MAX_PAGES = 50;

interface RestComment {
  id: number | bigint;
  node_id: string;
  body?: string;
  html_url: string;
  created_at: string;
  user: { login: string; type: string } | null;
}

function toExisting(comment: RestComment): ExistingComment {
  return {
    id: Number(comment.id),
    nodeId: comment.node_id,
    body: comment.body ?? '',
    url: comment.html_url,
    authorLogin: comment.user?.login ?? null,
    authorType: comment.user?.type ?? null,
    createdAt: comment.created_at,
  };
}

/** Every comment on the issue or pull request, page by page. */
export async function listIssueComments(
  client: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
): Promise<ExistingComment[]> {
  const comments: ExistingComment[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      per_page: 100,
      page,
    });
    comments.push(...data.map(toExisting));
    if (data.length < 100) break;
  }
  return comments;
}

/** Creates, updates or leaves the sticky comment as the mode and the existing comments say. */
export async function upsertStickyComment(client: GitHubClient, options: StickyCommentOptions): Promise<StickyCommentResult> {
  const log = options.log ?? (() => {});
  if (options.mode === 'off') return { action: 'off', url: null, hidden: 0, deleted: 0 };
  const context: RequestErrorContext = {
    doing: 'read the pull request comments',
    repository: `${options.owner}/${options.repo}`,
    fromFork: options.fromFork ?? false,
  };
  const target = { owner: options.owner, repo: options.repo, issueNumber: options.issueNumber };
  let plan: CommentPlan;
  try {
    const author = options.author ?? (await getCommentAuthor(client, context.repository));
    const comments = await listIssueComments(client, target);
    plan = planStickyComment({
      comments,
      author,
      key: options.key,
      headSha: options.headSha,
      runTime: options.runTime.toISOString(),
      mode: options.mode,
      content: options.content,
      ...(options.currentHeadSha ? { currentHeadSha: options.currentHeadSha } : {}),
    });
  } catch (error) {
    throw explainRequestError(error, context);
  }
  const body = withMarker({ key: options.key, headSha: options.headSha, time: options.runTime.toISOString() }, options.content);
  switch (plan.action) {
    case 'off':
      return { action: 'off', url: null, hidden: 0, deleted: 0 };
    case 'unchanged':
      log(`The pull request comment is up to date: ${plan.comment.url}`);
      return { action: 'unchanged', url: plan.comment.url, hidden: 0, deleted: 0 };
    case 'stale':
      log(`Left the pull request comment as it is: ${plan.reason}.`);
      return { action: 'stale', url: plan.comment.url, hidden: 0, deleted: 0 };
    case 'update': {
      const { data } = await call(context, 'update the pull request comment', () =>
        client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner: options.owner,
          repo: options.repo,
          comment_id: plan.comment.id,
          body,
        }),
      );
      log(`Updated the pull request comment: ${data.html_url}`);
      return { action: 'updated', url: data.html_url, hidden: 0, deleted: 0 };
    }
    case 'create': {
      for (const old of plan.hide) {
        await call(context, 'hide the previous pull request comment', () => minimizeComment(client, old.nodeId));
      }
      for (const old of plan.remove) {
        await call(context, 'delete the previous pull request comment', () =>
          client.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            owner: options.owner,
            repo: options.repo,
            comment_id: old.id,
          }),
        );
      }
      const { data } = await call(context, 'create the pull request comment', () =>
        client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner: options.owner,
          repo: options.repo,
          issue_number: options.issueNumber,
          body,
        }),
      );
      log(`Created the pull request comment: ${data.html_url}`);
      return { action: 'created', url: data.html_url, hidden: plan.hide.length, deleted: plan.remove.length };
    }
  }
}

/** Internal: runs one request and explains its failure. */
async function call<T>(context: RequestErrorContext, doing: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw explainRequestError(error, { ...context, doing });
  }
}

const MINIMIZE_COMMENT = `mutation($subjectId: ID!, $classifier: ReportedContentClassifiers!) {
  minimizeComment(input: { subjectId: $subjectId, classifier: $classifier }) {
    minimizedComment { isMinimized }
  }
}`;

/** Hides a comment as outdated (GraphQL `minimizeComment`; REST has no equivalent). */
export async function minimizeComment(client: GitHubClient, nodeId: string): Promise<void> {
  await client.graphql(MINIMIZE_COMMENT, { subjectId: nodeId, classifier: 'OUTDATED' });
}
