/**
 * A loopback GitHub API for tests: a real HTTP server (127.0.0.1, random port) that simulates the few routes
 * llm-cost-diff uses (comments in memory, one pull request, GET /user, GraphQL minimizeComment) and checks every
 * exchange against `@octokit/openapi`'s description of api.github.com: the route and method must exist, path and
 * query parameters and the request body must match the operation, and every response it sends must match the
 * described response. Anything else is recorded in `failures`, which a test asserts is empty.
 *
 * Faults (`fail`) simulate what GitHub does: 5xx, secondary rate limits with retry-after, 403 for read-only
 * tokens (fork pull requests), 401 for a bad token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadGitHubDescription, SchemaValidator, type Schema } from './openapi-schema.js';

export interface StoredComment {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: { login: string; id: number; type: 'User' | 'Bot' };
  createdAt: string;
  updatedAt: string;
  minimizedReason: string | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The described route, e.g. `/repos/{owner}/{repo}/issues/{issue_number}/comments`, or `/graphql`. */
  route: string | null;
  body: unknown;
  status: number;
}

export interface Fault {
  method: string;
  route: string;
  status: number;
  /** How many requests fail (default 1; Infinity for always). */
  times?: number;
  message?: string;
  headers?: Record<string, string>;
}

export interface PullRequestState {
  number: number;
  headSha: string;
  baseSha: string;
  labels: string[];
  fromFork: boolean;
}

export interface ServerOptions {
  owner?: string;
  repo?: string;
  /** The token clients must send; anything else gets 401 Bad credentials. */
  token?: string;
  /** Who the token is. `integration` (GITHUB_TOKEN): GET /user answers 403 and comments are by github-actions[bot]. */
  identity?: 'integration' | { login: string; id: number };
  pullRequest?: Partial<PullRequestState>;
}

export const GITHUB_ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  operations: Record<string, Schema>;
}

let routes: Route[] | undefined;

function getRoutes(): Route[] {
  if (!routes) {
    const description = loadGitHubDescription();
    routes = Object.entries(description.paths).map(([template, item]) => {
      const names: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { template, pattern: new RegExp(`^${source}$`), names, operations: item as Record<string, Schema> };
    });
  }
  return routes;
}

function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const route of getRoutes()) {
    const match = route.pattern.exec(pathname);
    if (!match || !route.operations[method.toLowerCase()]) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    return { route, params };
  }
  return null;
}

const MINIMIZE_CLASSIFIERS = ['ABUSE', 'DUPLICATE', 'OFF_TOPIC', 'OUTDATED', 'RESOLVED', 'SPAM'];
const MINIMIZED_COMMENT_FIELDS = new Set(['isMinimized', 'minimizedReason', 'viewerCanMinimize']);

