import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { createTrafficResolver } from '../../src/config/traffic.js';
import { UserError } from '../../src/errors.js';

describe('parseConfig', () => {
  test('accepts every documented key', () => {
    const config = parseConfig(
      `version: 1
defaults: { callsPerMonth: 1000, expectedOutputTokens: 300, dynamicInputTokens: 150, turnsPerConversation: 4, loopIterations: 2, cacheHitRate: 0.8, retryRate: 0.01 }
traffic:
  - match: "src/chat/**"
    callsPerMonth: 90000
  - match: "src/a.ts#run/openai.chat.completions.create#0"
    assume: { model: gpt-4o, provider: azure, maxOutputTokens: 500 }
budget: { maxIncreaseUsd: 100, maxIncreasePercent: 10, maxMonthlyUsd: 5000, maxSiteMonthlyUsd: 800, onExceed: warn, approvalLabel: cost-ok }
prices: [{ model: my-ft, provider: openai, inputPerMTok: 3, outputPerMTok: 12, cacheReadPerMTok: 1.5, cacheWritePerMTok: 3 }]
owners: [{ match: "src/chat/**", owner: "@org/chat" }]
include: ["src/**"]
exclude: ["src/legacy/**"]
prompts: ["prompts/**/*.md"]
scanTests: false
`,
      'llm-cost.yml',
    );
    expect(config.traffic?.[1]?.assume).toEqual({ model: 'gpt-4o', provider: 'azure', maxOutputTokens: 500 });
    expect(config.budget?.onExceed).toBe('warn');
  });

  test('an unknown key names its path and line', () => {
    const text = 'version: 1\nbudget:\n  maxIncreaseUsd: 10\n  maxIncrease: 5\n';
    expect(() => parseConfig(text, '.github/llm-cost.yml')).toThrow(UserError);
    expect(() => parseConfig(text, '.github/llm-cost.yml')).toThrow(".github/llm-cost.yml:4: unknown key 'budget.maxIncrease'");
  });

  test('a wrong type names the key, its line and what was expected', () => {
    const text = 'version: 1\ntraffic:\n  - match: src/**\n    callsPerMonth: lots\n';
    expect(() => parseConfig(text, 'llm-cost.yml')).toThrow(/llm-cost\.yml:4: 'traffic\.0\.callsPerMonth': .*expected number/);
  });

  test('a rate out of range and a bad enum are errors', () => {
    expect(() => parseConfig('version: 1\ndefaults:\n  cacheHitRate: 1.5\n', 'c.yml')).toThrow(/c\.yml:3: 'defaults\.cacheHitRate'/);
    expect(() => parseConfig('version: 1\nbudget:\n  onExceed: explode\n', 'c.yml')).toThrow(/c\.yml:3: 'budget\.onExceed'/);
  });

  test('malformed YAML names the line', () => {
    expect(() => parseConfig('version: 1\ndefaults:\n  callsPerMonth: [1, 2\n', 'c.yml')).toThrow(/^c\.yml:\d+: invalid YAML/);
  });

  test('a missing version means version 1; another version is an error naming the key', () => {
    expect(parseConfig('defaults: { callsPerMonth: 5 }\n', 'c.yml').defaults?.callsPerMonth).toBe(5);
    expect(parseConfig('', 'c.yml')).toEqual({});
    expect(() => parseConfig('version: 2\n', 'c.yml')).toThrow(/c\.yml:1: 'version'/);
  });
});

describe('loadConfig', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('finds .github/llm-cost.yml first, then llm-cost.yml, else defaults', () => {
    dir = mkdtempSync(join(tmpdir(), 'llm-cost-config-'));
    expect(loadConfig(dir)).toEqual({ config: { version: 1 } });
    writeFileSync(join(dir, 'llm-cost.yml'), 'version: 1\ndefaults: { callsPerMonth: 7 }\n');
    expect(loadConfig(dir).path).toBe('llm-cost.yml');
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/llm-cost.yml'), 'version: 1\ndefaults: { callsPerMonth: 9 }\n');
    expect(loadConfig(dir)).toMatchObject({ path: '.github/llm-cost.yml', config: { defaults: { callsPerMonth: 9 } } });
  });

  test('an explicit path that does not exist is an error', () => {
    dir = mkdtempSync(join(tmpdir(), 'llm-cost-config-'));
    expect(() => loadConfig(dir, 'nope.yml')).toThrow('nope.yml: config file not found');
  });
});

describe('traffic rules', () => {
  test('later rules override earlier ones key by key; ids and id globs match', () => {
    const traffic = createTrafficResolver(
      parseConfig(
        `version: 1
defaults: { callsPerMonth: 100, expectedOutputTokens: 50 }
traffic:
  - match: "src/**"
    callsPerMonth: 1000
    cacheHitRate: 0.5
  - match: "src/chat.ts#reply/*"
    callsPerMonth: 5000
  - match: "src/chat.ts#reply/openai.chat.completions.create#1"
    expectedOutputTokens: 900
`,
        'c.yml',
      ),
    );
    const site = { id: 'src/chat.ts#reply/openai.chat.completions.create#1', file: 'src/chat.ts' };
    const t = traffic(site);
    expect(t.values).toMatchObject({ callsPerMonth: 5000, expectedOutputTokens: 900, cacheHitRate: 0.5, dynamicInputTokens: 200 });
    expect(t.sources).toMatchObject({ callsPerMonth: 'config', expectedOutputTokens: 'config', dynamicInputTokens: 'default' });
    expect(traffic({ id: 'lib/x.ts#<top>/openai.embeddings.create#0', file: 'lib/x.ts' }).values.callsPerMonth).toBe(100);
  });
});
