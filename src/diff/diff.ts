import type { SiteFacts } from '../estimate/cost.js';
import type { CostPlan } from '../estimate/drivers.js';
import type { SiteChange, SiteCostReport, SiteReport } from '../report/report.js';

/** A call site priced in one snapshot, ready to be matched with its counterpart. */
export interface PricedSite {
  id: string;
  /** The path used in the id (head path for a renamed file). */
  idFile: string;
  /** Where the site is in its own snapshot. */
  file: string;
  line: number;
  sdk: string;
  method: string;
  enclosingFunction: string;
  cost: SiteCostReport;
  facts: SiteFacts;
  /** The requests behind the cost (for advice). */
  plan?: CostPlan;
}

/** Amounts below this are rounding noise, not a change. */
const EPSILON_USD = 1e-9;

/**
 * Matches base and head sites by stable id, then pairs what is left in the same file, function and SDK in source
 * order (a renamed function or a reordered call keeps its history), then calls moved elsewhere unchanged, and
 * lists what changed for each.
 */
export function diffSites(base: readonly PricedSite[], head: readonly PricedSite[], ownerOf: (site: { id: string; file: string }) => string | null): SiteReport[] {
  const pairs: Array<[PricedSite | undefined, PricedSite | undefined]> = [];
  const baseById = new Map(base.map((s) => [s.id, s]));
  const unmatchedHead: PricedSite[] = [];
  for (const site of head) {
    const counterpart = baseById.get(site.id);
    if (counterpart) {
      pairs.push([counterpart, site]);
      baseById.delete(site.id);
    } else unmatchedHead.push(site);
  }
  const leftoverBase = [...baseById.values()];
  const stillUnmatched: PricedSite[] = [];
  for (const site of unmatchedHead) {
    // Same file and SDK, in the same function or the same surface; or another SDK in the same function (a move from
    // `groq-sdk` to the OpenAI SDK with Groq's base URL is the same call reached another way).
    const index = leftoverBase.findIndex((b) => b.idFile === site.idFile && (b.sdk === site.sdk ? b.enclosingFunction === site.enclosingFunction || b.method === site.method : b.enclosingFunction === site.enclosingFunction));
    if (index >= 0) pairs.push([leftoverBase.splice(index, 1)[0], site]);
    else stillUnmatched.push(site);
  }
  for (const site of stillUnmatched) {
    // A call moved to another file or function unchanged (a refactor into a helper module) is the same call: pair it
    // with a leftover base call of the same surface whose every cost fact is equal.
    const facts = JSON.stringify(site.facts);
    const index = leftoverBase.findIndex((b) => b.method === site.method && JSON.stringify(b.facts) === facts);
    pairs.push(index >= 0 ? [leftoverBase.splice(index, 1)[0], site] : [undefined, site]);
  }
  for (const site of leftoverBase) pairs.push([site, undefined]);

  return pairs
    .map(([b, h]) => siteReport(b, h, ownerOf))
    .sort((x, y) => Math.abs(y.deltaMonthlyUsd) - Math.abs(x.deltaMonthlyUsd) || x.id.localeCompare(y.id));
}

function siteReport(base: PricedSite | undefined, head: PricedSite | undefined, ownerOf: (site: { id: string; file: string }) => string | null): SiteReport {
  const at = (head ?? base)!;
  const delta = (head?.cost.monthlyUsd ?? 0) - (base?.cost.monthlyUsd ?? 0);
  const changes = base && head ? factChanges(base.facts, head.facts) : [{ kind: head ? 'added' : 'removed', before: base?.facts.model ?? null, after: head?.facts.model ?? null } satisfies SiteChange];
  const status = !base ? 'added' : !head ? 'removed' : changes.length > 0 || Math.abs(delta) > EPSILON_USD ? 'changed' : 'unchanged';
  return {
    id: at.id,
    file: at.file,
    line: at.line,
    sdk: at.sdk,
    method: at.method,
    status,
    base: base?.cost ?? null,
    head: head?.cost ?? null,
    changes,
    deltaMonthlyUsd: delta,
    owner: ownerOf({ id: at.id, file: at.file }),
  };
}

