import type { Config } from '../config/schema.js';
import type { Report, Verdict, Violation } from '../report/report.js';
import { formatPercent, formatUsd } from '../report/format.js';

/**
 * The budget verdict. Any broken rule fails the check (or warns, with `onExceed: warn`); the approval label on the
 * pull request turns a failure into a warning. Per-site caps apply to the sites the change touched, so a site
 * already over its cap does not block every unrelated pull request.
 */
export function judgeBudget(budget: Config['budget'], totals: Report['totals'], sites: Report['sites'], labels: readonly string[] = []): Verdict {
  const violations: Violation[] = [];
  if (budget?.maxIncreaseUsd !== undefined && totals.deltaMonthlyUsd > budget.maxIncreaseUsd) {
    violations.push({ rule: 'maxIncreaseUsd', limit: budget.maxIncreaseUsd, actual: totals.deltaMonthlyUsd, message: `Monthly cost grows by ${formatUsd(totals.deltaMonthlyUsd)}, over the ${formatUsd(budget.maxIncreaseUsd)} budget.` });
  }
  if (budget?.maxIncreasePercent !== undefined && totals.deltaMonthlyUsd > 0) {
    const percent = totals.deltaPercent ?? Infinity;
    if (percent > budget.maxIncreasePercent) {
      violations.push({
        rule: 'maxIncreasePercent',
        limit: budget.maxIncreasePercent,
        actual: Number.isFinite(percent) ? percent : totals.deltaMonthlyUsd,
        message: Number.isFinite(percent) ? `Monthly cost grows by ${formatPercent(percent).replace(/^\+/, '')}, over the ${budget.maxIncreasePercent}% budget.` : `Monthly cost grows from $0 to ${formatUsd(totals.headMonthlyUsd)}, over the ${budget.maxIncreasePercent}% budget.`,
      });
    }
  }
  if (budget?.maxMonthlyUsd !== undefined && totals.headMonthlyUsd > budget.maxMonthlyUsd) {
    violations.push({ rule: 'maxMonthlyUsd', limit: budget.maxMonthlyUsd, actual: totals.headMonthlyUsd, message: `Monthly cost at head is ${formatUsd(totals.headMonthlyUsd)}, over the ${formatUsd(budget.maxMonthlyUsd)} cap.` });
  }
  if (budget?.maxSiteMonthlyUsd !== undefined) {
    for (const site of sites) {
      if (site.status === 'unchanged' || !site.head || site.head.monthlyUsd <= budget.maxSiteMonthlyUsd) continue;
      violations.push({ rule: 'maxSiteMonthlyUsd', limit: budget.maxSiteMonthlyUsd, actual: site.head.monthlyUsd, siteId: site.id, message: `${site.file}:${site.line} costs ${formatUsd(site.head.monthlyUsd)} a month, over the ${formatUsd(budget.maxSiteMonthlyUsd)} per-site cap.` });
    }
  }
  const approvalLabel = budget?.approvalLabel;
  const base: Verdict = { status: 'pass', violations, ...(approvalLabel ? { approvalLabel } : {}) };
  if (violations.length === 0) return base;
  if (approvalLabel && labels.includes(approvalLabel)) return { ...base, status: 'warn', approved: true };
  return { ...base, status: budget?.onExceed === 'warn' ? 'warn' : 'fail' };
}
