import { suggestFor, type AdvisedSite } from '../advice/suggest.js';
import type { Config } from '../config/schema.js';
import type { PricedSite } from '../diff/diff.js';
import { anomaliesOf, ownerTotals, unitCosts } from './attribution.js';
import type { Report, SiteReport } from './report.js';

/**
 * The report's additions beyond the diff: suggestions for the head sites (each priced by its own cost plan),
 * totals per owner, cost per business unit and cost anomalies.
 */
export function reportInsights(sites: readonly SiteReport[], head: readonly PricedSite[], config: Config): Required<Pick<Report, 'suggestions' | 'owners' | 'units' | 'anomalies'>> {
  const headById = new Map(head.map((s) => [s.id, s]));
  const advised: AdvisedSite[] = [];
  for (const report of sites) {
    const priced = report.head ? headById.get(report.id) : undefined;
    if (!priced?.plan) continue;
    advised.push({ report, plan: priced.plan, facts: priced.facts, pricedModel: priced.cost.pricedModel ?? priced.cost.model, configPrice: priced.cost.sources.price === 'config', enclosingFunction: priced.enclosingFunction });
  }
  return {
    suggestions: suggestFor(advised, config.prices),
    owners: ownerTotals(sites),
    units: unitCosts(sites, config.units),
    anomalies: anomaliesOf(sites, config.budget?.anomalyFactor),
  };
}
