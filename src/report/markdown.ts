import { markdownTable } from 'markdown-table';
import { codeSpan, escapeMarkdown } from './escape.js';
import { changedSites, describeChanges, formatDeltaUsd, formatPercent, formatUsd, headline, modelLabel } from './format.js';
import type { Report, SiteReport } from './report.js';

const VERDICT_ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const;

/** The report as GitHub-flavoured markdown (the CLI's `--format markdown`), from the same value as the JSON. */
export function renderMarkdown(report: Report): string {
  const { totals, verdict } = report;
  const lines: string[] = [];
  const percent = totals.deltaPercent === null ? 'new spend' : formatPercent(totals.deltaPercent);
  lines.push(`## ${VERDICT_ICON[verdict.status]} LLM cost: ${formatDeltaUsd(totals.deltaMonthlyUsd)}/month (${percent})`, '');
  lines.push(headline(report), '');

  const changed = changedSites(report);
  if (changed.length === 0) lines.push('No LLM call site or prompt changed cost in this diff.', '');
  else lines.push(siteTable(changed), '');

  if (verdict.violations.length) {
    lines.push('### Budget', '');
    for (const v of verdict.violations) lines.push(`- ${escapeMarkdown(v.message)}`);
    if (verdict.approvalLabel && !verdict.approved) lines.push(`- A maintainer can approve the increase with the label ${codeSpan(verdict.approvalLabel)}.`);
    lines.push('');
  }
  if (report.warnings.length) {
    lines.push(`### Warnings (${report.warnings.length})`, '');
    for (const w of report.warnings) {
      const where = w.file ? `${codeSpan(`${w.file}${w.line ? `:${w.line}` : ''}`)} ` : '';
      const side = w.snapshot ? ` _(${w.snapshot} only)_` : '';
      lines.push(`- ${where}${escapeMarkdown(w.message)}${side}`);
    }
    lines.push('');
  }
  lines.push('<details><summary>Assumptions</summary>', '');
  lines.push(markdownTable([['Assumption', 'Value', 'Source', 'Applies to'], ...report.assumptions.map((a) => [codeSpan(a.key), String(a.value), a.source, a.appliesTo === 'every call site' ? a.appliesTo : codeSpan(a.appliesTo)])]));
  lines.push('', 'Token counts come from the code (js-tiktoken); traffic comes from the config, or the defaults where it is silent.', '</details>', '');
  lines.push(footer(report));
  return `${lines.join('\n')}\n`;
}

function siteTable(sites: SiteReport[]): string {
  const rows = sites.map((site) => [
    `${codeSpan(`${site.file}:${site.line}`)}<br>${codeSpan(site.method)}`,
    escapeMarkdown(describeChanges(site)),
    escapeMarkdown(modelLabel(site.head ?? site.base)),
    site.base ? formatUsd(site.base.monthlyUsd) : '—',
    site.head ? formatUsd(site.head.monthlyUsd) : '—',
    formatDeltaUsd(site.deltaMonthlyUsd),
  ]);
  return markdownTable([['Call site', 'What changed', 'Model', 'Base $/mo', 'Head $/mo', 'Δ $/mo'], ...rows], { align: ['l', 'l', 'l', 'r', 'r', 'r'] });
}

function footer(report: Report): string {
  const unchanged = report.sites.filter((s) => s.status === 'unchanged').length;
  return `<sub>${report.sites.length} call sites (${unchanged} unchanged), ${report.scan.filesScanned} files scanned. Prices: ${report.pricing.source} ${report.pricing.version} (${report.pricing.date}). Base ${report.base.sha.slice(0, 7)}, head ${report.head.sha.slice(0, 7)}.</sub>`;
}
