/**
 * The pull-request comment (and the job summary) as markdown, built from a plain `Report`: headline, budget,
 * a table of changed call sites linked to their line at the head SHA, warnings, cost by owner, assumptions,
 * price data date and footer. Everything taken from the repository is escaped, so a hostile file path, model
 * id or prompt name cannot inject HTML, break the table or ping anyone. Nothing here talks to GitHub.
 */
import { markdownTable } from 'markdown-table';
import { changedSites, describeChange, formatDeltaUsd, formatPercent, formatUsd } from './format.js';
import type { Report, SiteReport } from './report.js';
import { getAnomaliesSection, getDriversSection, getSuggestionsSection, getUnitsSection, type Escapers } from './insight-sections.js';

export interface CommentOptions {
  /** `https://github.com/owner/repo`: call sites link to their line at the head (removed ones: base) SHA. */
  repositoryUrl?: string;
  /** The analysed directory inside the repository (`working-directory`), prepended to file paths in links. */
  pathPrefix?: string;
  /** A name shown in the headline, to tell comments of several projects or matrix jobs apart. */
  title?: string;
  /** Largest body allowed (default GitHub's 65,536 characters); detail is dropped first to fit. */
  maxLength?: number;
  /** How the limit is measured (default: string length, which is what GitHub counts). */
  measure?: (text: string) => number;
  /** Where the whole report can be read, named when detail is dropped. */
  fullReportHint?: string;
}

const DEFAULT_MAX_LENGTH = 65_536;
/** Longest string from the repository shown in one place; a 100 kB model id must not fill the comment. */
const MAX_FIELD_LENGTH = 300;
const ZWSP = '\u200b';

// ---------------------------------------------------------------------------------------------------------------
// Escaping: the only way repository text enters the markdown.

function clip(text: string): string {
  const flat = text.replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ');
  return flat.length > MAX_FIELD_LENGTH ? `${flat.slice(0, MAX_FIELD_LENGTH - 1)}…` : flat;
}

/**
 * Internal: stops GitHub's post-markdown filters, which work on the rendered text, from turning `@name` into a
 * ping and `#123` into a cross-reference: a zero-width space after `@` and between `#` and digits.
 */
