/**
 * Octokit clients with retry (5xx, network errors) and throttling (primary and secondary rate limits, honouring
 * `retry-after`), one for the action (`@actions/github`, proxy-aware) and one for the CLI (`@octokit/rest`).
 * Both are `@octokit/core` instances, which is all the comment code needs.
 */
import { getOctokit } from '@actions/github';
import type { Octokit as CoreOctokit } from '@octokit/core';
import type { OctokitOptions } from '@octokit/core/types';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit as RestOctokit } from '@octokit/rest';

/** The client the GitHub code talks to: `request` and `graphql` of `@octokit/core`. */
export type GitHubClient = Pick<CoreOctokit, 'request' | 'graphql'>;

export interface ClientOptions {
  /** REST API root, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  baseUrl?: string;
  /** Where retries and rate-limit waits are logged. */
  log?: (line: string) => void;
  /** Retries of a rate-limited request before giving up (default 3). */
  rateLimitRetries?: number;
  /**
   * Milliseconds per second of back-off (default 1000). Tests shrink it; the bundle reads
   * `LLM_COST_DIFF_TEST_RETRY_BASE_MS` for its end-to-end tests (see `getRetryBaseMs`).
   */
  retryBaseMs?: number;
}

const USER_AGENT = 'llm-cost-diff';

/** Internal: reads the test-only back-off override so the bundle's end-to-end tests do not sleep for seconds. */
export function getRetryBaseMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env['LLM_COST_DIFF_TEST_RETRY_BASE_MS'];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Internal: the retry and throttle settings shared by both clients. */
export function getPluginOptions(options: ClientOptions): Pick<OctokitOptions, 'retry' | 'throttle' | 'log'> {
  const log = options.log ?? (() => {});
  const maxRetries = options.rateLimitRetries ?? 3;
  const base = options.retryBaseMs ?? 1000;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
    if (retryCount >= maxRetries) {
      log(`GitHub ${kind} rate limit on ${request.method} ${request.url}; giving up after ${retryCount} retries`);
      return false;
    }
    log(`GitHub ${kind} rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
    return true;
  };
  const fast = base < 1000;
  return {
    // Rate limits (403/429) belong to the throttling plugin, which honours retry-after; retry handles 5xx.
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451], retries: 3, retryAfterBaseValue: base },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: base,
      ...(fast ? unspacedWriteGroups() : {}),
    },
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) },
  };
}

/**
 * Internal: with a shortened back-off (tests), writes are not spaced one second apart either. The throttling
 * plugin only calls `group.key(id).schedule(options, fn, ...args)`, so a pass-through stands in for Bottleneck.
 */
function unspacedWriteGroups(): Record<'write' | 'notifications', never> {
  const passThrough = {
    key: () => ({
      schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(fn(...args)),
    }),
  };
  return { write: passThrough as never, notifications: passThrough as never };
}

/** The action's client: `@actions/github` (GHES URL and proxy from the runner) plus retry and throttling. */
export function createActionClient(token: string, options: ClientOptions = {}): GitHubClient {
  const octokitOptions: OctokitOptions = { ...getPluginOptions(options), userAgent: USER_AGENT };
  if (options.baseUrl) octokitOptions.baseUrl = options.baseUrl;
  return getOctokit(token, octokitOptions, retry, throttling);
}

/** The CLI's client: `@octokit/rest` plus retry and throttling, for any CI that builds GitHub repositories. */
export function createRestClient(token: string, options: ClientOptions = {}): GitHubClient {
  const Client = RestOctokit.plugin(retry, throttling);
  return new Client({
    ...getPluginOptions(options),
    auth: token,
    userAgent: USER_AGENT,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
}