export class GitHubApiServer {
  readonly failures: string[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly comments: StoredComment[] = [];
  readonly pullRequest: PullRequestState;
  readonly owner: string;
  readonly repo: string;
  url = '';
  private readonly faults: Fault[] = [];
  private readonly validator = new SchemaValidator(loadGitHubDescription());
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private nextId = 1000;
  private clock = Date.parse('2025-01-01T00:00:00Z');

  constructor(private readonly options: ServerOptions = {}) {
    this.owner = options.owner ?? 'Codertocat';
    this.repo = options.repo ?? 'Hello-World';
    this.pullRequest = {
      number: 2,
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      labels: [],
      fromFork: false,
      ...options.pullRequest,
    };
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes the next `times` requests to `method route` fail with `status`. */
  fail(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** A comment written by someone (to seed the store); returns it. */
  addComment(body: string, user: StoredComment['user'] = GITHUB_ACTIONS_BOT, issueNumber = this.pullRequest.number): StoredComment {
    const time = this.tick();
    const comment: StoredComment = {
      id: this.nextId++,
      nodeId: `IC_kwDO${(this.nextId * 7919).toString(36)}`,
      issueNumber,
      body,
      user,
      createdAt: time,
      updatedAt: time,
      minimizedReason: null,
    };
    this.comments.push(comment);
    return comment;
  }

  /** Requests other than the identity lookups, as `METHOD route`. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.route ?? r.path} ${r.status}`);
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private get author(): StoredComment['user'] {
    const identity = this.options.identity ?? 'integration';
    return identity === 'integration' ? GITHUB_ACTIONS_BOT : { login: identity.login, id: identity.id, type: 'User' };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        this.failures.push(`${method} ${url.pathname}: request body is not JSON`);
      }
    }
    const record: RecordedRequest = { method, path: url.pathname + url.search, route: null, body, status: 0 };
    this.requests.push(record);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(data === undefined ? undefined : JSON.stringify(data));
    };

    const auth = req.headers.authorization ?? '';
    const token = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1];
    if (!token || (this.options.token !== undefined && token !== this.options.token)) {
      record.route = url.pathname;
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }

    if (url.pathname === '/graphql') {
      record.route = '/graphql';
      const fault = this.takeFault(method, '/graphql');
      if (fault) return send(fault.status, this.errorBody(fault), fault.headers);
      return this.handleGraphql(method, body, send);
    }

    const match = matchRoute(method, url.pathname);
    if (!match) {
      this.failures.push(`${method} ${url.pathname}: no such route in the api.github.com description`);
      return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    }
    record.route = match.route.template;
    const operation = match.route.operations[method.toLowerCase()]!;
    const where = `${method} ${match.route.template}`;
    this.checkParameters(where, operation, match.params, url.searchParams);
    this.checkRequestBody(where, operation, body);

    const fault = this.takeFault(method, match.route.template);
    const [status, data, headers] = fault
      ? [fault.status, this.errorBody(fault), fault.headers ?? {}]
      : this.simulate(method, match.route.template, match.params, url.searchParams, body);
    this.checkResponse(where, operation, status, data);
    return send(status, data, headers);
  }

  private takeFault(method: string, route: string): Fault | undefined {
    const fault = this.faults.find((f) => f.method === method && f.route === route && (f.times ?? 1) > 0);
    if (fault) fault.times = (fault.times ?? 1) - 1;
    return fault;
  }

  private errorBody(fault: Fault): Record<string, string> {
    return {
      message: fault.message ?? (fault.status >= 500 ? 'Server Error' : 'Error'),
      documentation_url: 'https://docs.github.com/rest',
      status: String(fault.status),
    };
  }

  private checkParameters(where: string, operation: Schema, params: Record<string, string>, query: URLSearchParams): void {
    const declared = ((operation['parameters'] as unknown[]) ?? []).map((p) => this.validator.resolve<Schema>(p));
    for (const [name, value] of Object.entries(params)) {
      const parameter = declared.find((p) => p['in'] === 'path' && p['name'] === name);
      if (!parameter) this.failures.push(`${where}: path parameter ${name} is not described`);
      else this.failures.push(...this.validator.validate(parameter['schema'], this.coerce(parameter['schema'], value), `${where} path.${name}`));
    }
    for (const [name, value] of query) {
      const parameter = declared.find((p) => p['in'] === 'query' && p['name'] === name);
      if (!parameter) this.failures.push(`${where}: query parameter ${name} is not described`);
      else this.failures.push(...this.validator.validate(parameter['schema'], this.coerce(parameter['schema'], value), `${where} query.${name}`));
    }
    for (const parameter of declared) {
      if (parameter['required'] === true && parameter['in'] === 'query' && !query.has(parameter['name'] as string)) {
        this.failures.push(`${where}: required query parameter ${String(parameter['name'])} is missing`);
      }
    }
  }

  private coerce(schema: unknown, value: string): unknown {
    const type = this.validator.resolve<Schema>(schema)['type'];
    return type === 'integer' || type === 'number' ? Number(value) : type === 'boolean' ? value === 'true' : value;
  }

  private checkRequestBody(where: string, operation: Schema, body: unknown): void {
    const requestBody = operation['requestBody'] ? this.validator.resolve<Schema>(operation['requestBody']) : undefined;
    if (!requestBody) {
      if (body !== undefined) this.failures.push(`${where}: sends a body, but the operation takes none`);
      return;
    }
    if (body === undefined) {
      if (requestBody['required'] === true) this.failures.push(`${where}: the request body is required`);
      return;
    }
    const content = requestBody['content'] as Record<string, { schema: unknown }>;
    const json = content['application/json'];
    if (!json) return void this.failures.push(`${where}: the operation takes no JSON body`);
    this.failures.push(...this.validator.validate(json.schema, body, `${where} request`));
  }

  private checkResponse(where: string, operation: Schema, status: number, data: unknown): void {
    const responses = operation['responses'] as Record<string, unknown>;
    const described = responses[String(status)];
    let schema: unknown;
    if (described) {
      const response = this.validator.resolve<Schema>(described);
      const content = response['content'] as Record<string, { schema: unknown }> | undefined;
      if (!content) {
        if (data !== undefined) this.failures.push(`${where} ${status}: sends a body the description does not have`);
        return;
      }
      schema = content['application/json']?.schema;
    } else if (status === 401 || status === 429 || status >= 500) {
      // Statuses every endpoint can answer (bad token, rate limit, outage) carry GitHub's basic error.
      schema = { $ref: '#/components/schemas/basic-error' };
    } else {
      return void this.failures.push(`${where}: status ${status} is not described`);
    }
    if (schema) this.failures.push(...this.validator.validate(schema, data, `${where} ${status} response`));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Simulated behaviour.

  private simulate(
    method: string,
    route: string,
    params: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ): [number, unknown, Record<string, string>] {
    const repoOk = params['owner'] === this.owner && params['repo'] === this.repo;
    const notFound: [number, unknown, Record<string, string>] = [
      404,
      { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
      {},
    ];
    switch (`${method} ${route}`) {
      case 'GET /user': {
        if ((this.options.identity ?? 'integration') === 'integration') {
          return [403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user', status: '403' }, {}];
        }
        return [200, this.privateUser(), {}];
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}':
        if (!repoOk || Number(params['pull_number']) !== this.pullRequest.number) return notFound;
        return [200, this.pullRequestBody(), {}];
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (!repoOk) return notFound;
        const perPage = Number(query.get('per_page') ?? 30);
        const page = Number(query.get('page') ?? 1);
        const all = this.comments.filter((c) => c.issueNumber === Number(params['issue_number']));
        return [200, all.slice((page - 1) * perPage, page * perPage).map((c) => this.commentBody(c)), {}];
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        if (!repoOk) return notFound;
        const text = (body as { body: string }).body;
        if (text.length > 65_536) return this.tooLong();
        const comment = this.addComment(text, this.author, Number(params['issue_number']));
        return [201, this.commentBody(comment), { location: `${this.url}/repos/${this.owner}/${this.repo}/issues/comments/${comment.id}` }];
      }
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const comment = this.comments.find((c) => c.id === Number(params['comment_id']));
        if (!repoOk || !comment) return notFound;
        const text = (body as { body: string }).body;
        if (text.length > 65_536) return this.tooLong();
        if (comment.user.login !== this.author.login) {
          return [403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' }, {}];
        }
        comment.body = text;
        comment.updatedAt = this.tick();
        return [200, this.commentBody(comment), {}];
      }
      case 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const index = this.comments.findIndex((c) => c.id === Number(params['comment_id']));
        if (!repoOk || index < 0) return notFound;
        this.comments.splice(index, 1);
        return [204, undefined, {}];
      }
      default:
        this.failures.push(`${method} ${route}: described, but not simulated by the test server`);
        return [501, { message: 'Not simulated', documentation_url: 'https://docs.github.com/rest', status: '501' }, {}];
    }
  }

  private tooLong(): [number, unknown, Record<string, string>] {
    this.failures.push('comment body longer than 65,536 characters');
    return [
      422,
      {
        message: 'Validation Failed',
        errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      },
      {},
    ];
  }

  /** Only the one mutation the tool sends is understood; its shape is checked against GitHub's GraphQL schema. */
  private handleGraphql(method: string, body: unknown, send: (status: number, data: unknown) => void): void {
    const fail = (message: string) => {
      this.failures.push(`POST /graphql: ${message}`);
      send(200, { errors: [{ message }] });
    };
    if (method !== 'POST') return fail(`method ${method}`);
    if (typeof body !== 'object' || body === null) return fail('no JSON body');
    const { query, variables, ...rest } = body as { query?: unknown; variables?: Record<string, unknown> };
    if (Object.keys(rest).length > 0) return fail(`unknown body fields ${Object.keys(rest).join(', ')}`);
    if (typeof query !== 'string') return fail('no query');
    const compact = query.replace(/\s+/g, ' ');
    const mutation = /^mutation ?(?:\w+ ?)?\((.*?)\) ?\{ ?minimizeComment ?\(input: ?\{(.*?)\}\) ?\{ ?minimizedComment ?\{([^}]*)\} ?\} ?\}$/.exec(compact.trim());
    if (!mutation) return fail(`unsupported operation: ${compact}`);
    const declared = Object.fromEntries(
      mutation[1]!.split(',').map((d) => d.trim().split(/ ?: ?/) as [string, string]),
    );
    if (declared['$subjectId'] !== 'ID!' || declared['$classifier'] !== 'ReportedContentClassifiers!') {
      return fail(`variables declared as ${mutation[1]}; minimizeComment takes subjectId: ID!, classifier: ReportedContentClassifiers!`);
    }
    const inputFields = mutation[2]!.split(',').map((f) => f.trim().split(/ ?: ?/)[0]);
    if (inputFields.some((f) => f !== 'subjectId' && f !== 'classifier' && f !== 'clientMutationId')) {
      return fail(`MinimizeCommentInput has no field among ${inputFields.join(', ')}`);
    }
    const selected = mutation[3]!.trim().split(/[\s,]+/);
    if (selected.some((f) => !MINIMIZED_COMMENT_FIELDS.has(f))) return fail(`Minimizable has no field among ${selected.join(', ')}`);
    const subjectId = variables?.['subjectId'];
    const classifier = variables?.['classifier'];
    if (typeof classifier !== 'string' || !MINIMIZE_CLASSIFIERS.includes(classifier)) return fail(`classifier ${String(classifier)}`);
    const comment = this.comments.find((c) => c.nodeId === subjectId);
    if (!comment) {
      return send(200, { data: { minimizeComment: null }, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${String(subjectId)}'` }] });
    }
    comment.minimizedReason = classifier.toLowerCase();
    const fields: Record<string, unknown> = { isMinimized: true, minimizedReason: comment.minimizedReason, viewerCanMinimize: true };
    send(200, { data: { minimizeComment: { minimizedComment: Object.fromEntries(selected.map((f) => [f, fields[f]])) } } });
  }

  private userBody(user: StoredComment['user']): Record<string, unknown> {
    const base = 'https://api.github.com/users/' + encodeURIComponent(user.login);
    return {
      login: user.login,
      id: user.id,
      node_id: `MDQ6VXNlcj${user.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: base,
      html_url: `https://github.com/${encodeURIComponent(user.login)}`,
      followers_url: `${base}/followers`,
      following_url: `${base}/following{/other_user}`,
      gists_url: `${base}/gists{/gist_id}`,
      starred_url: `${base}/starred{/owner}{/repo}`,
      subscriptions_url: `${base}/subscriptions`,
      organizations_url: `${base}/orgs`,
      repos_url: `${base}/repos`,
      events_url: `${base}/events{/privacy}`,
      received_events_url: `${base}/received_events`,
      type: user.type,
      site_admin: false,
    };
  }

  private privateUser(): unknown {
    const description = loadGitHubDescription();
    const example = (description.components['examples']!['private-user'] as { value: Record<string, unknown> }).value;
    const user = this.author;
    return { ...example, ...this.userBody(user), user_view_type: 'private' };
  }

  private commentBody(comment: StoredComment): unknown {
    const api = `https://api.github.com/repos/${this.owner}/${this.repo}`;
    return {
      id: comment.id,
      node_id: comment.nodeId,
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${api}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: this.userBody(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  private pullRequestBody(): unknown {
    const description = loadGitHubDescription();
    const example = structuredClone((description.components['examples']!['pull-request'] as { value: Record<string, any> }).value);
    const pr = this.pullRequest;
    example['number'] = pr.number;
    example['requested_teams'] = [];
    example['labels'] = pr.labels.map((name, i) => ({
      id: 208045946 + i,
      node_id: `MDU6TGFiZWwyMDgwNDU5NDY${i}`,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'f29513',
      default: false,
    }));
    example['head']['sha'] = pr.headSha;
    example['base']['sha'] = pr.baseSha;
    example['base']['repo']['full_name'] = `${this.owner}/${this.repo}`;
    example['head']['repo']['full_name'] = pr.fromFork ? `fork-owner/${this.repo}` : `${this.owner}/${this.repo}`;
    return example;
  }
}

/** Starts a server; `await server.close()` in `afterEach`. */
export async function startGitHubApiServer(options: ServerOptions = {}): Promise<GitHubApiServer> {
  return new GitHubApiServer(options).start();
}
