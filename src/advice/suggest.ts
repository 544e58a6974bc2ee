import type { Config } from '../config/schema.js';
import type { SiteFacts } from '../estimate/cost.js';
import { costOfPlan, type CostPlan, type PriceRequest } from '../estimate/drivers.js';
import { priceCall } from '../estimate/prices.js';
import { formatTokens, formatUsd } from '../report/format.js';
import type { SiteReport, Suggestion } from '../report/report.js';
import { ladderCandidates } from './model-ladder.js';

/**
 * What would make each head call site cheaper, each priced by the same cost plan with one thing changed, so the
 * saving is the difference of two monthly costs at the same traffic: a cheaper model of the same provider, a
 * cached static prefix, a window on a resent conversation, an output cap, a bound on an agent loop, one retry
 * layer instead of two, a batch API for offline work. Phrased as options to evaluate, not verdicts.
 */

export interface AdvisedSite {
  report: SiteReport;
  plan: CostPlan;
  facts: SiteFacts;
  /** The model id the price came from (normalised), for the ladder. */
  pricedModel: string | null;
  /** True when the price came from config `prices` (a negotiated rate: no ladder). */
  configPrice: boolean;
  /** The function the call sits in, for recognising offline work. */
  enclosingFunction: string;
}

/** Hit rate assumed for a cache suggestion when the config sets none. */
export const ASSUMED_CACHE_HIT_RATE = 0.9;
/** Minimum prefix each provider caches (Anthropic, Bedrock, Gemini explicit caching). */
const EXPLICIT_CACHE_PROVIDERS: Record<string, { minTokens: number; how: string }> = {
  anthropic: { minTokens: 1024, how: "`cache_control: { type: 'ephemeral' }` on the last static block" },
  aws: { minTokens: 1024, how: "a `cachePoint: { type: 'default' }` block after the static prompt" },
  google: { minTokens: 1024, how: 'an explicit cache (`caches.create`, then `cachedContent`)' },
};
/** Providers with a batch API at half price. */
const BATCH_PROVIDERS: Record<string, string> = { openai: 'the Batch API (`batches.create`)', azure: 'the Azure OpenAI Batch API', anthropic: 'Message Batches (`messages.batches.create`)', aws: 'Bedrock batch inference', google: 'Gemini batch mode' };
/** Paths and function names of work nobody waits for: jobs, scripts, backfills, pipelines. */
const OFFLINE_PATH = /(?:^|\/)(?:scripts?|jobs?|cron|crons|workers?|batch(?:es)?|backfills?|etl|pipelines?|tasks?|migrations?|offline|nightly)(?:\/|\.[cm]?[jt]s$)/i;
const OFFLINE_NAME = /nightly|backfill|batch|cron|job|ingest|reindex|index(?:All|Documents)|migrate|reprocess|enrich|bulk|offline|daily|weekly/i;
/** Turns kept when suggesting a window on the history. */
const HISTORY_WINDOW_TURNS = 2;
/** Step bound suggested for an unbounded agent loop. */
const SUGGESTED_STEP_BOUND = 5;
/** Suggestions worth less than this a month are noise (except bounds, whose value is the worst case). */
const MIN_SAVING_USD = 0.01;

/** The suggestions for the head sites of a report, largest saving first. */
export function suggestFor(sites: readonly AdvisedSite[], prices: Config['prices'] = []): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (const site of sites) {
    if (!site.report.head || site.plan.model === null || site.report.head.monthlyUsd <= 0) continue;
    suggestions.push(...suggestForSite(site, prices));
  }
  return suggestions.sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd || a.siteId.localeCompare(b.siteId));
}

