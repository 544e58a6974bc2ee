import type { SiteTraffic } from '../config/traffic.js';
import type { Config } from '../config/schema.js';
import type { ReportWarning, SiteCostReport, ValueSource } from '../report/report.js';
import { describePlacement } from '../scan/cache-placement.js';
import type { CallSite } from '../scan/call-site.js';
import { describeReasoning } from '../scan/reasoning.js';
import { asNumber, asString, type TextPart } from '../scan/value.js';
import { callsOf, costOfPlan, DEFAULT_MAX_RETRIES, planSite, reasonsByDefault, worstCaseOf, type CostPlan, type PromptCounts } from './drivers.js';
import { priceCall, type CallUsage } from './prices.js';
import { tokenizerFor, type TokenCounter } from './tokens.js';


/** Providers that cache a static prefix by themselves, and the minimum prefix they cache. */
const AUTOMATIC_CACHE_MIN_TOKENS: Record<string, number> = { openai: 1024, azure: 1024 };
const EXPLICIT_CACHE_MIN_TOKENS = 1024;

/** The cost-relevant facts of a site in one snapshot: what the differ compares. */
export interface SiteFacts {
  model: string | null;
  provider: string;
  maxOutputTokens: number | null;
  promptTokens: number;
  promptHoles: number;
  /** The static prompt text, to tell an edit from a move. */
  promptText: string;
  toolsTokens: number;
  caching: 'none' | 'explicit' | 'automatic';
  /** Explicit cache entries kept an hour rather than five minutes. */
  cacheTtl?: '1h';
  /** Where the code puts cache breakpoints (and the models its caching path is for); absent when it puts none. */
  cacheLayout?: string;
  maxRetries: number;
  batch: boolean;
  /** Model calls per invocation (agent or tool-loop steps); 1 for a single call. */
  agentSteps: number;
  /** An agent loop with no step bound in code. */
  agentUnbounded?: boolean;
  /** Repetitions from loops around the call or its wrappers (1 when none). */
  loopIterations?: number;
  inLoop?: boolean;
  /** Turns priced when the conversation accumulates, and how it does. */
  turns?: number;
  history?: string | null;
  /** Reasoning tokens priced per call (config, bounded by the budget in code). */
  reasoningTokens?: number;
  /** The reasoning option set in code (`budget 2048`, `effort high`, `off`); absent when the code sets none. */
  reasoningSetting?: string;
}

export interface SiteEstimate {
  cost: SiteCostReport;
  facts: SiteFacts;
  /** The requests behind the cost, for pricing variations (advice). */
  plan: CostPlan;
  warnings: ReportWarning[];
}

/**
 * What one call site costs per month in one snapshot, by the design's cost model: tokens from the code and the
 * tokenizer, traffic from the config, prices per call (so long-context tiers apply per request), then times calls.
 */
/** First-party providers serve only their own models: another vendor's model there is a resolution mistake. */
const FIRST_PARTY = new Set(['openai', 'anthropic', 'google', 'mistral', 'cohere']);

function servesOtherModels(siteProvider: string, pricedProvider: string): boolean {
  return FIRST_PARTY.has(siteProvider) && pricedProvider !== siteProvider && !(siteProvider === 'openai' && pricedProvider === 'azure');
}

/** The model a site is priced as: pinned by the config, else a deployment's mapped model, else as written. */
export function siteModel(site: CallSite, traffic: SiteTraffic, deployments: Config['deployments'] = {}): { writtenModel: string | undefined; deployed: string | undefined; model: string | null } {
  const writtenModel = asString(site.model);
  // A deployment name (Azure) is mapped to the model it serves by the config's `deployments`.
  const deployed = site.modelIsDeployment && writtenModel !== undefined ? deployments[writtenModel] : undefined;
  return { writtenModel, deployed, model: traffic.assume.model ?? deployed ?? writtenModel ?? null };
}

