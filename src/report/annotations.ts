/**
 * Annotations on the changed call-site lines: cost regressions (errors when the budget failed, warnings
 * otherwise) and report warnings that name a line. GitHub shows at most 10 of each level per step, so the
 * largest increases come first and the rest are left to the comment and summary.
 */
import { describeChange, formatDeltaUsd, formatUsd } from './format.js';
import type { Report, SiteReport } from './report.js';

export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  /** Plain text: `core.error`/`core.warning` escape it for the workflow command. */
  message: string;
  /** Path from the repository root. */
  file: string;
  startLine: number;
}

/** GitHub's per-step limit for each level. */
export const MAX_ANNOTATIONS_PER_LEVEL = 10;

function getRegression(site: SiteReport, level: Annotation['level'], prefix: string): Annotation {
  const what = site.changes.map(describeChange).join('; ') || site.status;
  const from = site.base ? `from ${formatUsd(site.base.monthlyUsd)}` : 'from nothing';
  const to = site.head ? formatUsd(site.head.monthlyUsd) : '$0.00';
  return {
    level,
    title: `LLM cost ${formatDeltaUsd(site.deltaMonthlyUsd)}/mo`,
    message: `${site.method} costs ${formatDeltaUsd(site.deltaMonthlyUsd)} per month (${from} to ${to}): ${what}.`,
    file: prefix + site.file,
    startLine: Math.max(1, Math.floor(site.line)),
  };
}

/**
 * The annotations for a report, at most 10 errors and 10 warnings, largest increase first. `pathPrefix` is the
 * analysed directory inside the repository, since annotation paths are relative to the repository root.
 */
export function getAnnotations(report: Report, options: { pathPrefix?: string } = {}): Annotation[] {
  const prefix = options.pathPrefix ? `${options.pathPrefix.replace(/\/+$/, '')}/` : '';
  const failed = report.verdict.status === 'fail';
  // A broken total budget blames every increase; a broken per-site cap blames only that site.
  const totalBroken = report.verdict.violations.some((v) => !v.siteId);
  const overSiteCap = new Set(report.verdict.violations.flatMap((v) => (v.siteId ? [v.siteId] : [])));
  const regressions = report.sites
    .filter((site) => site.status !== 'removed' && site.deltaMonthlyUsd > 0)
    .sort((a, b) => b.deltaMonthlyUsd - a.deltaMonthlyUsd || a.id.localeCompare(b.id));
  const errors: Annotation[] = [];
  const warnings: Annotation[] = [];
  for (const site of regressions) {
    const isError = failed && (totalBroken || overSiteCap.has(site.id));
    (isError ? errors : warnings).push(getRegression(site, isError ? 'error' : 'warning', prefix));
  }
  for (const warning of report.warnings) {
    if (!warning.file || !warning.line) continue;
    warnings.push({
      level: 'warning',
      title: `LLM cost: ${warning.code}`,
      message: warning.message,
      file: prefix + warning.file,
      startLine: Math.max(1, Math.floor(warning.line)),
    });
  }
  return [...errors.slice(0, MAX_ANNOTATIONS_PER_LEVEL), ...warnings.slice(0, MAX_ANNOTATIONS_PER_LEVEL)];
}
