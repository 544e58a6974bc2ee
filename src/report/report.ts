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
  | 'tools'
  | 'history'
  | 'batch'
  | 'reasoning';

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
  /** What multiplies or grows the cost: loops, agent steps, turns, reasoning, retries, caching, batch; worst case. */
  drivers?: CostDrivers;
}

/** The cost drivers of a site in one snapshot, as read from the code and sized by the config. */
export interface CostDrivers {
  /** Invocations per month before loops, steps and retries (config `callsPerMonth`). */
  invocationsPerMonth: number;
  /** Repetitions of the call per invocation from the loops around it (1 when none). */
  loopIterations: number;
  /** `code` when the loops' bounds are in the code; else the config (or the default, when a bound is unknown). */
  loopSource: ValueSource;
  /** Loops around the call or its wrappers, outermost first; `via` names the wrapper whose call the loop repeats. */
  loops: Array<{ kind: string; iterations: number | null; file: string; line: number; via?: string }>;
  /** Wrapper functions between the call and the outermost loop, innermost first. */
  via: string[];
  /** Model calls per invocation (agent or tool-loop steps). */
  agentSteps: number;
  /** False for an agent loop with no step bound in code (priced at the configured agentSteps). */
  agentStepsBounded: boolean;
  /** The option or default that bounds a tool loop (`maxChatCompletions`, `runTools default`). */
  agentBound?: string;
  /** Turns per conversation when the messages accumulate (1 otherwise). */
  turnsPerConversation: number;
  /** The accumulating conversation, when there is one; `windowTurns` is set when the code truncates it. */
  history?: { kind: string; expr: string; file: string; line: number; windowTurns: number | null };
  /** Average tokens of earlier turns resent per call. */
  historyTokens: number;
  /** Reasoning tokens per call (billed as output). */
  reasoningTokens: number;
  reasoningKnob?: string;
  reasoningBudget: number | null;
  /** Retries of the SDK client, and retry helpers or loops wrapped around the call. */
  maxRetries: number;
  retryWrappers: Array<{ helper: string; retries: number; file: string; line: number }>;
  /** Expected attempts per call (product over retry layers of 1 + retryRate x retries). */
  retryFactor: number;
  batch: boolean;
  cacheHitRate: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Static tokens before the first runtime value (what caching could cover). */
  staticPrefixTokens: number;
  /** The most the site can cost a month with the bounds in code; null when output or steps are unbounded. */
  worstCaseMonthlyUsd: number | null;
  /** Why there is no worst case. */
  worstCaseNote?: string;
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
  | 'reasoning-tokens'
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
  /** What would make head cheaper, each with its monthly saving, largest first. */
  suggestions?: Suggestion[];
  /** Monthly totals per owner (config `owners`); sites without an owner are under null. */
  owners?: OwnerTotal[];
  /** Cost per business unit (config `units`). */
  units?: UnitCost[];
  /** Sites whose cost grew by more than the anomaly factor, even within budget. */
  anomalies?: Anomaly[];
}

export type SuggestionKind = 'cheaper-model' | 'cache-prefix' | 'truncate-history' | 'cap-output' | 'bound-agent' | 'drop-stacked-retries' | 'batch-api';

export interface Suggestion {
  siteId: string;
  file: string;
  line: number;
  kind: SuggestionKind;
  /** What to do, phrased as an option to evaluate. */
  message: string;
  /** Head monthly cost of the site minus its cost with the suggestion applied (same traffic). */
  monthlySavingUsd: number;
  /** The cheaper model, for `cheaper-model`. */
  model?: string;
}

export interface OwnerTotal {
  owner: string | null;
  baseMonthlyUsd: number;
  headMonthlyUsd: number;
  deltaMonthlyUsd: number;
}

export interface UnitCost {
  name: string;
  baseUnitsPerMonth: number;
  headUnitsPerMonth: number;
  baseCostPerUnitUsd: number | null;
  headCostPerUnitUsd: number | null;
  deltaPercent: number | null;
}

export interface Anomaly {
  siteId: string;
  file: string;
  line: number;
  /** Head monthly cost over base monthly cost (null for a new site). */
  factor: number | null;
  baseMonthlyUsd: number;
  headMonthlyUsd: number;
  message: string;
}
