/** The step outputs, as strings: plain numbers a later step can compare (`fromJSON(steps.cost.outputs.monthly-delta-usd) > 100`). */
import type { Report } from '../report/report.js';

export interface ActionOutputs {
  'monthly-delta-usd': string;
  'delta-percent': string;
  'base-monthly-usd': string;
  'head-monthly-usd': string;
  verdict: Report['verdict']['status'];
  'report-path': string;
  'comment-url': string;
}

/** Internal: at most 4 decimals, no exponent, no trailing zeros. */
function formatNumber(value: number, decimals: number): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? '0' : rounded.toFixed(decimals).replace(/\.?0+$/, '');
}

/** The outputs of a run. `delta-percent` is empty when the base cost was zero. */
export function getOutputs(report: Report, published: { reportPath: string; commentUrl: string | null }): ActionOutputs {
  const { totals } = report;
  return {
    'monthly-delta-usd': formatNumber(totals.deltaMonthlyUsd, 4),
    'delta-percent': totals.deltaPercent === null ? '' : formatNumber(totals.deltaPercent, 2),
    'base-monthly-usd': formatNumber(totals.baseMonthlyUsd, 4),
    'head-monthly-usd': formatNumber(totals.headMonthlyUsd, 4),
    verdict: report.verdict.status,
    'report-path': published.reportPath,
    'comment-url': published.commentUrl ?? '',
  };
}
