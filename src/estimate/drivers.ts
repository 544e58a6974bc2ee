import type { SiteTraffic } from '../config/traffic.js';
import type { CostDrivers, ValueSource } from '../report/report.js';
import type { CallSite } from '../scan/call-site.js';
import { loopBounds } from '../scan/multiplicity.js';
import type { CallUsage } from './prices.js';

/**
 * The requests one call site makes, as the design's cost model describes them, before prices: a static prompt,
 * runtime values, a conversation that grows turn by turn, agent steps that resend a growing context, reasoning
 * billed as output, a cached prefix, loops, retries and the batch discount. Pricing each distinct request (not an
 * average of tokens) keeps long-context tiers per request. `costOfPlan` is pure, so advice can price variations
 * of the same plan (another model, a cached prefix, a window on the history) the same way.
 */
export interface CostPlan {
  model: string | null;
  provider: string;
  /** Static prompt and tool-schema tokens. */
  staticInput: number;
  /** Runtime values (holes) in the prompt, each `dynamicTokens` long; the history's own hole is not one. */
  dynamicHoles: number;
  dynamicTokens: number;
  /** Static tokens before the first runtime value: what caching could cover. */
  staticPrefix: number;
  /** Of the input, the prefix the provider caches (0 when caching does not apply). */
  cachedPrefix: number;
  cacheHitRate: number;
  /** The provider bills cache writes (explicit caching); automatic caching only discounts reads. */
  cacheWrites: boolean;
  /** Cache writes go to the 1-hour cache (a higher write price). */
  oneHourCache: boolean;
  /** Visible output tokens per request (expected, bounded by the cap, times `n`). */
  output: number;
  /** Output cap in code; null when the call has none. */
  cap: number | null;
  /** Reasoning tokens per request (billed as output) and the budget in code that bounds them. */
  reasoning: number;
  reasoningBudget: number | null;
  /** Model calls per invocation (agent or tool-loop steps); each step resends the context grown by the last. */
  steps: number;
  /** False when the loop has no bound in code (priced at the configured steps, no worst case). */
  stepsBounded: boolean;
  /** Tokens a tool result adds to the context at each step. */
  toolResultTokens: number;
  /** Turns per conversation when the messages accumulate (1 otherwise). */
  turns: number;
  /** Tokens one earlier turn adds to the input: its user message and the reply. */
  turnTokens: number;
  /** Earlier turns resent at most (a `slice(-n)` window); null when the whole conversation is resent. */
  historyWindowTurns: number | null;
  /** Invocations per month (config `callsPerMonth`). */
  invocations: number;
  loopIterations: number;
  /** Share of calls that fail and are retried. */
  retryRate: number;
  /** Retries of each layer: the SDK client's first, then retry helpers or loops wrapped around the call. */
  retryLayers: number[];
  batch: boolean;
}

/** Batch APIs bill at half the synchronous price (OpenAI, Anthropic, Bedrock). */
export const BATCH_DISCOUNT = 0.5;

