import { formatPercent, formatTokens, formatUsd } from './format.js';
import type { CostDrivers, Report, SiteReport } from './report.js';

/**
 * The parts of the report that explain and advise, as plain words (for the terminal) or markdown (for the
 * comment): what multiplies each changed site's cost, cost per business unit, anomalies, and suggestions with
 * their savings. The markdown builders take the comment's escapers, so repository text is escaped in one place.
 */

export interface Escapers {
  /** Repository text as inline markdown. */
  text(value: string): string;
  /** Repository text as a code span. */
  code(value: string): string;
  /** Our own money strings (keeps `$` from being read as math). */
  money(value: string): string;
}

/** Suggestions shown at most; the JSON report has them all. */
const MAX_SUGGESTIONS = 10;

/** What multiplies or grows one side's cost, in words: `×10 (for loop around summarise)`, `6 turns of history`. */
export function describeDrivers(drivers: CostDrivers | undefined): string[] {
  if (!drivers) return [];
  const parts: string[] = [];
  if (drivers.loops.length > 0) {
    const where = drivers.loops.map((l) => `${l.kind}${l.iterations !== null ? ` of ${l.iterations}` : ''}${l.via ? ` around ${l.via}()` : ''}`).join(', ');
    const unknown = drivers.loopSource === 'default' ? ', bound unknown: set loopIterations' : '';
    parts.push(`×${formatCount(drivers.loopIterations)} per invocation (${where}${unknown})`);
  }
  if (drivers.agentSteps > 1 || !drivers.agentStepsBounded) {
    parts.push(drivers.agentStepsBounded ? `${drivers.agentSteps} agent steps, context growing each step` : `agent loop without a step bound (priced at ${drivers.agentSteps} steps)`);
  }
  if (drivers.history) {
    const window = drivers.history.windowTurns !== null ? `, last ${drivers.history.windowTurns} turns kept` : ', whole conversation resent';
    parts.push(`${drivers.turnsPerConversation} turns of history (${formatTokens(Math.round(drivers.historyTokens))} tokens per call on average${window})`);
  }
  if (drivers.reasoningTokens > 0) parts.push(`${formatTokens(drivers.reasoningTokens)} reasoning tokens per call${drivers.reasoningBudget !== null ? ` (budget ${formatTokens(drivers.reasoningBudget)})` : ''}`);
  if (drivers.cacheReadTokens > 0 || drivers.cacheWriteTokens > 0) parts.push(`${formatTokens(drivers.cacheReadTokens)} cached input tokens per call at a ${Math.round(drivers.cacheHitRate * 100)}% hit rate`);
  if (drivers.retryWrappers.length > 0) parts.push(`retries stacked: ${drivers.retryWrappers.map((w) => `${w.helper} (${w.retries})`).join(', ')} on a client with ${drivers.maxRetries}`);
  if (drivers.batch) parts.push('batch API (half price)');
  if (parts.length > 0 || drivers.worstCaseMonthlyUsd !== null) {
    parts.push(drivers.worstCaseMonthlyUsd !== null ? `worst case ${formatUsd(drivers.worstCaseMonthlyUsd)}/mo` : `no worst case: ${drivers.worstCaseNote ?? 'unbounded'}`);
  }
  return parts;
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? formatTokens(n) : n.toFixed(2);
}

function sitesWithDrivers(report: Report): SiteReport[] {
  return report.sites.filter((s) => s.status !== 'unchanged' && describeDrivers((s.head ?? s.base)?.drivers).length > 1);
}

/** The comment's section on what multiplies each changed site's cost. */
export function getDriversSection(report: Report, esc: Escapers): string | null {
  const sites = sitesWithDrivers(report);
  if (sites.length === 0) return null;
  const lines = sites.map((site) => `- ${esc.code(`${site.file}:${site.line}`)}: ${esc.text(describeDrivers((site.head ?? site.base)!.drivers).join('; '))}`);
  return ['**What drives the cost**', '', ...lines].join('\n');
}

export function getAnomaliesSection(report: Report, esc: Escapers): string | null {
  const anomalies = report.anomalies ?? [];
  if (anomalies.length === 0) return null;
  return ['**Cost anomalies**', '', ...anomalies.map((a) => `- ⚠️ ${esc.text(a.message)}`)].join('\n');
}

export function getUnitsSection(report: Report, esc: Escapers): string | null {
  const units = report.units ?? [];
  if (units.length === 0) return null;
  const lines = units.map((u) => `- Cost per ${esc.text(singular(u.name))}: ${esc.money(unitLine(u))}`);
  return ['**Cost per unit**', '', ...lines].join('\n');
}

export function getSuggestionsSection(report: Report, esc: Escapers): string | null {
  const suggestions = report.suggestions ?? [];
  if (suggestions.length === 0) return null;
  const total = suggestions.reduce((sum, s) => sum + s.monthlySavingUsd, 0);
  const lines = suggestions.slice(0, MAX_SUGGESTIONS).map((s) => `- ${esc.code(`${s.file}:${s.line}`)} ${esc.text(s.message)} ${s.monthlySavingUsd > 0 ? `**saves ${esc.money(formatUsd(s.monthlySavingUsd))}/mo**` : '_(bounds the worst case)_'}`);
  if (suggestions.length > MAX_SUGGESTIONS) lines.push(`- …and ${suggestions.length - MAX_SUGGESTIONS} more in the JSON report.`);
  return [`**Suggestions** (up to ${esc.money(formatUsd(total))}/mo; options to evaluate, not verdicts)`, '', ...lines].join('\n');
}

/** The same sections as terminal lines. */
export function insightLines(report: Report): string[] {
  const lines: string[] = [];
  const drivers = sitesWithDrivers(report);
  if (drivers.length) {
    lines.push('What drives the cost:');
    for (const site of drivers) lines.push(`  ${site.file}:${site.line}: ${describeDrivers((site.head ?? site.base)!.drivers).join('; ')}`);
    lines.push('');
  }
  for (const a of report.anomalies ?? []) lines.push(`Anomaly: ${a.message}`);
  if (report.anomalies?.length) lines.push('');
  for (const u of report.units ?? []) lines.push(`Cost per ${singular(u.name)}: ${unitLine(u)}`);
  if (report.units?.length) lines.push('');
  const suggestions = report.suggestions ?? [];
  if (suggestions.length) {
    lines.push('Suggestions:');
    for (const s of suggestions) lines.push(`  ${s.file}:${s.line}: ${s.message} ${s.monthlySavingUsd > 0 ? `Saves ${formatUsd(s.monthlySavingUsd)}/mo.` : '(Bounds the worst case.)'}`);
    lines.push('');
  }
  return lines;
}

function unitLine(u: NonNullable<Report['units']>[number]): string {
  const side = (v: number | null): string => (v === null ? '—' : formatUsd(v));
  const change = u.deltaPercent === null ? '' : ` (${formatPercent(u.deltaPercent)})`;
  return `${side(u.baseCostPerUnitUsd)} → ${side(u.headCostPerUnitUsd)}${change}`;
}

function singular(name: string): string {
  return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name;
}
