import { DEFAULT_TRAFFIC, type Config } from './config/schema.js';
import { createOwnerResolver, createTrafficResolver } from './config/traffic.js';
import { diffSites, totalsOf, type PricedSite } from './diff/diff.js';
import { estimateSite, siteModel } from './estimate/cost.js';
import { PRICE_DATA } from './estimate/prices.js';
import { TokenCounter, tokenizerFor } from './estimate/tokens.js';
import type { SnapshotPair } from './git/snapshots.js';
import { judgeBudget } from './policy/budget.js';
import { reportInsights } from './report/insights.js';
import type { Assumption, Report, ReportWarning, ScanStats } from './report/report.js';
import type { CallSite } from './scan/call-site.js';
import { MAX_SOURCE_BYTES, type FileFilter } from './scan/files.js';
import { scanPromptFiles } from './scan/prompt-files.js';
import { scanSnapshot, type ScanResult } from './scan/scan.js';
import { DETECTORS } from './scan/sdks/index.js';
import type { Snapshot } from './scan/snapshot.js';
import { TOOL_VERSION } from './version.js';

/** What the analysis needs besides the two snapshots and the config. */
export interface AnalysisContext {
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  filter: FileFilter;
  /** Paths the scan covers (the `--repo` / `working-directory` folder); others are read only to resolve imports. */
  inScope: (path: string) => boolean;
  labels?: string[];
  log: (line: string) => void;
}

/**
 * A file that mentions none of the detectors' keywords is not parsed. Keywords, not package names: a package
 * called `ai` would make every file that says "main" a candidate.
 */
const PREFILTER = new RegExp([...new Set(DETECTORS.flatMap((d) => d.keywords))].map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'i');

/**
 * From two snapshots to the report: find the candidate files, scan both snapshots, price every site, diff, judge.
 * Nothing here touches git or the network; files are read through the snapshots.
 */
export async function analyseSnapshots(pair: SnapshotPair, config: Config, context: AnalysisContext): Promise<Report> {
  const { head, base, renames, baseOnly } = pair;
  const { filter, inScope, log } = context;
  const stats: ScanStats = { filesListed: head.paths.size, filesScanned: 0, skipped: {}, promptFiles: 0 };
  const skip = (reason: string): void => {
    stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
  };
  const headCandidates = candidatesOf(head, pair.headSizes, filter, skip, inScope);
  const headDecisions = new Set(headCandidates);
  const baseCandidates = candidatesOf(base, pair.baseSizes, filter, () => {}, inScope, (path) => (baseOnly.has(path) ? undefined : headDecisions.has(path)));
  stats.filesScanned = headCandidates.length;
  log(`llm-cost-diff: scanning ${headCandidates.length} candidate files at head, ${baseCandidates.length} at base`);

  const headIdPath = (path: string): string => path;
  const baseIdPath = (path: string): string => renames.get(path) ?? path;
  const promptPaths = (snapshot: Snapshot) => [...snapshot.paths].filter((p) => inScope(p) && filter.isPromptFile(p));
  // Wrappers' callers (loops up the call graph) are looked for in source files only, never tests or build output.
  const isCallerFile = (path: string): boolean => filter.skipByPath(path) === undefined;
  const headPrompts = promptPaths(head);
  const headScan = scanAll(head, headCandidates, headPrompts, headIdPath, isCallerFile);
  const baseScan = scanAll(base, baseCandidates, promptPaths(base), baseIdPath, isCallerFile);
  stats.promptFiles = headPrompts.length;

  // Each site's traffic once: it decides the tokenizer to load and then the price.
  const trafficOf = createTrafficResolver(config);
  const withTraffic = (sites: CallSite[], idPath: (p: string) => string) =>
    sites.map((site) => ({ site, idFile: idPath(site.origin.file), traffic: trafficOf({ id: site.id, file: idPath(site.origin.file) }, site.inline?.values) }));
  const headSites = withTraffic(headScan.sites, headIdPath);
  const baseSites = withTraffic(baseScan.sites, baseIdPath);
  const counter = new TokenCounter();
  await counter.load([...headSites, ...baseSites].map(({ site, traffic }) => tokenizerFor(siteModel(site, traffic, config.deployments).model ?? undefined).encoding));

  const price = (sites: ReturnType<typeof withTraffic>, snapshot: 'base' | 'head') => {
    const warnings: SnapshotWarning[] = [];
    const priced = sites.map(({ site, idFile, traffic }): PricedSite => {
      const estimate = estimateSite(site, traffic, counter, config.prices, config.deployments);
      warnings.push(...estimate.warnings.map((w) => ({ ...w, snapshot, siteId: site.id })));
      for (const key of site.inline?.unknownKeys ?? []) {
        warnings.push({ code: 'config', message: `Ignored '${key}' in an llm-cost: comment (keys: callsPerMonth, output, dynamic, turns, loop, cache, retry; values are numbers).`, file: site.origin.file, line: site.origin.line, snapshot, siteId: site.id });
      }
      return { id: site.id, idFile, file: site.origin.file, line: site.origin.line, sdk: site.sdk, method: site.method, enclosingFunction: site.enclosingFunction, cost: estimate.cost, facts: estimate.facts, plan: estimate.plan };
    });
    return { priced, warnings };
  };
  const headPriced = price(headSites, 'head');
  const basePriced = price(baseSites, 'base');

  const sites = diffSites(basePriced.priced, headPriced.priced, createOwnerResolver(config));
  const totals = totalsOf(sites);
  const verdict = judgeBudget(config.budget, totals, sites, context.labels);
  const touched = new Set(sites.filter((s) => s.status !== 'unchanged').map((s) => s.id));
  const warnings = mergeWarnings(
    [...headPriced.warnings, ...headScan.warnings.map((w) => ({ ...w, snapshot: 'head' as const, siteId: undefined }))],
    [...basePriced.warnings, ...baseScan.warnings.map((w) => ({ ...w, snapshot: 'base' as const, siteId: undefined }))],
    touched,
  );

  return {
    schemaVersion: 1,
    tool: { name: 'llm-cost-diff', version: TOOL_VERSION },
    base: context.base,
    head: context.head,
    currency: 'USD',
    pricing: { ...PRICE_DATA },
    totals,
    sites,
    verdict,
    warnings,
    assumptions: assumptionsOf(sites, trafficOf),
    scan: stats,
    ...reportInsights(sites, headPriced.priced, config),
  };
}