function defuseReferences(text: string): string {
  return text.replace(/@/g, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`);
}

/**
 * Repository text as inline markdown that renders literally: every ASCII punctuation character that markdown,
 * HTML, GitHub math (`$`) or a table cell (`|`) could read is backslash-escaped, line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return defuseReferences(clip(text).replace(/[\\`*_{}\[\]()<>#+\-.!|~&$=:"']/g, '\\$&'));
}

/**
 * Repository text as a code span inside a table cell: a backtick fence longer than any run inside, and `\|`,
 * which GFM tables turn back into `|` even in code. Mentions and HTML are inert in code spans.
 */
export function toCodeCell(text: string): string {
  const value = clip(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A path as a URL path, every segment percent-encoded (including `(` and `)`, which would end a link). */
function encodePath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** Internal: our own money strings in markdown; `\$` keeps GitHub from reading `$…$` as math. */
function md(text: string): string {
  return text.replace(/\$/g, '\\$');
}

// ---------------------------------------------------------------------------------------------------------------
// Sections.

const VERDICT_TEXT = {
  pass: '✅ within budget',
  warn: '⚠️ over budget (warning)',
  fail: '❌ over budget',
} as const;

function getVerdictText(report: Report): string {
  if (report.verdict.status === 'warn' && report.verdict.approved) return '⚠️ over budget, approved by label';
  if (report.verdict.status === 'pass' && report.verdict.violations.length === 0) return VERDICT_TEXT.pass;
  return VERDICT_TEXT[report.verdict.status];
}

function getHeadline(report: Report, options: CommentOptions, changed: number): string {
  const name = options.title ? ` · ${escapeMarkdown(options.title)}` : '';
  const { totals } = report;
  if (changed === 0 && totals.deltaMonthlyUsd === 0) {
    return [
      `### LLM cost${name}: no change · ${getVerdictText(report)}`,
      '',
      `No LLM call site or prompt file changed in this pull request. Monthly LLM cost stays at **${md(formatUsd(totals.headMonthlyUsd))}**.`,
    ].join('\n');
  }
  const delta = `${md(formatDeltaUsd(totals.deltaMonthlyUsd))}/mo (${formatPercent(totals.deltaPercent)})`;
  const sites = `${changed} call site${changed === 1 ? '' : 's'} changed`;
  return [
    `### LLM cost${name}: ${delta} · ${getVerdictText(report)}`,
    '',
    `Monthly LLM cost **${md(formatUsd(totals.baseMonthlyUsd))}** → **${md(formatUsd(totals.headMonthlyUsd))}** · ${sites}`,
  ].join('\n');
}

function getBudgetSection(report: Report): string | null {
  const { verdict } = report;
  if (verdict.violations.length === 0) return null;
  const lines = verdict.violations.map((violation) => `- ${escapeMarkdown(violation.message)}`);
  if (verdict.approvalLabel) {
    const label = toCodeCell(verdict.approvalLabel);
    lines.push(
      '',
      verdict.approved
        ? `The label ${label} is on this pull request, so the increase is accepted and the check passes with a warning.`
        : `To accept the increase, someone with triage or write access to this repository can add the label ${label}; the check then passes with a warning.`,
    );
  }
  return [`**Budget**`, '', ...lines].join('\n');
}

function getSiteLink(report: Report, site: SiteReport, options: CommentOptions): string {
  const label = toCodeCell(`${site.file}:${site.line}`);
  if (!options.repositoryUrl) return label;
  const sha = site.status === 'removed' ? report.base.sha : report.head.sha;
  const prefix = options.pathPrefix ? `${options.pathPrefix}/` : '';
  const url = `${options.repositoryUrl.replace(/\/+$/, '')}/blob/${encodeURIComponent(sha)}/${encodePath(prefix + site.file)}#L${Math.max(1, Math.floor(site.line))}`;
  return `[${label}](${url})`;
}

function getSiteRow(report: Report, site: SiteReport, options: CommentOptions): string[] {
  const changes = site.changes.length > 0 ? site.changes.map((change) => escapeMarkdown(describeChange(change))).join('; ') : escapeMarkdown(site.status);
  const model = site.head?.model ?? site.base?.model ?? null;
  const where = `${getSiteLink(report, site, options)}<br>${toCodeCell(site.method)}${model ? ` ${toCodeCell(model)}` : ''}`;
  return [
    where,
    changes,
    site.base ? md(formatUsd(site.base.monthlyUsd)) : '–',
    site.head ? md(formatUsd(site.head.monthlyUsd)) : '–',
    `**${md(formatDeltaUsd(site.deltaMonthlyUsd))}**`,
  ];
}

function getSitesTable(report: Report, sites: SiteReport[], options: CommentOptions): string | null {
  if (sites.length === 0) return null;
  const header = ['Call site', 'What changed', 'Base $/mo', 'Head $/mo', 'Δ $/mo'];
  const rows = sites.map((site) => getSiteRow(report, site, options));
  return markdownTable([header, ...rows], { align: ['l', 'l', 'r', 'r', 'r'], alignDelimiters: false });
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function getWarningsSection(report: Report, full: boolean): string | null {
  const count = report.warnings.length;
  if (count === 0) return null;
  const summary = `⚠️ ${count} warning${count === 1 ? '' : 's'}: some costs may be missing or estimated`;
  if (!full) return `${summary} (listed in the full report).`;
  const items = report.warnings.map((warning) => {
    const where = warning.file ? ` (${toCodeCell(`${warning.file}${warning.line ? `:${warning.line}` : ''}`)})` : '';
    return `- ${toCodeCell(warning.code)} ${escapeMarkdown(warning.message)}${where}`;
  });
  return details(summary, items.join('\n'));
}

function getOwnersSection(report: Report): string | null {
  if (!report.sites.some((site) => site.owner)) return null;
  const totals = new Map<string, { base: number; head: number }>();
  for (const site of report.sites) {
    const owner = site.owner ?? '(no owner)';
    const total = totals.get(owner) ?? { base: 0, head: 0 };
    total.base += site.base?.monthlyUsd ?? 0;
    total.head += site.head?.monthlyUsd ?? 0;
    totals.set(owner, total);
  }
  const rows = [...totals]
    .sort((a, b) => b[1].head - a[1].head || a[0].localeCompare(b[0]))
    .map(([owner, t]) => [toCodeCell(owner), md(formatUsd(t.base)), md(formatUsd(t.head)), md(formatDeltaUsd(t.head - t.base))]);
  const table = markdownTable([['Owner', 'Base $/mo', 'Head $/mo', 'Δ $/mo'], ...rows], {
    align: ['l', 'r', 'r', 'r'],
    alignDelimiters: false,
  });
  return details('Monthly cost by owner (all call sites)', table);
}

function getAssumptionsSection(report: Report): string | null {
  if (report.assumptions.length === 0) return null;
  const rows = report.assumptions.map((a) => [
    toCodeCell(a.key),
    toCodeCell(typeof a.value === 'number' ? a.value.toLocaleString('en-US') : a.value),
    escapeMarkdown(a.source),
    toCodeCell(a.appliesTo),
  ]);
  const table = markdownTable([['Assumption', 'Value', 'Source', 'Applies to'], ...rows], { alignDelimiters: false });
  return details(`Assumptions behind these numbers (${report.assumptions.length})`, table);
}

function getFooter(report: Report): string {
  const { pricing, tool } = report;
  const prices = `Prices: ${escapeMarkdown(pricing.source)} ${escapeMarkdown(pricing.version)}, price data of ${escapeMarkdown(pricing.date)}.`;
  const refs = `Base ${toCodeCell(report.base.sha.slice(0, 7))}, head ${toCodeCell(report.head.sha.slice(0, 7))}.`;
  return `<sub>${prices} ${refs} Monthly costs follow the traffic assumptions in the config. This comment is updated on every push by ${escapeMarkdown(tool.name)} ${escapeMarkdown(tool.version)}.</sub>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Assembly and truncation.

interface Detail {
  rows: number;
  warnings: boolean;
  owners: boolean;
  assumptions: boolean;
}

/** Internal: the comment's escapers, for the sections built in `insight-sections.ts`. */
const ESCAPERS: Escapers = { text: (v) => escapeMarkdown(v), code: (v) => toCodeCell(v), money: (v) => md(v) };

function assemble(report: Report, options: CommentOptions, changed: SiteReport[], detail: Detail): string {
  // Nothing changed: say so briefly (warnings that make a number wrong still show) and stop.
  if (changed.length === 0 && report.totals.deltaMonthlyUsd === 0) {
    return [getHeadline(report, options, 0), getWarningsSection(report, detail.warnings), getFooter(report)].filter((section): section is string => section !== null).join('\n\n') + '\n';
  }
  const shown = changed.slice(0, detail.rows);
  const dropped: string[] = [];
  if (detail.rows < changed.length) dropped.push(`${changed.length - detail.rows} of ${changed.length} changed call sites (the smallest changes)`);
  if (!detail.warnings && report.warnings.length > 0) dropped.push('the list of warnings');
  if (!detail.owners && getOwnersSection(report) !== null) dropped.push('the cost by owner');
  if (!detail.assumptions && report.assumptions.length > 0) dropped.push('the assumptions');
  const notice =
    dropped.length > 0
      ? `> [!NOTE]\n> This report was shortened to fit GitHub's size limit: ${dropped.join(', ')} are not shown. ${options.fullReportHint ?? 'Run llm-cost-diff locally for the full report.'}`
      : null;
  const sections = [
    getHeadline(report, options, changed.length),
    notice,
    getBudgetSection(report),
    getSitesTable(report, shown, options),
    detail.rows < changed.length ? `_…and ${changed.length - detail.rows} more changed call sites._` : null,
    detail.rows === changed.length ? getDriversSection(report, ESCAPERS) : null,
    getAnomaliesSection(report, ESCAPERS),
    getUnitsSection(report, ESCAPERS),
    getSuggestionsSection(report, ESCAPERS),
    getWarningsSection(report, detail.warnings),
    detail.owners ? getOwnersSection(report) : null,
    detail.assumptions ? getAssumptionsSection(report) : null,
    getFooter(report),
  ];
  return sections.filter((section): section is string => section !== null).join('\n\n') + '\n';
}

/**
 * The markdown comment for a report, at most `maxLength` long: when it does not fit, the assumptions go first,
 * then the cost by owner, then the list of warnings, then the smallest changed sites, and a notice says what was
 * left out.
 */
export function getCommentBody(report: Report, options: CommentOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const measure = options.measure ?? ((text: string) => text.length);
  const changed = changedSites(report);
  const fits = (detail: Detail) => measure(assemble(report, options, changed, detail)) <= maxLength;
  const all = changed.length;
  const attempts: Detail[] = [
    { rows: all, warnings: true, owners: true, assumptions: true },
    { rows: all, warnings: true, owners: true, assumptions: false },
    { rows: all, warnings: true, owners: false, assumptions: false },
    { rows: all, warnings: false, owners: false, assumptions: false },
  ];
  for (const detail of attempts) {
    if (fits(detail)) return assemble(report, options, changed, detail);
  }
  // Keep as many of the largest changes as fit: binary search on the row count.
  let low = 0;
  let high = all;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits({ rows: mid, warnings: false, owners: false, assumptions: false })) low = mid;
    else high = mid - 1;
  }
  const body = assemble(report, options, changed, { rows: low, warnings: false, owners: false, assumptions: false });
  if (measure(body) <= maxLength) return body;
  // Only reachable with a limit smaller than the headline itself.
  let cut = body.slice(0, maxLength);
  while (cut.length > 0 && measure(cut) > maxLength) cut = cut.slice(0, -Math.max(1, Math.ceil((measure(cut) - maxLength) / 4)));
  return cut;
}
