import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionClient, createRestClient, type GitHubClient } from '../../src/github/client.js';
import { formatMarker, parseMarker } from '../../src/github/marker.js';
import { GitHubApiError } from '../../src/github/request-error.js';
import { upsertStickyComment, type StickyCommentOptions } from '../../src/github/sticky-comment.js';
import { getPullRequest } from '../../src/github/pull-request.js';
import { GITHUB_ACTIONS_BOT, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';

const HEAD = 'a'.repeat(40);
const NEWER = 'b'.repeat(40);
const TOKEN = 'ghs_test_token';

let server: GitHubApiServer;
let client: GitHubClient;
let logs: string[];

function options(overrides: Partial<StickyCommentOptions> = {}): StickyCommentOptions {
  return {
    owner: server.owner,
    repo: server.repo,
    issueNumber: server.pullRequest.number,
    mode: 'update',
    key: 'default',
    headSha: HEAD,
    content: '### LLM cost: +$1.00/mo\n',
    runTime: new Date('2025-02-01T10:00:00Z'),
    log: (line) => logs.push(line),
    ...overrides,
  };
}

function ourComments() {
  return server.comments.filter((c) => parseMarker(c.body)?.marker.key !== undefined && c.user.login === GITHUB_ACTIONS_BOT.login);
}

beforeEach(async () => {
  server = await startGitHubApiServer({ token: TOKEN });
  client = createActionClient(TOKEN, { baseUrl: server.url, retryBaseMs: 5, log: (line) => logs.push(line) });
  logs = [];
});

afterEach(async () => {
  await server.close();
  expect(server.failures).toEqual([]);
});

describe('upsertStickyComment', () => {
  it('creates the comment on the first run, updates it in place on the next, and skips an unchanged body', async () => {
    const first = await upsertStickyComment(client, options());
    expect(first.action).toBe('created');
    expect(server.comments).toHaveLength(1);
    const created = server.comments[0]!;
    expect(first.url).toBe(`https://github.com/${server.owner}/${server.repo}/pull/2#issuecomment-${created.id}`);
    expect(parseMarker(created.body)).toEqual({
      marker: { key: 'default', headSha: HEAD, time: '2025-02-01T10:00:00.000Z' },
      content: '### LLM cost: +$1.00/mo\n',
    });

    const second = await upsertStickyComment(client, options({ content: 'changed\n', headSha: NEWER, runTime: new Date('2025-02-01T11:00:00Z') }));
    expect(second).toMatchObject({ action: 'updated', url: first.url });
    expect(server.comments).toHaveLength(1);
    expect(parseMarker(server.comments[0]!.body)?.content).toBe('changed\n');
    expect(parseMarker(server.comments[0]!.body)?.marker.headSha).toBe(NEWER);

    const requestsBefore = server.requests.length;
    const third = await upsertStickyComment(client, options({ content: 'changed\n', headSha: NEWER, runTime: new Date('2025-02-01T12:00:00Z') }));
    expect(third).toMatchObject({ action: 'unchanged', url: first.url });
    const writes = server.requests.slice(requestsBefore).filter((r) => r.method !== 'GET');
    expect(writes).toEqual([]);
  });

  it('never edits a comment with our marker written by someone else', async () => {
    const planted = server.addComment(
      `${formatMarker({ key: 'default', headSha: NEWER, time: '2030-01-01T00:00:00.000Z' })}\nfake`,
      { login: 'mallory', id: 666, type: 'User' },
    );
    const result = await upsertStickyComment(client, options());
    expect(result.action).toBe('created');
    expect(server.comments.find((c) => c.id === planted.id)?.body).toContain('fake');
    expect(server.comments).toHaveLength(2);
  });

  it('keeps one comment per comment-key', async () => {
    await upsertStickyComment(client, options({ key: 'frontend' }));
    await upsertStickyComment(client, options({ key: 'backend', content: 'backend\n' }));
    await upsertStickyComment(client, options({ key: 'frontend', content: 'frontend v2\n' }));
    expect(server.comments.map((c) => parseMarker(c.body))).toMatchObject([
      { marker: { key: 'frontend' }, content: 'frontend v2\n' },
      { marker: { key: 'backend' }, content: 'backend\n' },
    ]);
  });

  it('does not let a run for an older commit overwrite the comment for the current head', async () => {
    server.addComment(`${formatMarker({ key: 'default', headSha: NEWER, time: '2025-02-01T09:00:00.000Z' })}\nnewer report\n`);
    const result = await upsertStickyComment(client, options({ currentHeadSha: NEWER, content: 'older report\n' }));
    expect(result.action).toBe('stale');
    expect(server.comments[0]!.body).toContain('newer report');
    expect(logs.join('\n')).toMatch(/current head bbbbbbb/);
  });

  it('without the current head, a comment written after this run started wins', async () => {
    server.addComment(`${formatMarker({ key: 'default', headSha: NEWER, time: '2025-02-01T10:05:00.000Z' })}\nnewer report\n`);
    const result = await upsertStickyComment(client, options({ content: 'older report\n' }));
    expect(result.action).toBe('stale');
    expect(server.comments[0]!.body).toContain('newer report');
  });

  it('a run for the current head always updates, even after a later run for an older commit', async () => {
    server.addComment(`${formatMarker({ key: 'default', headSha: NEWER, time: '2025-02-01T10:05:00.000Z' })}\nrerun of old\n`);
    const result = await upsertStickyComment(client, options({ currentHeadSha: HEAD, content: 'current\n' }));
    expect(result.action).toBe('updated');
  });

  it('hide-and-new minimizes the previous comment as outdated (GraphQL) and posts a new one', async () => {
    const old = server.addComment(`${formatMarker({ key: 'default', headSha: HEAD, time: '2025-02-01T09:00:00.000Z' })}\nold\n`);
    const result = await upsertStickyComment(client, options({ mode: 'hide-and-new', content: 'new\n' }));
    expect(result).toMatchObject({ action: 'created', hidden: 1 });
    expect(server.comments.find((c) => c.id === old.id)?.minimizedReason).toBe('outdated');
    expect(server.comments).toHaveLength(2);
    expect(server.requests.some((r) => r.route === '/graphql')).toBe(true);
  });

  it('delete-and-new deletes every previous comment of the key and posts a new one', async () => {
    server.addComment(`${formatMarker({ key: 'default', headSha: HEAD, time: '2025-02-01T08:00:00.000Z' })}\none\n`);
    server.addComment(`${formatMarker({ key: 'default', headSha: HEAD, time: '2025-02-01T09:00:00.000Z' })}\ntwo\n`);
    const result = await upsertStickyComment(client, options({ mode: 'delete-and-new', content: 'three\n' }));
    expect(result).toMatchObject({ action: 'created', deleted: 2 });
    expect(server.comments.map((c) => parseMarker(c.body)?.content)).toEqual(['three\n']);
  });

  it('new keeps the old comment and adds another; off does nothing at all', async () => {
    await upsertStickyComment(client, options());
    await upsertStickyComment(client, options({ mode: 'new', content: 'second\n' }));
    expect(server.comments).toHaveLength(2);
    const count = server.requests.length;
    expect((await upsertStickyComment(client, options({ mode: 'off', content: 'third\n' }))).action).toBe('off');
    expect(server.requests.length).toBe(count);
  });

  it('finds its comment past the first page of 100', async () => {
    for (let i = 0; i < 120; i++) server.addComment(`chatter ${i}`, { login: 'octocat', id: 1, type: 'User' });
    await upsertStickyComment(client, options());
    expect((await upsertStickyComment(client, options({ content: 'again\n' }))).action).toBe('updated');
    expect(ourComments()).toHaveLength(1);
    expect(server.requests.some((r) => r.path.includes('page=2'))).toBe(true);
  });

  it('with a personal token, matches comments by the login GET /user returns', async () => {
    await server.close();
    server = await startGitHubApiServer({ token: TOKEN, identity: { login: 'ci-user', id: 77 } });
    client = createActionClient(TOKEN, { baseUrl: server.url, retryBaseMs: 5 });
    server.addComment(`${formatMarker({ key: 'default', headSha: HEAD, time: '2025-02-01T09:00:00.000Z' })}\nby a bot\n`);
    expect((await upsertStickyComment(client, options())).action).toBe('created');
    expect((await upsertStickyComment(client, options({ content: 'v2\n' }))).action).toBe('updated');
    expect(server.comments.map((c) => c.user.login)).toEqual(['github-actions[bot]', 'ci-user']);
  });
});

describe('retries and errors', () => {
  it('retries a 500 and succeeds', async () => {
    server.fail({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 500 });
    const started = Date.now();
    const result = await upsertStickyComment(client, options());
    expect(result.action).toBe('created');
    expect(server.comments).toHaveLength(1);
    expect(server.calls().filter((c) => c.startsWith('POST'))).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 500',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201',
    ]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('waits out a secondary rate limit (429 with retry-after) and succeeds', async () => {
    server.fail({
      method: 'GET',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 429,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '2' },
    });
    const result = await upsertStickyComment(client, options());
    expect(result.action).toBe('created');
    expect(logs.join('\n')).toMatch(/secondary rate limit .*retrying in 2s/);
    expect(server.calls().filter((c) => c.includes('comments 429'))).toHaveLength(1);
  });

  it('explains a 403 on create for a fork pull request, without a stack trace', async () => {
    server.fail({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 403,
      message: 'Resource not accessible by integration',
      times: Infinity,
    });
    const error = await upsertStickyComment(client, options({ fromFork: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).readOnlyToken).toBe(true);
    expect((error as Error).message).toMatch(/fork.*read-only token.*403 Resource not accessible by integration/);
    expect(server.calls().filter((c) => c.startsWith('POST'))).toHaveLength(1); // 403 is not retried
  });

  it('explains a 403 on a same-repository pull request as missing permissions', async () => {
    server.fail({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', status: 403, message: 'Resource not accessible by integration' });
    const error = (await upsertStickyComment(client, options()).catch((e: unknown) => e)) as GitHubApiError;
    expect(error.readOnlyToken).toBe(false);
    expect(error.message).toMatch(/pull-requests: write/);
  });

  it('explains a bad token (401)', async () => {
    const bad = createActionClient('wrong', { baseUrl: server.url, retryBaseMs: 5 });
    const error = (await upsertStickyComment(bad, options()).catch((e: unknown) => e)) as GitHubApiError;
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error.message).toMatch(/rejected the token \(401 Bad credentials\)/);
    expect(error.message).not.toContain('wrong');
  });

  it('explains a missing repository or pull request (404)', async () => {
    const error = (await upsertStickyComment(client, options({ repo: 'nope' })).catch((e: unknown) => e)) as GitHubApiError;
    expect(error.message).toMatch(/Could not read the pull request comments on Codertocat\/nope: not found \(404/);
  });
});

describe('the @octokit/rest client (CLI)', () => {
  it('posts and updates the same sticky comment, retrying a 500', async () => {
    const rest = createRestClient(TOKEN, { baseUrl: server.url, retryBaseMs: 5 });
    server.fail({ method: 'PATCH', route: '/repos/{owner}/{repo}/issues/comments/{comment_id}', status: 502 });
    expect((await upsertStickyComment(rest, options())).action).toBe('created');
    expect((await upsertStickyComment(rest, options({ content: 'v2\n' }))).action).toBe('updated');
    expect(server.comments).toHaveLength(1);
  });
});

describe('getPullRequest', () => {
  it('reads head, labels and whether it comes from a fork', async () => {
    server.pullRequest.labels = ['llm-cost-approved'];
    server.pullRequest.fromFork = true;
    const pr = await getPullRequest(client, { owner: server.owner, repo: server.repo, number: 2 });
    expect(pr).toMatchObject({ number: 2, headSha: server.pullRequest.headSha, labels: ['llm-cost-approved'], fromFork: true });
  });
});