/** What changed between two snapshots of the same site, one entry per cost driver. */
export function factChanges(before: SiteFacts, after: SiteFacts): SiteChange[] {
  const changes: SiteChange[] = [];
  if (before.model !== after.model) changes.push({ kind: 'model', before: before.model, after: after.model });
  if (before.provider !== after.provider) changes.push({ kind: 'provider', before: before.provider, after: after.provider });
  if (before.maxOutputTokens !== after.maxOutputTokens) changes.push({ kind: 'maxOutputTokens', before: before.maxOutputTokens, after: after.maxOutputTokens });
  if (promptChanged(before, after)) changes.push({ kind: 'prompt', before: before.promptTokens, after: after.promptTokens });
  if (before.caching !== after.caching) changes.push({ kind: 'caching', before: before.caching, after: after.caching });
  else if ((before.cacheLayout ?? null) !== (after.cacheLayout ?? null)) {
    // Same kind of caching, but a breakpoint appeared, went or moved, or the models that take the caching path changed.
    changes.push({ kind: 'caching', before: before.cacheLayout ?? before.caching, after: after.cacheLayout ?? after.caching });
  } else if (before.caching === 'explicit' && (before.cacheTtl ?? '5m') !== (after.cacheTtl ?? '5m')) {
    changes.push({ kind: 'caching', before: `explicit, ${before.cacheTtl ?? '5m'} entries`, after: `explicit, ${after.cacheTtl ?? '5m'} entries` });
  }
  if (before.toolsTokens !== after.toolsTokens) changes.push({ kind: 'tools', before: before.toolsTokens, after: after.toolsTokens });
  if (before.maxRetries !== after.maxRetries) changes.push({ kind: 'retries', before: before.maxRetries, after: after.maxRetries });
  if (before.agentSteps !== after.agentSteps || !!before.agentUnbounded !== !!after.agentUnbounded) {
    changes.push({ kind: 'steps', before: before.agentUnbounded ? null : before.agentSteps, after: after.agentUnbounded ? null : after.agentSteps });
  }
  changes.push(...driverChanges(before, after));
  return changes;
}

/**
 * A prompt edit is a change unless it only moves whitespace (a reflowed template literal, a trailing newline) and
 * tokenizes to the same count: a whitespace edit that changes the token count is billed, so it is reported.
 */
function promptChanged(before: SiteFacts, after: SiteFacts): boolean {
  if (before.promptHoles !== after.promptHoles) return true;
  if (before.promptText === after.promptText) return false;
  if (before.promptTokens !== after.promptTokens) return true;
  return before.promptText.replace(/\s+/g, '') !== after.promptText.replace(/\s+/g, '');
}

export function totalsOf(sites: readonly SiteReport[]): { baseMonthlyUsd: number; headMonthlyUsd: number; deltaMonthlyUsd: number; deltaPercent: number | null } {
  const baseMonthlyUsd = sites.reduce((sum, s) => sum + (s.base?.monthlyUsd ?? 0), 0);
  const headMonthlyUsd = sites.reduce((sum, s) => sum + (s.head?.monthlyUsd ?? 0), 0);
  const deltaMonthlyUsd = headMonthlyUsd - baseMonthlyUsd;
  const deltaPercent = baseMonthlyUsd > 0 ? (deltaMonthlyUsd / baseMonthlyUsd) * 100 : deltaMonthlyUsd === 0 ? 0 : null;
  return { baseMonthlyUsd, headMonthlyUsd, deltaMonthlyUsd, deltaPercent };
}

/** Changes of the drivers the scanner reads around the call: loops, accumulated history, batch. */
function driverChanges(before: SiteFacts, after: SiteFacts): SiteChange[] {
  const changes: SiteChange[] = [];
  if (!!before.inLoop !== !!after.inLoop || (before.loopIterations ?? 1) !== (after.loopIterations ?? 1)) {
    changes.push({ kind: 'loop', before: before.inLoop ? (before.loopIterations ?? 1) : null, after: after.inLoop ? (after.loopIterations ?? 1) : null });
  }
  if ((before.history ?? null) !== (after.history ?? null) || (before.history && (before.turns ?? 1) !== (after.turns ?? 1))) {
    changes.push({ kind: 'history', before: before.history ? (before.turns ?? 1) : null, after: after.history ? (after.turns ?? 1) : null });
  }
  if (before.batch !== after.batch) changes.push({ kind: 'batch', before: before.batch, after: after.batch });
  if ((before.reasoningTokens ?? 0) !== (after.reasoningTokens ?? 0)) changes.push({ kind: 'reasoning', before: before.reasoningTokens ?? 0, after: after.reasoningTokens ?? 0 });
  else if ((before.reasoningSetting ?? null) !== (after.reasoningSetting ?? null)) {
    // A budget or effort set, changed or dropped in code is billed as output even while reasoningTokens prices it at 0.
    changes.push({ kind: 'reasoning', before: before.reasoningSetting ?? 'none', after: after.reasoningSetting ?? 'none' });
  }
  return changes;
}
