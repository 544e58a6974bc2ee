/** Who the token comments as, so only our own comments are ever found, edited, hidden or deleted. */
import type { GitHubClient } from './client.js';
import type { CommentAuthor } from './comment-plan.js';
import { explainRequestError } from './request-error.js';

/**
 * The login behind the token (`GET /user`). Installation tokens (GITHUB_TOKEN, GitHub Apps) may not read it
 * (403 "Resource not accessible by integration"); their comments are written by a bot account, so then any bot's
 * comment with our marker counts, and no person's does.
 */
export async function getCommentAuthor(client: GitHubClient, repository: string): Promise<CommentAuthor> {
  try {
    const { data } = await client.request('GET /user');
    return { login: data.login };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 403 || status === 404) return { anyBot: true };
    throw explainRequestError(error, { doing: 'identify the token (GET /user)', repository });
  }
}
