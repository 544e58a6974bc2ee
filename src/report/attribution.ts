import type { Config } from '../config/schema.js';
import { siteMatcher } from '../config/traffic.js';
import { formatUsd } from './format.js';
import type { Anomaly, OwnerTotal, SiteReport, UnitCost } from './report.js';

/** A site whose cost grows by more than this factor is flagged, even within budget, unless the config says. */
export const DEFAULT_ANOMALY_FACTOR = 3;
/** Growth smaller than this many USD a month is not an anomaly, whatever the factor. */
const MIN_ANOMALY_DELTA_USD = 1;

/** Base, head and delta per owner (config `owners`), largest head first; sites without an owner are under null. */
export function ownerTotals(sites: readonly SiteReport[]): OwnerTotal[] {
  const totals = new Map<string | null, OwnerTotal>();
  for (const site of sites) {
    const total = totals.get(site.owner) ?? { owner: site.owner, baseMonthlyUsd: 0, headMonthlyUsd: 0, deltaMonthlyUsd: 0 };
    total.baseMonthlyUsd += site.base?.monthlyUsd ?? 0;
    total.headMonthlyUsd += site.head?.monthlyUsd ?? 0;
    total.deltaMonthlyUsd = total.headMonthlyUsd - total.baseMonthlyUsd;
    totals.set(site.owner, total);
  }
  return [...totals.values()].sort((a, b) => b.headMonthlyUsd - a.headMonthlyUsd || String(a.owner).localeCompare(String(b.owner)));
}

/**
 * Cost per business unit (config `units`): the monthly cost of the matched sites over the units they serve, at base
 * and at head. Units are a number per month, or `perCall` units per invocation of the matched sites (so a PR that
 * doubles the cost of a conversation says so even when traffic is unchanged).
 */
export function unitCosts(sites: readonly SiteReport[], units: Config['units']): UnitCost[] {
  const out: UnitCost[] = [];
  for (const [name, unit] of Object.entries(units ?? {})) {
    const spec = typeof unit === 'number' ? { perMonth: unit } : unit;
    const matches = spec.match ? siteMatcher(spec.match) : () => true;
    const matched = sites.filter((s) => matches({ id: s.id, file: s.file }));
    const side = (pick: (s: SiteReport) => SiteReport['base']): { cost: number; units: number } => {
      const cost = matched.reduce((sum, s) => sum + (pick(s)?.monthlyUsd ?? 0), 0);
      const count = spec.perMonth ?? matched.reduce((sum, s) => sum + (pick(s)?.drivers?.invocationsPerMonth ?? 0) * spec.perCall!, 0);
      return { cost, units: count };
    };
    const base = side((s) => s.base);
    const head = side((s) => s.head);
    const perUnit = (x: { cost: number; units: number }): number | null => (x.units > 0 ? x.cost / x.units : null);
    const [b, h] = [perUnit(base), perUnit(head)];
    out.push({ name, baseUnitsPerMonth: base.units, headUnitsPerMonth: head.units, baseCostPerUnitUsd: b, headCostPerUnitUsd: h, deltaPercent: b && h !== null ? ((h - b) / b) * 100 : null });
  }
  return out;
}

/** Sites whose monthly cost grows by more than `factor` (and by at least a dollar), budget or not. */
export function anomaliesOf(sites: readonly SiteReport[], factor = DEFAULT_ANOMALY_FACTOR): Anomaly[] {
  const out: Anomaly[] = [];
  for (const site of sites) {
    const base = site.base?.monthlyUsd ?? 0;
    const head = site.head?.monthlyUsd ?? 0;
    if (site.status === 'unchanged' || head - base < MIN_ANOMALY_DELTA_USD) continue;
    const grown = base > 0 ? head / base : null;
    if (grown !== null && grown <= factor) continue;
    if (grown === null && site.status !== 'changed') continue;
    out.push({
      siteId: site.id,
      file: site.file,
      line: site.line,
      factor: grown,
      baseMonthlyUsd: base,
      headMonthlyUsd: head,
      message: `${site.file}:${site.line} costs ${grown === null ? 'from $0' : `${grown.toFixed(1)}×`} what it did (${formatUsd(base)} → ${formatUsd(head)}/mo), over the ${factor}× anomaly threshold.`,
    });
  }
  return out.sort((a, b) => b.headMonthlyUsd - b.baseMonthlyUsd - (a.headMonthlyUsd - a.baseMonthlyUsd));
}