function suggestForSite(site: AdvisedSite, prices: Config['prices']): Suggestion[] {
  const { plan, report } = site;
  const model = plan.model!;
  const priceFor = (id: string): PriceRequest => (usage) => priceCall(id, plan.provider, usage, prices)?.usd;
  const current = report.head!.monthlyUsd;
  const own = priceFor(model);
  const saving = (variant: CostPlan, price: PriceRequest = own): number | undefined => {
    const cost = costOfPlan(variant, price);
    return cost ? current - cost.monthlyUsd : undefined;
  };
  const at = { siteId: report.id, file: report.file, line: report.line };
  const out: Suggestion[] = [];
  const add = (kind: Suggestion['kind'], amount: number | undefined, message: string, extra: Partial<Suggestion> = {}, keepZero = false): void => {
    if (amount === undefined || (amount < MIN_SAVING_USD && !keepZero)) return;
    out.push({ ...at, kind, message, monthlySavingUsd: Math.max(0, amount), ...extra });
  };

  // A cheaper model of the same provider: the closest cheaper rung of the ladder.
  if (!site.configPrice) {
    for (const rung of ladderCandidates(site.pricedModel ?? model, plan.provider)) {
      const priced = rung
        .map((id) => ({ id, cost: costOfPlan({ ...plan, model: id }, priceFor(id)) }))
        .filter((c): c is { id: string; cost: NonNullable<typeof c.cost> } => c.cost !== undefined && c.cost.monthlyUsd < current - MIN_SAVING_USD)
        .sort((a, b) => b.cost.monthlyUsd - a.cost.monthlyUsd);
      const next = priced[0];
      if (!next) continue;
      add('cheaper-model', current - next.cost.monthlyUsd, `Evaluate ${next.id} for this call (same provider, cheaper): ${formatUsd(next.cost.monthlyUsd)}/mo instead of ${formatUsd(current)}/mo if its answers are good enough.`, { model: next.id });
      break;
    }
  }

  // Cache a long static prefix that nothing caches.
  const cache = EXPLICIT_CACHE_PROVIDERS[plan.provider];
  if (cache && site.facts.caching === 'none' && plan.staticPrefix >= cache.minTokens) {
    const hitRate = plan.cacheHitRate > 0 ? plan.cacheHitRate : ASSUMED_CACHE_HIT_RATE;
    const rate = `${Math.round(hitRate * 100)}% cache hits${plan.cacheHitRate > 0 ? '' : ' (assumed; set cacheHitRate)'}`;
    add('cache-prefix', saving({ ...plan, cachedPrefix: plan.staticPrefix, cacheWrites: true, cacheHitRate: hitRate }), `Cache the ${formatTokens(plan.staticPrefix)}-token static prefix with ${cache.how}: at ${rate} it is read at the cache price.`);
  }

  // Truncate or summarise a conversation resent in full.
  if (plan.turns > 1 && plan.historyWindowTurns === null) {
    const window = Math.min(HISTORY_WINDOW_TURNS, plan.turns - 1);
    const avg = report.head!.drivers?.historyTokens ?? 0;
    add('truncate-history', saving({ ...plan, historyWindowTurns: window }), `The whole conversation is resent on each of ${plan.turns} turns (${formatTokens(Math.round(avg))} history tokens per call on average): keep the last ${window} turns (\`slice(-${window * 2})\`) or summarise older ones.`);
  }

  // Cap output: no expected saving, but the cap is what gives the call a worst case.
  if (plan.cap === null && site.facts.maxOutputTokens === null && plan.output > 0) {
    const cap = Math.max(256, Math.ceil((plan.output * 2) / 256) * 256);
    const capped = costOfPlan({ ...plan, output: Math.min(plan.output, cap) }, own);
    add('cap-output', capped ? current - capped.monthlyUsd : 0, `No output cap: one runaway answer is billed in full. A cap of ${formatTokens(cap)} tokens (twice the expected output) bounds the worst case without changing the expected cost.`, {}, true);
  }

  // Bound an agent loop.
  if (!plan.stepsBounded) {
    const steps = Math.min(SUGGESTED_STEP_BOUND, plan.steps);
    add('bound-agent', saving({ ...plan, steps, stepsBounded: true }), `The agent loop has no step bound (priced at ${plan.steps} steps): bound it (\`max_iterations\`, \`stopWhen: stepCountIs(${steps})\`) so a confused run cannot loop on.`, {}, true);
  }

  // Drop a retry layer stacked on a client that already retries.
  const drivers = report.head!.drivers;
  if (drivers && plan.retryLayers.length > 1 && plan.retryLayers[0]! > 0) {
    const worst = plan.retryLayers.reduce((f, retries) => f * (1 + retries), 1);
    const helpers = drivers.retryWrappers.map((w) => w.helper).join(', ');
    add('drop-stacked-retries', saving({ ...plan, retryLayers: plan.retryLayers.slice(0, 1) }), `${helpers} retries a client that already retries ${plan.retryLayers[0]} times: a failing call can be sent ${worst} times. Keep one layer (the client's \`maxRetries\`, or the helper with \`maxRetries: 0\` on the client).`, {}, true);
  }

  // Offline work on the synchronous API.
  const batchApi = BATCH_PROVIDERS[plan.provider];
  if (batchApi && !plan.batch && looksOffline(site)) {
    add('batch-api', saving({ ...plan, batch: true }), `This looks like offline work (${offlineEvidence(site)}): ${batchApi} bills it at half price when results can wait up to 24 hours.`);
  }
  return out;
}

function looksOffline(site: AdvisedSite): boolean {
  return offlineEvidence(site) !== undefined;
}

function offlineEvidence(site: AdvisedSite): string | undefined {
  if (OFFLINE_PATH.test(site.report.file)) return `it runs from ${site.report.file}`;
  const names = [site.enclosingFunction, ...(site.report.head?.drivers?.via ?? [])];
  const name = names.find((n) => OFFLINE_NAME.test(n));
  return name ? `it runs in ${name}` : undefined;
}