export interface PlanCost {
  costPerCallUsd: number;
  callsPerMonth: number;
  monthlyUsd: number;
  /** Averages over the requests (turns and steps) of one call site. */
  inputTokens: number;
  outputTokens: number;
  historyTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** A request shape and its share of the site's calls. */
interface Shape {
  usage: CallUsage;
  weight: number;
  history: number;
}

/** Prices one request (undefined when no price is known). */
export type PriceRequest = (usage: CallUsage) => number | undefined;

/** Expected attempts per call: the product over retry layers of (1 + retryRate x retries). */
export function retryFactorOf(plan: Pick<CostPlan, 'retryRate' | 'retryLayers'>): number {
  return plan.retryLayers.reduce((factor, retries) => factor * (1 + plan.retryRate * retries), 1);
}

/** Model calls per month: invocations x loop iterations x steps x expected attempts. */
export function callsOf(plan: CostPlan): number {
  return plan.invocations * plan.loopIterations * plan.steps * retryFactorOf(plan);
}

/** Earlier turns resent on turn `t` (1-based). */
function earlierTurns(plan: CostPlan, t: number): number {
  return plan.historyWindowTurns === null ? t - 1 : Math.min(t - 1, plan.historyWindowTurns);
}

function shapesOf(plan: CostPlan, output: number, reasoning: number): Shape[] {
  const shapes: Shape[] = [];
  const base = plan.staticInput + plan.dynamicHoles * plan.dynamicTokens;
  const cacheRead = Math.round(plan.cachedPrefix * plan.cacheHitRate);
  const cacheWrite = plan.cacheWrites ? plan.cachedPrefix - cacheRead : 0;
  const cacheWrite1h = plan.oneHourCache ? cacheWrite : 0;
  const weight = 1 / (plan.turns * plan.steps);
  for (let t = 1; t <= plan.turns; t++) {
    const history = earlierTurns(plan, t) * plan.turnTokens;
    for (let k = 1; k <= plan.steps; k++) {
      // Step k resends every earlier step's output (the tool call) and its tool result.
      const stepContext = (k - 1) * (output + plan.toolResultTokens);
      shapes.push({ usage: { input: base + history + stepContext, cacheRead, cacheWrite, ...(cacheWrite1h ? { cacheWrite1h } : {}), output: output + reasoning }, weight, history });
    }
  }
  return shapes;
}

function priceShapes(plan: CostPlan, shapes: Shape[], price: PriceRequest): PlanCost | undefined {
  let perCall = 0;
  let input = 0;
  let output = 0;
  let history = 0;
  const memo = new Map<string, number | undefined>();
  for (const shape of shapes) {
    const key = `${shape.usage.input}/${shape.usage.output}`;
    if (!memo.has(key)) memo.set(key, price(shape.usage));
    const usd = memo.get(key);
    if (usd === undefined) return undefined;
    perCall += usd * shape.weight;
    input += shape.usage.input * shape.weight;
    output += shape.usage.output * shape.weight;
    history += shape.history * shape.weight;
  }
  const costPerCallUsd = perCall * (plan.batch ? BATCH_DISCOUNT : 1);
  const callsPerMonth = callsOf(plan);
  const first = shapes[0]!.usage;
  return { costPerCallUsd, callsPerMonth, monthlyUsd: costPerCallUsd * callsPerMonth, inputTokens: input, outputTokens: output, historyTokens: history, cacheReadTokens: first.cacheRead, cacheWriteTokens: first.cacheWrite };
}

/** What the plan costs at the expected traffic. */
export function costOfPlan(plan: CostPlan, price: PriceRequest): PlanCost | undefined {
  return priceShapes(plan, shapesOf(plan, plan.output, plan.reasoning), price);
}

/**
 * The most the plan can cost with the bounds in code: every output at the cap (reasoning included, since the cap
 * or the budget bounds it), every step of a bounded loop taken. Null when output or steps have no bound.
 */
export function worstCaseOf(plan: CostPlan, price: PriceRequest): { monthlyUsd: number | null; reason?: string } {
  if (plan.cap === null) return { monthlyUsd: null, reason: 'no output cap in code' };
  if (!plan.stepsBounded) return { monthlyUsd: null, reason: 'agent loop without a step bound' };
  const capped = Math.max(plan.cap, plan.output + plan.reasoning);
  const reasoning = plan.reasoningBudget !== null && plan.reasoningBudget > plan.cap ? plan.reasoningBudget - plan.cap : 0;
  const cost = priceShapes(plan, shapesOf({ ...plan, output: capped }, capped, reasoning), price);
  return cost ? { monthlyUsd: cost.monthlyUsd } : { monthlyUsd: null, reason: 'no price' };
}

/** Retries an SDK client makes by itself when the code does not say (AWS: `maxAttempts` 3 is 2 retries). */
export const DEFAULT_MAX_RETRIES: Record<string, number> = { openai: 2, anthropic: 2, ai: 2, langchain: 6, bedrock: 2, aws: 2, google: 0, mistral: 0, cohere: 0 };

/** Models that reason on every call whether or not the code asks (billed as output). */
const ALWAYS_REASONING = /^(?:[a-z-]+[/:])?(?:o1|o3|o4|gpt-5(?!-chat)|gpt-oss|deepseek-reasoner|grok-[34]-?(?:mini)?-?(?:reasoning)?)/i;

/** True for models that reason on every call unless the code turns it off. */
export function reasonsByDefault(model: string): boolean {
  return ALWAYS_REASONING.test(model);
}

/** The pieces of a site's prompt the estimator counted, for `planSite`. */
export interface PromptCounts {
  staticInput: number;
  /** Runtime values that are not the conversation's history. */
  dynamicHoles: number;
  staticPrefix: number;
  cachedPrefix: number;
  cacheWrites: boolean;
  /** Tokens of the message each turn adds (the last user message), runtime values included. */
  turnMessageTokens: number;
}

/**
 * The cost plan of one site and the drivers behind it as the report shows them. Multiplicity, history,
 * steps and reasoning come from what the scanner found in code; their sizes from the traffic config.
 */
export function planSite(site: CallSite, traffic: SiteTraffic, model: string | null, provider: string, counts: PromptCounts, output: number, cap: number | null, maxRetries: number): { plan: CostPlan; drivers: CostDrivers } {
  const t = traffic.values;
  const s = traffic.sources;
  const loops = site.multiplicity?.loops ?? [];
  const bounds = loopBounds(loops);
  const explicitLoop = s.loopIterations === 'config' || s.loopIterations === 'code';
  // A user's loopIterations is the whole repetition; without it, bounds in code multiply and an unknown bound
  // counts as the default (1), which the report shows as unknown.
  const loopIterations = loops.length === 0 ? 1 : explicitLoop ? t.loopIterations : bounds.known * (bounds.unknownLoops > 0 ? t.loopIterations : 1);
  const loopSource: ValueSource = loops.length === 0 || (!explicitLoop && bounds.unknownLoops === 0) ? 'code' : s.loopIterations;

  const unbounded = site.agentUnbounded === true;
  const steps = site.agentSteps ?? (unbounded ? t.agentSteps : 1);
  const history = site.history;
  const turns = history ? t.turnsPerConversation : 1;
  const windowTurns = history?.window !== undefined ? Math.floor(history.window / 2) : null;

  const reasons = site.reasoning ? !site.reasoning.disabled : model !== null && reasonsByDefault(model);
  const budget = site.reasoning?.budget ?? null;
  const reasoning = reasons && site.operation !== 'embedding' ? Math.min(t.reasoningTokens, budget ?? Infinity) : 0;

  const wrappers = site.multiplicity?.retryWrappers ?? [];
  const retryLayers = [maxRetries, ...wrappers.map((w) => w.retries)];

  const plan: CostPlan = {
    model,
    provider,
    staticInput: counts.staticInput,
    dynamicHoles: counts.dynamicHoles,
    dynamicTokens: t.dynamicInputTokens,
    staticPrefix: counts.staticPrefix,
    cachedPrefix: counts.cachedPrefix,
    cacheHitRate: t.cacheHitRate,
    cacheWrites: counts.cacheWrites,
    oneHourCache: counts.cacheWrites && site.cacheTtl === '1h',
    output,
    cap,
    reasoning,
    reasoningBudget: budget,
    steps,
    stepsBounded: !unbounded,
    toolResultTokens: steps > 1 ? t.toolResultTokens : 0,
    turns,
    turnTokens: counts.turnMessageTokens + output,
    historyWindowTurns: windowTurns,
    invocations: t.callsPerMonth,
    loopIterations,
    retryRate: t.retryRate,
    retryLayers,
    batch: site.batch,
  };
  const drivers: CostDrivers = {
    invocationsPerMonth: t.callsPerMonth,
    loopIterations,
    loopSource,
    loops: loops.map((l) => ({ kind: l.kind, iterations: l.iterations ?? null, file: l.origin.file, line: l.origin.line, ...(l.via ? { via: l.via } : {}) })),
    via: site.multiplicity?.via ?? [],
    agentSteps: steps,
    agentStepsBounded: !unbounded,
    ...(site.multiplicity?.toolLoop ? { agentBound: site.multiplicity.toolLoop.bound } : {}),
    turnsPerConversation: turns,
    ...(history ? { history: { kind: history.kind, expr: history.expr, file: history.origin.file, line: history.origin.line, windowTurns } } : {}),
    reasoningTokens: reasoning,
    ...(site.reasoning ? { reasoningKnob: site.reasoning.knob } : {}),
    reasoningBudget: budget,
    maxRetries,
    retryWrappers: wrappers.map((w) => ({ helper: w.helper, retries: w.retries, file: w.origin.file, line: w.origin.line })),
    retryFactor: retryFactorOf({ retryRate: t.retryRate, retryLayers }),
    batch: site.batch,
    cacheHitRate: counts.cachedPrefix > 0 ? t.cacheHitRate : 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    historyTokens: 0,
    staticPrefixTokens: counts.staticPrefix,
    worstCaseMonthlyUsd: null,
  };
  return { plan, drivers };
}
