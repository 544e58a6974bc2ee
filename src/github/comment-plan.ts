/**
 * Decides what to do with the sticky comment, from the comments already on the pull request: a pure function, so
 * every mode and race is tested with plain values. `sticky-comment.ts` carries the plan out.
 */
import { parseMarker, type CommentMarker } from './marker.js';

export const COMMENT_MODES = ['update', 'new', 'hide-and-new', 'delete-and-new', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** A comment as listed by the REST API, reduced to what the plan needs. */
export interface ExistingComment {
  id: number;
  nodeId: string;
  body: string;
  url: string;
  authorLogin: string | null;
  authorType: string | null;
  createdAt: string;
}

/** Who writes our comments: a known login, or, when the token cannot tell (GITHUB_TOKEN), any bot account. */
export type CommentAuthor = { login: string } | { anyBot: true };

/** One of our comments with its parsed marker. */
export interface OwnComment extends ExistingComment {
  marker: CommentMarker;
  content: string;
}

export type CommentPlan =
  | { action: 'off' }
  | { action: 'unchanged'; comment: OwnComment }
  | { action: 'stale'; comment: OwnComment; reason: string }
  | { action: 'update'; comment: OwnComment }
  | { action: 'create'; hide: OwnComment[]; remove: OwnComment[] };

export interface PlanInput {
  comments: ExistingComment[];
  author: CommentAuthor;
  key: string;
  headSha: string;
  /** ISO time of this run. */
  runTime: string;
  /** The pull request's head right now, when known: a run for it is never stale. */
  currentHeadSha?: string;
  mode: CommentMode;
  /** The new content (without the marker). */
  content: string;
}

/** Our comments for this key, oldest first: the marker must match and the author must be us. */
export function findOwnComments(comments: ExistingComment[], author: CommentAuthor, key: string): OwnComment[] {
  const own: OwnComment[] = [];
  for (const comment of comments) {
    const isOurs = 'login' in author ? comment.authorLogin === author.login : comment.authorType === 'Bot';
    if (!isOurs) continue;
    const parsed = parseMarker(comment.body);
    if (!parsed || parsed.marker.key !== key) continue;
    own.push({ ...comment, ...parsed });
  }
  return own.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}

/**
 * Internal: why the latest comment was written for a newer run than this one, or null. A run for the pull
 * request's current head is never stale; otherwise a comment for the current head, or one written later for
 * another commit, wins.
 */
function getStaleReason(latest: OwnComment, input: PlanInput): string | null {
  if (latest.marker.headSha === input.headSha) return null;
  if (input.currentHeadSha !== undefined) {
    if (input.currentHeadSha === input.headSha) return null;
    if (latest.marker.headSha === input.currentHeadSha) {
      return `the comment is for the pull request's current head ${input.currentHeadSha.slice(0, 7)}, and this run is for ${input.headSha.slice(0, 7)}`;
    }
  }
  const written = Date.parse(latest.marker.time);
  const now = Date.parse(input.runTime);
  if (Number.isFinite(written) && Number.isFinite(now) && written > now) {
    return `the comment was written at ${latest.marker.time} for ${latest.marker.headSha.slice(0, 7)}, after this run for ${input.headSha.slice(0, 7)} started`;
  }
  return null;
}

/** What to do with the sticky comment. */
export function planStickyComment(input: PlanInput): CommentPlan {
  if (input.mode === 'off') return { action: 'off' };
  const own = findOwnComments(input.comments, input.author, input.key);
  const latest = own.at(-1);
  if (!latest) return { action: 'create', hide: [], remove: [] };
  const staleReason = getStaleReason(latest, input);
  if (staleReason) return { action: 'stale', comment: latest, reason: staleReason };
  if (latest.content === input.content) return { action: 'unchanged', comment: latest };
  switch (input.mode) {
    case 'update':
      return { action: 'update', comment: latest };
    case 'new':
      return { action: 'create', hide: [], remove: [] };
    case 'hide-and-new':
      // Earlier ones were hidden by earlier runs; REST does not say, so only the latest is hidden again.
      return { action: 'create', hide: [latest], remove: [] };
    case 'delete-and-new':
      return { action: 'create', hide: [], remove: own };
  }
}
