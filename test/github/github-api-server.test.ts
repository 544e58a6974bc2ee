// The fake GitHub API must catch what the real one would reject, or the other tests prove nothing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';

let server: GitHubApiServer;
beforeEach(async () => {
  server = await startGitHubApiServer();
});
afterEach(async () => {
  await server.close();
});

async function send(method: string, path: string, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: { authorization: 'token t', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

it('records a route the description does not have', async () => {
  expect((await send('GET', '/repos/Codertocat/Hello-World/comments-that-do-not-exist')).status).toBe(404);
  expect(server.failures).toEqual(['GET /repos/Codertocat/Hello-World/comments-that-do-not-exist: no such route in the api.github.com description']);
});

it('records a body field, a query parameter and a parameter type the description does not have', async () => {
  await send('POST', '/repos/Codertocat/Hello-World/issues/2/comments', { body: 'x', sticky: true });
  await send('GET', '/repos/Codertocat/Hello-World/issues/2/comments?per_page=100&sort=created');
  await send('PATCH', '/repos/Codertocat/Hello-World/issues/comments/abc', { body: 'x' });
  expect(server.failures.join('\n')).toMatch(/request\.sticky: not in the description/);
  expect(server.failures.join('\n')).toMatch(/query parameter sort is not described/);
  expect(server.failures.join('\n')).toMatch(/path\.comment_id: expected integer/);
});

it('answers described routes with responses that match the description', async () => {
  const created = await send('POST', '/repos/Codertocat/Hello-World/issues/2/comments', { body: 'hello' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ body: 'hello', user: { login: 'github-actions[bot]', type: 'Bot' } });
  expect((await send('GET', '/repos/Codertocat/Hello-World/pulls/2')).status).toBe(200);
  expect((await send('GET', '/user')).status).toBe(403);
  expect(server.failures).toEqual([]);
});

it('accepts only the minimizeComment mutation, with its real argument types', async () => {
  const comment = server.addComment('x');
  const ok = await send('POST', '/graphql', {
    query: 'mutation($subjectId: ID!, $classifier: ReportedContentClassifiers!) { minimizeComment(input: { subjectId: $subjectId, classifier: $classifier }) { minimizedComment { isMinimized } } }',
    variables: { subjectId: comment.nodeId, classifier: 'OUTDATED' },
  });
  expect(ok.body).toEqual({ data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
  expect(server.failures).toEqual([]);
  await send('POST', '/graphql', { query: 'mutation { hideComment(id: "x") { ok } }' });
  await send('POST', '/graphql', {
    query: 'mutation($subjectId: String!, $classifier: ReportedContentClassifiers!) { minimizeComment(input: { subjectId: $subjectId, classifier: $classifier }) { minimizedComment { isHidden } } }',
    variables: { subjectId: comment.nodeId, classifier: 'OUTDATED' },
  });
  expect(server.failures).toHaveLength(2);
});

it('rejects a body over 65,536 characters as GitHub does', async () => {
  const response = await send('POST', '/repos/Codertocat/Hello-World/issues/2/comments', { body: 'x'.repeat(65_537) });
  expect(response.status).toBe(422);
  expect(server.failures).toEqual(['comment body longer than 65,536 characters']);
});