export function estimateSite(site: CallSite, traffic: SiteTraffic, counter: TokenCounter, prices: Config['prices'] = [], deployments: Config['deployments'] = {}): SiteEstimate {
  const warnings: ReportWarning[] = [];
  const where = { file: site.origin.file, line: site.origin.line };
  const t = traffic.values;

  const { writtenModel, deployed, model } = siteModel(site, traffic, deployments);
  if (site.modelIsDeployment && writtenModel !== undefined && deployed === undefined && !traffic.assume.model) {
    warnings.push({ code: 'unknown-model', message: `${site.method}: '${writtenModel}' is a deployment name not listed under \`deployments\` in the config; priced as the model of that name.`, ...where });
  }
  const provider = traffic.assume.provider ?? site.provider;
  const capInCode = asNumber(site.maxOutputTokens);
  const maxOutputTokens = capInCode ?? traffic.assume.maxOutputTokens ?? null;
  for (const u of site.unresolved) {
    const pinned = (u.what === 'model' && traffic.assume.model) || (u.what === 'provider' && traffic.assume.provider) || (u.what === 'maxOutputTokens' && traffic.assume.maxOutputTokens !== undefined);
    if (pinned) continue;
    const code = u.what === 'model' ? 'unresolved-model' : u.what === 'prompt' || u.what === 'params' ? 'unresolved-prompt' : 'unresolved-value';
    const advice = u.what === 'model' ? ` Pin it with a traffic rule: { match: '${site.id}', assume: { model: ... } }.` : '';
    warnings.push({ code, message: `${site.method}: ${u.what} \`${u.expr}\` is not known statically (${u.reason}).${advice}`, file: u.origin.file, line: u.origin.line });
  }

  const tokenizer = tokenizerFor(model ?? undefined);
  const problems: Array<{ message: string; origin: { file: string; line: number } }> = [];
  const count = (parts: TextPart[]): { tokens: number; holes: number; text: string } => {
    let tokens = 0;
    let holes = 0;
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        tokens += counter.count(part, tokenizer.encoding);
        text += part;
      } else {
        holes++;
        text += '\u0000';
        if (part.problem) problems.push(part.problem);
      }
    }
    return { tokens: Math.round(tokens * tokenizer.factor), holes, text };
  };

  const tools = count(site.tools);

  const segments = site.prompt.map((segment) => ({ segment, ...count(segment.parts) }));
  const promptTokens = segments.reduce((sum, s) => sum + s.tokens, 0);
  const promptHoles = segments.reduce((sum, s) => sum + s.holes, 0);
  const staticInput = promptTokens + tools.tokens;
  const holes = promptHoles + tools.holes;
  const inputTokens = staticInput + holes * t.dynamicInputTokens;
  for (const p of problems) {
    warnings.push({ code: 'unresolved-prompt', message: `${site.method}: ${p.message}; counted as ${t.dynamicInputTokens} dynamic tokens.`, file: p.origin.file, line: p.origin.line });
  }

  // The cacheable prefix: static tokens from the start (tools, then system, then messages) up to the first
  // runtime value, and, for explicit caching, no further than the last cache breakpoint.
  const explicit = site.explicitCaching;
  const automaticMin = AUTOMATIC_CACHE_MIN_TOKENS[provider];
  let prefix = 0;
  // Computed for every site: an uncached static prefix is a saving to suggest.
  let running = tools.holes ? 0 : tools.tokens;
  let open = tools.holes === 0;
  let lastBreakpoint = 0;
  for (const s of segments) {
    if (!open) break;
    if (s.holes === 0) running += s.tokens;
    else {
      running += count(leadingStatic(s.segment.parts)).tokens;
      open = false;
    }
    if (s.segment.cacheBreakpoint && open) lastBreakpoint = running;
  }
  if (explicit || automaticMin !== undefined) {
    prefix = explicit ? lastBreakpoint : running;
    if (prefix < (explicit ? EXPLICIT_CACHE_MIN_TOKENS : (automaticMin ?? Infinity))) prefix = 0;
  }
  const caching: SiteFacts['caching'] = explicit ? 'explicit' : prefix > 0 ? 'automatic' : 'none';
  const cacheRead = Math.round(prefix * t.cacheHitRate);
  const cacheWrite = explicit ? prefix - cacheRead : 0;

  const expected = site.operation === 'embedding' ? 0 : t.expectedOutputTokens;
  const boundedByCap = maxOutputTokens !== null && maxOutputTokens < expected;
  const outputTokens = (boundedByCap ? maxOutputTokens : expected) * (site.choices ?? 1);
  if (maxOutputTokens === null && site.operation !== 'embedding') {
    warnings.push({ code: 'no-output-cap', message: `${site.method} has no output cap: output is unbounded (priced at the expected ${expected} tokens).`, ...where });
  }

  const maxRetries = site.maxRetries ?? DEFAULT_MAX_RETRIES[site.sdk] ?? 2;
  // Until the config says how many turns a conversation has, the history array is one more runtime value (priced
  // at dynamicInputTokens, as every variable is); with turnsPerConversation set, the turn model prices it instead.
  const historyNames = new Set(traffic.sources.turnsPerConversation === 'default' ? [] : (site.history?.holeNames ?? []));
  const isHistoryHole = (p: TextPart): boolean => typeof p !== 'string' && historyNames.has(p.hole);
  const historyHoles = site.prompt.reduce((n, seg) => n + seg.parts.filter(isHistoryHole).length, 0);
  const turnMessage = [...segments].reverse().find((s) => s.segment.role === 'user' && !s.segment.parts.every(isHistoryHole));
  const counts: PromptCounts = {
    staticInput,
    dynamicHoles: holes - historyHoles,
    staticPrefix: running,
    cachedPrefix: prefix,
    cacheWrites: explicit,
    turnMessageTokens: turnMessage ? turnMessage.tokens + (turnMessage.holes - turnMessage.segment.parts.filter(isHistoryHole).length) * t.dynamicInputTokens : t.dynamicInputTokens,
  };
  const { plan, drivers } = planSite(site, traffic, model, provider, counts, outputTokens, maxOutputTokens, maxRetries);
  const agentSteps = plan.steps;
  let callsPerMonth = callsOf(plan);
  let averages = { inputTokens, outputTokens, historyTokens: 0, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite };

  let costPerCallUsd = 0;
  let pricedModel: string | null = null;
  let priceSource: ValueSource = 'default';
  if (model === null) {
    if (!site.unresolved.some((u) => u.what === 'model')) {
      warnings.push({ code: 'unresolved-model', message: `${site.method}: no model found; the call is priced at $0 until one is pinned in config.`, ...where });
    }
  } else {
    const priced = priceCall(model, provider, { input: inputTokens, cacheRead, cacheWrite, output: outputTokens }, prices);
    if (!priced) {
      const hint = site.modelIsDeployment ? ' It is a deployment name: map it to a model under `deployments` (or a traffic rule `assume: { model }`), or add it under `prices`.' : ' Add it under `prices` in the config.';
      warnings.push({ code: 'unknown-price', message: `No price for model '${model}' (provider ${provider}); priced at $0.${hint}`, ...where });
    } else {
      if (priced.source === 'price-data' && !traffic.assume.model && servesOtherModels(provider, priced.provider)) {
        warnings.push({ code: 'unknown-model', message: `${site.method} resolves its model to '${model}', a model of ${priced.provider}, at a call to ${provider}: the value probably comes from another code path. Pin it with a traffic rule \`assume: { model }\`.`, ...where });
      }
      const request = (usage: CallUsage): number | undefined => priceCall(model, provider, usage, prices)?.usd;
      const planned = costOfPlan(plan, request);
      if (planned) {
        costPerCallUsd = planned.costPerCallUsd;
        callsPerMonth = planned.callsPerMonth;
        averages = planned;
      }
      const worst = worstCaseOf(plan, request);
      drivers.worstCaseMonthlyUsd = worst.monthlyUsd;
      if (worst.reason) drivers.worstCaseNote = worst.reason;
      pricedModel = priced.pricedModel;
      priceSource = priced.source === 'config' ? 'config' : 'default';
    }
  }
  drivers.historyTokens = averages.historyTokens;
  drivers.cacheReadTokens = averages.cacheReadTokens;
  drivers.cacheWriteTokens = averages.cacheWriteTokens;
  if (plan.reasoning === 0 && traffic.sources.reasoningTokens === 'default') {
    if (site.reasoning && !site.reasoning.disabled) {
      warnings.push({ code: 'reasoning-tokens', message: `${site.method} asks for reasoning (${site.reasoning.knob}), billed as output: set reasoningTokens for this site to price it.`, ...where });
    } else if (!site.reasoning && model !== null && site.operation !== 'embedding' && reasonsByDefault(model)) {
      warnings.push({ code: 'reasoning-tokens', message: `'${model}' reasons on every call, billed as output: set reasoningTokens for this site to price it (priced at 0 until then).`, ...where });
    }
  }
  if (tokenizer.estimate && model !== null) {
    warnings.push({ code: 'estimated-tokens', message: `Tokens for '${model}' are counted with o200k (its own tokenizer is not available offline): an estimate.`, ...where });
  }

  const sources: Record<string, ValueSource> = {
    model: traffic.assume.model || deployed ? 'config' : 'code',
    provider: traffic.assume.provider ? 'config' : 'code',
    inputTokens: tokenizer.estimate ? 'estimate' : holes > 0 ? traffic.sources.dynamicInputTokens : 'code',
    outputTokens: boundedByCap ? 'code' : traffic.sources.expectedOutputTokens,
    callsPerMonth: traffic.sources.callsPerMonth,
    price: priceSource,
  };
  if (prefix > 0) sources.cacheHitRate = traffic.sources.cacheHitRate;

  return {
    cost: {
      model: traffic.assume.model ? model : (writtenModel ?? model),
      pricedModel: pricedModel !== null && pricedModel !== model ? pricedModel : null,
      provider,
      maxOutputTokens,
      inputTokens: Math.round(averages.inputTokens),
      outputTokens: Math.round(averages.outputTokens),
      cacheablePrefixTokens: prefix,
      callsPerMonth,
      costPerCallUsd,
      monthlyUsd: costPerCallUsd * callsPerMonth,
      sources,
      drivers,
    },
    facts: {
      model,
      provider,
      maxOutputTokens,
      promptTokens,
      promptHoles,
      promptText: segments.map((s) => `${s.segment.role}:${s.text}`).join('\u0001'),
      toolsTokens: tools.tokens,
      caching,
      ...(explicit && site.cacheTtl ? { cacheTtl: site.cacheTtl } : {}),
      ...(site.cachePlacement ? { cacheLayout: describePlacement(site.cachePlacement) } : {}),
      maxRetries,
      batch: site.batch,
      agentSteps,
      agentUnbounded: !plan.stepsBounded,
      loopIterations: plan.loopIterations,
      inLoop: drivers.loops.length > 0,
      turns: plan.turns,
      history: site.history ? site.history.kind : null,
      reasoningTokens: plan.reasoning,
      ...(site.reasoning ? { reasoningSetting: describeReasoning(site.reasoning) } : {}),
    },
    plan,
    warnings,
  };
}

function leadingStatic(parts: TextPart[]): TextPart[] {
  const index = parts.findIndex((p) => typeof p !== 'string');
  return index < 0 ? parts : parts.slice(0, index);
}
