import { describe, expect, test } from 'vitest';
import { judgeBudget } from '../../src/policy/budget.js';
import type { SiteReport } from '../../src/report/report.js';

const totals = (base: number, head: number) => ({ baseMonthlyUsd: base, headMonthlyUsd: head, deltaMonthlyUsd: head - base, deltaPercent: base ? ((head - base) / base) * 100 : null });
const site = (status: SiteReport['status'], monthly: number) => ({ id: `s-${status}`, file: 'a.ts', line: 1, status, head: { monthlyUsd: monthly } }) as unknown as SiteReport;

describe('judgeBudget', () => {
  test('passes with no budget, fails each broken rule', () => {
    expect(judgeBudget(undefined, totals(100, 1000), [])).toEqual({ status: 'pass', violations: [] });
    const verdict = judgeBudget({ maxIncreaseUsd: 50, maxIncreasePercent: 20, maxMonthlyUsd: 500 }, totals(100, 1000), []);
    expect(verdict.status).toBe('fail');
    expect(verdict.violations.map((v) => v.rule)).toEqual(['maxIncreaseUsd', 'maxIncreasePercent', 'maxMonthlyUsd']);
  });

  test('an increase exactly at the limit passes; a decrease never fails the percent rule', () => {
    expect(judgeBudget({ maxIncreaseUsd: 50 }, totals(100, 150), []).status).toBe('pass');
    expect(judgeBudget({ maxIncreasePercent: 5 }, totals(100, 10), []).status).toBe('pass');
  });

  test('new spend from $0 breaks a percent budget', () => {
    expect(judgeBudget({ maxIncreasePercent: 10 }, totals(0, 5), []).violations[0]?.message).toContain('from $0');
  });

  test('per-site caps apply to the sites the change touched', () => {
    const verdict = judgeBudget({ maxSiteMonthlyUsd: 100 }, totals(0, 0), [site('unchanged', 500), site('changed', 150)]);
    expect(verdict.violations).toEqual([expect.objectContaining({ rule: 'maxSiteMonthlyUsd', siteId: 's-changed', actual: 150 })]);
  });

  test('onExceed warn, and the approval label', () => {
    expect(judgeBudget({ maxIncreaseUsd: 1, onExceed: 'warn' }, totals(0, 5), []).status).toBe('warn');
    expect(judgeBudget({ maxIncreaseUsd: 1, approvalLabel: 'ok' }, totals(0, 5), [], ['other']).status).toBe('fail');
    expect(judgeBudget({ maxIncreaseUsd: 1, approvalLabel: 'ok' }, totals(0, 5), [], ['ok'])).toMatchObject({ status: 'warn', approved: true });
  });
});
