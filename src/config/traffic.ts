import picomatch from 'picomatch';
import type { ValueSource } from '../report/report.js';
import { DEFAULT_TRAFFIC, type Config, type Traffic, type TrafficRule } from './schema.js';

export interface SiteTraffic {
  values: Traffic;
  sources: Record<keyof Traffic, ValueSource>;
  assume: NonNullable<TrafficRule['assume']>;
}

/**
 * A `match` is a call-site id or id glob when it has a `#`, else a path glob. Globs are compiled once per config.
 */
export function createTrafficResolver(config: Config): (site: { id: string; file: string }, inline?: Partial<Traffic>) => SiteTraffic {
  const rules = (config.traffic ?? []).map((rule) => ({ rule, matches: siteMatcher(rule.match) }));
  return (site, inline) => {
    const values: Traffic = { ...DEFAULT_TRAFFIC };
    const sources = Object.fromEntries(Object.keys(DEFAULT_TRAFFIC).map((k) => [k, 'default'])) as SiteTraffic['sources'];
    const assume: SiteTraffic['assume'] = {};
    const apply = (settings: Partial<Traffic> | undefined, source: ValueSource): void => {
      for (const key of Object.keys(DEFAULT_TRAFFIC) as Array<keyof Traffic>) {
        const value = settings?.[key];
        if (value !== undefined) {
          values[key] = value;
          sources[key] = source;
        }
      }
    };
    apply(config.defaults, 'config');
    for (const { rule, matches } of rules) {
      if (!matches(site)) continue;
      apply(rule, 'config');
      Object.assign(assume, rule.assume);
    }
    apply(inline, 'code');
    return { values, sources, assume };
  };
}

/** A matcher for a traffic or owner rule's `match`. */
export function siteMatcher(match: string): (site: { id: string; file: string }) => boolean {
  if (match.includes('#')) {
    if (!/[*?[\]{}]/.test(match)) return (site) => site.id === match;
    // Ids contain `/` and `#`; match them as whole strings, `*` crossing any character.
    const pattern = new RegExp(`^${match.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*\*?/g, '.*').replace(/\?/g, '.')}$`);
    return (site) => pattern.test(site.id);
  }
  const isMatch = picomatch(match, { dot: true });
  return (site) => isMatch(site.file);
}

/** The owner of a site: the last `owners` rule that matches it. */
export function createOwnerResolver(config: Config): (site: { id: string; file: string }) => string | null {
  const owners = (config.owners ?? []).map((o) => ({ owner: o.owner, matches: siteMatcher(o.match) }));
  return (site) => {
    let owner: string | null = null;
    for (const rule of owners) if (rule.matches(site)) owner = rule.owner;
    return owner;
  };
}
