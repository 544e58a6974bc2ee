/**
 * The versioned JSON report: the one value every renderer (text, markdown, JSON, job summary, annotations) and
 * every outside tool reads. Its shape is a public contract (`schemaVersion: 1`): add fields, never rename them.
 */

/** Where a number came from: read from the source, the user's config, the tool's default, or an estimate. */
export type ValueSource = 'code' | 'config' | 'default' | 'estimate';

export type SiteStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export type ChangeKind =
  | 'added'
  | 'removed'
  | 'model'
  | 'provider'
  | 'maxOutputTokens'
  | 'prompt'
  | 'caching'
  | 'loop'
  | 'steps'
  | 'retries'
  | 'tools';

export interface SiteChange {
  kind: ChangeKind;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

/** What one call site costs in one snapshot (base or head). */
export interface SiteCostReport {
  /** The model id as written in (or resolved from) the code; null when it could not be resolved. */
  model: string | null;
  /** The model id the price data matched, when it differs from `model` (normalised, aliased). */
  pricedModel: string | null;
  provider: string | null;
  /** The output cap in code (max_tokens and friends); null when the call has none. */
  maxOutputTokens: number | null;
  /** Average input tokens per call (static prompt + dynamic values + history). */
  inputTokens: number;
  /** Expected output tokens per call. */
  outputTokens: number;
  /** Of `inputTokens`, the static prefix the provider may cache (0 when caching does not apply). */
  cacheablePrefixTokens: number;
  callsPerMonth: number;
  costPerCallUsd: number;
  monthlyUsd: number;
  /** Where each input of the computation came from. */
  sources: Record<string, ValueSource>;
}

export interface SiteReport {
  /** Stable id: `path#enclosingFunction/sdk.method#ordinal`. */
  id: string;
  file: string;
  line: number;
  sdk: string;
  /** The SDK surface, e.g. `openai.chat.completions.create`. */
  method: string;
  status: SiteStatus;
  base: SiteCostReport | null;
  head: SiteCostReport | null;
  changes: SiteChange[];
  deltaMonthlyUsd: number;
  owner: string | null;
}

export interface Violation {
  rule: 'maxIncreaseUsd' | 'maxIncreasePercent' | 'maxMonthlyUsd' | 'maxSiteMonthlyUsd';
  limit: number;
  actual: number;
  message: string;
  siteId?: string;
}

export interface Verdict {
  status: 'pass' | 'warn' | 'fail';
  violations: Violation[];
  /** The label that turns a failure into a warning, when the config names one. */
  approvalLabel?: string;
  /** True when the approval label was applied and turned a failure into a warning. */
  approved?: boolean;
}

export type WarningCode =
  | 'unknown-model'
  | 'unknown-price'
  | 'unresolved-model'
  | 'unresolved-prompt'
  | 'unresolved-value'
  | 'parse-error'
  | 'file-too-large'
  | 'prompt-too-large'
  | 'estimated-tokens'
  | 'no-output-cap'
  | 'config'
  | 'git';

export interface ReportWarning {
  code: WarningCode;
  message: string;
  file?: string;
  line?: number;
  /** Which snapshot raised it, when only one did. */
  snapshot?: 'base' | 'head';
}

export interface Assumption {
  key: string;
  value: string | number;
  source: ValueSource;
  appliesTo: string;
}

export interface ScanStats {
  filesListed: number;
  filesScanned: number;
  skipped: Record<string, number>;
  promptFiles: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'llm-cost-diff'; version: string };
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  currency: 'USD';
  pricing: { source: string; version: string; date: string };
  totals: { baseMonthlyUsd: number; headMonthlyUsd: number; deltaMonthlyUsd: number; deltaPercent: number | null };
  sites: SiteReport[];
  verdict: Verdict;
  warnings: ReportWarning[];
  assumptions: Assumption[];
  scan: ScanStats;
}
