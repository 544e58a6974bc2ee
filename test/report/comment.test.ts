import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { escapeMarkdown, getCommentBody, toCodeCell } from '../../src/report/comment.js';
import { getAnnotations } from '../../src/report/annotations.js';
import { BASE_SHA, HEAD_SHA, cost, makeFailingReport, makeQuietReport, makeReport, site } from '../support/report-fixtures.js';

const REPO = 'https://github.com/acme/app';

/** The body rows of the changed-sites table (after its header and delimiter rows, up to the first non-row). */
function tableRows(body: string): string[] {
  const lines = body.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Call site'));
  if (start < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

describe('getCommentBody', () => {
  it('leads with the monthly delta in USD and percent and the verdict', () => {
    const body = getCommentBody(makeReport(), { repositoryUrl: REPO });
    const [headline, , totals] = body.split('\n');
    expect(headline).toBe('### LLM cost: +\\$176.00/mo (+56%) · ✅ within budget');
    expect(totals).toBe('Monthly LLM cost **\\$314.50** → **\\$490.50** · 3 call sites changed');
  });

  it('lists changed sites largest change first, each linked to its line at the head SHA (removed: base SHA)', () => {
    const body = getCommentBody(makeReport(), { repositoryUrl: REPO });
    const rows = tableRows(body);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(`[\`src/review.ts:42\`](${REPO}/blob/${HEAD_SHA}/src/review.ts#L42)`);
    expect(rows[0]).toContain('model gpt\\-4o\\-mini → gpt\\-4o');
    expect(rows[0]).toMatch(/\| \\\$12\.00 \| \\\$150\.00 \| \*\*\+\\\$138\.00\*\* \|$/);
    expect(rows[1]).toContain(`${REPO}/blob/${HEAD_SHA}/src/summarize.ts#L7`);
    expect(rows[1]).toContain('| – |');
    expect(rows[2]).toContain(`${REPO}/blob/${BASE_SHA}/src/old.ts#L3`);
    expect(body).not.toContain('src/chat.ts:');
  });

  it('shows warnings, assumptions collapsed, the price data date and the footer', () => {
    const body = getCommentBody(makeReport(), { repositoryUrl: REPO });
    expect(body).toContain('<details><summary>⚠️ 1 warning: some costs may be missing or estimated</summary>');
    expect(body).toContain('Model my\\-finetune has no price (`src/ft.ts:9`)');
    expect(body).toContain('<details><summary>Assumptions behind these numbers (1)</summary>');
    expect(body).toMatch(/price data of 2025\\-06\\-01/);
    expect(body).toMatch(/updated on every push/);
  });

  it('says what fails the budget and who may approve it', () => {
    const body = getCommentBody(makeFailingReport(), { repositoryUrl: REPO });
    expect(body.split('\n')[0]).toContain('❌ over budget');
    expect(body).toContain('- Monthly cost grows by \\$176\\.00, over the \\$100\\.00 budget');
    expect(body).toContain('someone with triage or write access to this repository can add the label `llm-cost-approved`');
    const approved = getCommentBody(makeFailingReport({ verdict: { status: 'warn', violations: makeFailingReport().verdict.violations, approvalLabel: 'llm-cost-approved', approved: true } }));
    expect(approved.split('\n')[0]).toContain('⚠️ over budget, approved by label');
    expect(approved).toContain('The label `llm-cost-approved` is on this pull request');
  });

  it('says briefly that nothing changed', () => {
    const quiet = makeQuietReport();
    const withAdvice: Report = {
      ...quiet,
      suggestions: [{ siteId: quiet.sites[0]!.id, file: 'src/chat.ts', line: 1, kind: 'cheaper-model', message: 'Evaluate gpt-4o-mini.', monthlySavingUsd: 280 }],
      owners: [{ owner: 'chat-team', baseMonthlyUsd: 300, headMonthlyUsd: 300, deltaMonthlyUsd: 0 }],
    };
    const body = getCommentBody(withAdvice, { repositoryUrl: REPO });
    expect(body.split('\n')[0]).toBe('### LLM cost: no change · ✅ within budget');
    expect(body).toContain('No LLM call site or prompt file changed in this pull request. Monthly LLM cost stays at **\\$300.00**.');
    expect(body).not.toContain('| Call site');
    // Brief: no advice, owners or assumptions about code the pull request did not touch.
    expect(body).not.toContain('Suggestions');
    expect(body).not.toContain('Assumptions');
    expect(body).not.toContain('by owner');
    expect(body.length).toBeLessThan(600);
  });

  it('shows cost by owner when the config names owners', () => {
    const report = makeReport();
    report.sites[0]!.owner = '@acme/ml-team';
    const body = getCommentBody(report);
    expect(body).toContain('<details><summary>Monthly cost by owner (all call sites)</summary>');
    expect(body).toContain('| `@acme/ml-team` | \\$12.00 | \\$150.00 | +\\$138.00 |');
  });

  it('escapes hostile strings from the code: no HTML, no table break, no mention, no reference', () => {
    const hostile = '<img src=x onerror=alert(1)> | @octocat #1 **bold** $x$ [a](javascript:alert(1))\n| injected | row |';
    const report = makeReport({
      sites: [
        site({
          id: 'x',
          file: 'src/<script>|@admin.ts',
          method: 'openai.chat.completions.create',
          head: cost(hostile, 10),
          changes: [{ kind: 'model', before: '@octocat', after: hostile }],
        }),
      ],
      warnings: [{ code: 'unresolved-model', message: hostile, file: 'a.ts', line: 1 }],
      assumptions: [{ key: 'callsPerMonth', value: hostile, source: 'config', appliesTo: '@everyone' }],
    });
    const body = getCommentBody(report, { repositoryUrl: REPO });
    // Outside code spans, nothing raw: every < is escaped, and @/# are defused with a zero-width space.
    const outsideCode = body.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
    expect(outsideCode.replace(/<\/?(details|summary|sub|br)>/g, '')).not.toMatch(/(^|[^\\])</);
    expect(outsideCode).not.toMatch(/@[A-Za-z]/);
    expect(outsideCode).not.toMatch(/#\d/);
    expect(outsideCode).not.toMatch(/(^|[^\\])\$x/);
    // Every table row keeps exactly five cells: pipes from the code are escaped.
    for (const row of tableRows(body)) {
      expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(5);
    }
    expect(body).not.toMatch(/\n\| injected/);
    // The link target is percent-encoded.
    expect(body).toContain(`${REPO}/blob/${HEAD_SHA}/src/%3Cscript%3E%7C%40admin.ts#L42`);
  });

  it('truncates to 65,536 characters, dropping detail first and saying so', () => {
    const sites = Array.from({ length: 800 }, (_, i) =>
      site({
        id: `src/gen/file${i}.ts#f/openai.chat.completions.create#0`,
        file: `src/gen/${'deep/'.repeat(10)}file${i}.ts`,
        deltaMonthlyUsd: i + 1,
        head: cost(`gpt-4o-${'x'.repeat(60)}`, 150 + i),
      }),
    );
    const assumptions = Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, value: i, source: 'config' as const, appliesTo: `src/gen/file${i}.ts` }));
    const body = getCommentBody(makeReport({ sites, assumptions }), { repositoryUrl: REPO, maxLength: 65_000, fullReportHint: 'See the job summary.' });
    expect(body.length).toBeLessThanOrEqual(65_000);
    expect(body).toMatch(/This report was shortened to fit GitHub's size limit: \d+ of 800 changed call sites \(the smallest changes\), the list of warnings, the assumptions are not shown\. See the job summary\./);
    expect(body).not.toContain('Assumptions behind');
    const rows = tableRows(body);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows[0]).toContain('file799.ts'); // the largest change is kept
    expect(body).toContain('updated on every push'); // the footer survives
  });

  it('measures in bytes when asked (job summary)', () => {
    const report = makeReport({ warnings: Array.from({ length: 3000 }, (_, i) => ({ code: 'unknown-model' as const, message: `модель ${i} ${'ж'.repeat(100)}` })) });
    const body = getCommentBody(report, { maxLength: 200_000, measure: (t) => Buffer.byteLength(t) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(200_000);
    expect(body).toContain('3000 warnings');
  });
});

describe('escaping helpers', () => {
  it('escapeMarkdown renders literally', () => {
    expect(escapeMarkdown('a|b <i> @x #12 $1 *y*')).toBe('a\\|b \\<i\\> @\u200bx \\#\u200b12 \\$1 \\*y\\*');
    expect(escapeMarkdown('x'.repeat(1000)).length).toBeLessThanOrEqual(300);
  });
  it('toCodeCell picks a longer fence and escapes pipes', () => {
    expect(toCodeCell('a`b|c')).toBe('``a`b\\|c``');
    expect(toCodeCell('`x`')).toBe('`` `x` ``');
  });
});

describe('getAnnotations', () => {
  it('puts errors on the increases that broke the budget, largest first, at most 10 per level', () => {
    const sites = Array.from({ length: 15 }, (_, i) => site({ id: `s${i}`, file: `src/s${i}.ts`, line: i + 1, deltaMonthlyUsd: i + 1 }));
    const warnings = Array.from({ length: 14 }, (_, i) => ({ code: 'unknown-model' as const, message: `w${i}`, file: 'src/w.ts', line: i + 1 }));
    const annotations = getAnnotations(makeFailingReport({ sites, warnings }));
    const errors = annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(10);
    expect(errors[0]).toMatchObject({ file: 'src/s14.ts', startLine: 15, title: 'LLM cost +$15.00/mo' });
    expect(errors[0]!.message).toBe('openai.chat.completions.create costs +$15.00 per month (from $12.00 to $150.00): model gpt-4o-mini → gpt-4o.');
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(10);
  });

  it('marks increases as warnings when the budget passes, and skips removed sites', () => {
    const annotations = getAnnotations(makeReport());
    expect(annotations.map((a) => [a.level, a.file])).toEqual([
      ['warning', 'src/review.ts'],
      ['warning', 'src/summarize.ts'],
      ['warning', 'src/ft.ts'],
    ]);
  });
});