/** Call sites of one snapshot: those in code, and prompt files that declare their own model. */
function scanAll(snapshot: Snapshot, candidates: string[], promptPaths: string[], idPath: (path: string) => string, isCallerFile?: (path: string) => boolean): ScanResult {
  const code = scanSnapshot(snapshot, candidates, DETECTORS, idPath, isCallerFile ? { isCallerFile } : {});
  const prompts = scanPromptFiles(snapshot, promptPaths, idPath);
  return { sites: [...code.sites, ...prompts.sites], warnings: [...code.warnings, ...prompts.warnings] };
}

/**
 * Source files worth parsing: not skipped by path or content, and mentioning an SDK. `known` answers from an
 * earlier decision (base reuses head's for the files the change did not touch).
 */
function candidatesOf(
  snapshot: Snapshot,
  sizes: Map<string, number>,
  filter: FileFilter,
  skip: (reason: string) => void,
  inScope: (path: string) => boolean,
  known?: (path: string) => boolean | undefined,
): string[] {
  const candidates: string[] = [];
  for (const path of snapshot.paths) {
    if (!inScope(path)) continue;
    const earlier = known?.(path);
    if (earlier !== undefined) {
      if (earlier) candidates.push(path);
      continue;
    }
    const byPath = filter.skipByPath(path);
    if (byPath === 'not-source') continue;
    if (byPath) {
      skip(byPath);
      continue;
    }
    if ((sizes.get(path) ?? 0) > MAX_SOURCE_BYTES) {
      skip('too-large');
      continue;
    }
    const text = snapshot.read(path);
    if (text === undefined) continue;
    const byContent = filter.skipByContent(text);
    if (byContent) {
      skip(byContent);
      continue;
    }
    if (PREFILTER.test(text)) candidates.push(path);
  }
  return candidates;
}

type SnapshotWarning = ReportWarning & { siteId: string | undefined };

/**
 * One list of warnings for both snapshots: a warning raised by both is listed once; one raised by only one says
 * which. Advisory warnings (no cap, estimated tokens) are kept for the sites the change touched; those that make a
 * number wrong (unknown price or model, unparsable file) are kept for every site.
 */
function mergeWarnings(head: SnapshotWarning[], base: SnapshotWarning[], touched: Set<string>): ReportWarning[] {
  const advisory = new Set(['no-output-cap', 'estimated-tokens', 'reasoning-tokens']);
  const keep = (w: SnapshotWarning): boolean => !advisory.has(w.code) || (w.siteId !== undefined && touched.has(w.siteId));
  const key = (w: ReportWarning): string => `${w.code}\0${w.message}`;
  const baseKeys = new Set(base.map(key));
  const headKeys = new Set(head.map(key));
  const seen = new Set<string>();
  const out: ReportWarning[] = [];
  for (const w of [...head, ...base]) {
    if (!keep(w) || seen.has(key(w))) continue;
    seen.add(key(w));
    const inBoth = baseKeys.has(key(w)) && headKeys.has(key(w));
    const { siteId: _siteId, snapshot, ...rest } = w;
    out.push(inBoth ? rest : { ...rest, snapshot });
  }
  const order = ['parse-error', 'unresolved-model', 'unknown-price', 'unknown-model', 'unresolved-prompt', 'unresolved-value', 'no-output-cap', 'estimated-tokens'];
  return out.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}

/** The traffic assumptions behind the numbers: the defaults, then each config rule that shaped a changed site. */
function assumptionsOf(sites: Report['sites'], trafficOf: ReturnType<typeof createTrafficResolver>): Assumption[] {
  const assumptions: Assumption[] = [];
  const defaults = trafficOf({ id: '\0', file: '\0' });
  for (const key of Object.keys(DEFAULT_TRAFFIC) as Array<keyof typeof DEFAULT_TRAFFIC>) {
    assumptions.push({ key, value: defaults.values[key], source: defaults.sources[key], appliesTo: 'every call site' });
  }
  for (const site of sites) {
    if (site.status === 'unchanged') continue;
    const traffic = trafficOf({ id: site.id, file: site.file });
    for (const key of Object.keys(DEFAULT_TRAFFIC) as Array<keyof typeof DEFAULT_TRAFFIC>) {
      if (traffic.values[key] !== defaults.values[key]) assumptions.push({ key, value: traffic.values[key], source: traffic.sources[key], appliesTo: site.id });
    }
  }
  return assumptions;
}
