// Hand-written reports for the comment, annotation and action tests: plain values, no engine.
import type { Report, SiteCostReport, SiteReport } from '../../src/report/report.js';

export const BASE_SHA = '1111111111111111111111111111111111111111';
export const HEAD_SHA = '2222222222222222222222222222222222222222';

export function cost(model: string, monthlyUsd: number, overrides: Partial<SiteCostReport> = {}): SiteCostReport {
  return {
    model,
    pricedModel: null,
    provider: 'openai',
    maxOutputTokens: 1000,
    inputTokens: 1200,
    outputTokens: 500,
    cacheablePrefixTokens: 0,
    callsPerMonth: 10000,
    costPerCallUsd: monthlyUsd / 10000,
    monthlyUsd,
    sources: { callsPerMonth: 'config', outputTokens: 'default' },
    ...overrides,
  };
}

export function site(overrides: Partial<SiteReport> & Pick<SiteReport, 'id'>): SiteReport {
  return {
    file: 'src/review.ts',
    line: 42,
    sdk: 'openai',
    method: 'openai.chat.completions.create',
    status: 'changed',
    base: cost('gpt-4o-mini', 12),
    head: cost('gpt-4o', 150),
    changes: [{ kind: 'model', before: 'gpt-4o-mini', after: 'gpt-4o' }],
    deltaMonthlyUsd: 138,
    owner: null,
    ...overrides,
  };
}

export function makeReport(overrides: Partial<Report> = {}): Report {
  const sites = overrides.sites ?? [
    site({ id: 'src/review.ts#codeReview/openai.chat.completions.create#0' }),
    site({
      id: 'src/summarize.ts#summarize/anthropic.messages.create#0',
      file: 'src/summarize.ts',
      line: 7,
      sdk: 'anthropic',
      method: 'anthropic.messages.create',
      status: 'added',
      base: null,
      head: cost('claude-sonnet-4-5', 40.5),
      changes: [{ kind: 'added', before: null, after: null }],
      deltaMonthlyUsd: 40.5,
    }),
    site({
      id: 'src/old.ts#legacy/openai.completions.create#0',
      file: 'src/old.ts',
      line: 3,
      method: 'openai.completions.create',
      status: 'removed',
      base: cost('gpt-3.5-turbo-instruct', 2.5),
      head: null,
      changes: [{ kind: 'removed', before: null, after: null }],
      deltaMonthlyUsd: -2.5,
    }),
    site({ id: 'src/chat.ts#chat/openai.chat.completions.create#0', file: 'src/chat.ts', status: 'unchanged', base: cost('gpt-4o', 300), head: cost('gpt-4o', 300), changes: [], deltaMonthlyUsd: 0 }),
  ];
  const base = sites.reduce((sum, s) => sum + (s.base?.monthlyUsd ?? 0), 0);
  const head = sites.reduce((sum, s) => sum + (s.head?.monthlyUsd ?? 0), 0);
  return {
    schemaVersion: 1,
    tool: { name: 'llm-cost-diff', version: '0.1.0' },
    base: { ref: 'main', sha: BASE_SHA },
    head: { ref: 'HEAD', sha: HEAD_SHA },
    currency: 'USD',
    pricing: { source: '@pydantic/genai-prices', version: '0.1.8', date: '2025-06-01' },
    totals: { baseMonthlyUsd: base, headMonthlyUsd: head, deltaMonthlyUsd: head - base, deltaPercent: base === 0 ? null : ((head - base) / base) * 100 },
    sites,
    verdict: { status: 'pass', violations: [] },
    warnings: [{ code: 'unknown-model', message: 'Model my-finetune has no price', file: 'src/ft.ts', line: 9, snapshot: 'head' }],
    assumptions: [{ key: 'callsPerMonth', value: 10000, source: 'config', appliesTo: 'src/**' }],
    scan: { filesListed: 10, filesScanned: 4, skipped: {}, promptFiles: 0 },
    ...overrides,
  };
}

/** A failed budget: the increase is over `maxIncreaseUsd`. */
export function makeFailingReport(overrides: Partial<Report> = {}): Report {
  return makeReport({
    verdict: {
      status: 'fail',
      violations: [{ rule: 'maxIncreaseUsd', limit: 100, actual: 176, message: 'Monthly cost grows by $176.00, over the $100.00 budget' }],
      approvalLabel: 'llm-cost-approved',
    },
    ...overrides,
  });
}

/** Nothing changed. */
export function makeQuietReport(): Report {
  return makeReport({
    sites: [site({ id: 'src/chat.ts#chat/openai.chat.completions.create#0', file: 'src/chat.ts', status: 'unchanged', base: cost('gpt-4o', 300), head: cost('gpt-4o', 300), changes: [], deltaMonthlyUsd: 0 })],
    warnings: [],
  });
}
