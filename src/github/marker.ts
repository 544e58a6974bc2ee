/**
 * The hidden marker that makes a comment ours: an HTML comment on the first line of the body with the comment key,
 * the head SHA and the time of the run, so a later run finds the comment and a run for an older commit can tell
 * that a newer one already wrote it.
 */

export interface CommentMarker {
  key: string;
  headSha: string;
  /** ISO 8601 time of the run that wrote the comment. */
  time: string;
}

const PREFIX = '<!-- llm-cost-diff:comment ';
const MARKER_LINE = /^<!-- llm-cost-diff:comment key=([A-Za-z0-9._\/-]{1,100}) head=([0-9a-f]{0,64}) time=(\S{1,40}) -->/;

/** Comment keys end up inside an HTML comment, so they are limited to a safe alphabet. */
export const COMMENT_KEY_PATTERN = /^[A-Za-z0-9._\/-]{1,100}$/;

/** The marker line for a comment body. */
export function formatMarker(marker: CommentMarker): string {
  if (!COMMENT_KEY_PATTERN.test(marker.key)) throw new Error(`Invalid comment key: ${JSON.stringify(marker.key)}`);
  if (!/^[0-9a-f]{0,64}$/.test(marker.headSha)) throw new Error(`Invalid head SHA: ${JSON.stringify(marker.headSha)}`);
  return `${PREFIX}key=${marker.key} head=${marker.headSha} time=${marker.time} -->`;
}

/** The marker of a comment body and the content after it, or null when the body does not start with one. */
export function parseMarker(body: string | null | undefined): { marker: CommentMarker; content: string } | null {
  if (!body) return null;
  const match = MARKER_LINE.exec(body);
  if (!match) return null;
  const [line, key, headSha, time] = match as unknown as [string, string, string, string];
  const rest = body.slice(line.length);
  return { marker: { key, headSha, time }, content: rest.startsWith('\n') ? rest.slice(1) : rest };
}

/** A comment body: the marker line, then the content. */
export function withMarker(marker: CommentMarker, content: string): string {
  return `${formatMarker(marker)}\n${content}`;
}

/** GitHub's limit on a comment body, in characters. */
export const MAX_COMMENT_LENGTH = 65_536;

/** How long the content of a comment with this key may be, so marker line and content fit GitHub's limit. */
export function getMaxContentLength(key: string): number {
  const marker = formatMarker({ key, headSha: '0'.repeat(64), time: new Date(0).toISOString() });
  return MAX_COMMENT_LENGTH - marker.length - 1;
}
