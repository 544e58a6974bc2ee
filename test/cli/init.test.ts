import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { CONFIG_FILE, getInitConfig, runInit, WORKFLOW_FILE } from '../../src/cli/init.js';
import { UserError } from '../../src/errors.js';

const SITES = [
  { id: 'src/review.ts#review/openai.chat.completions.create#0', file: 'src/review.ts', line: 4, method: 'openai.chat.completions.create', model: 'gpt-4o' },
  { id: 'src/a.ts#x/anthropic.messages.create#0', file: 'src/a.ts', line: 9, method: 'anthropic.messages.create', model: null },
];

describe('llm-cost-diff init', () => {
  it('writes a valid config with one commented rule per call site, and a least-privilege workflow', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-diff-init-'));
    const lines: string[] = [];
    expect(await runInit({ repoDir: dir, force: false, log: (l) => lines.push(l), listSites: async () => SITES })).toBe(0);
    const config = readFileSync(path.join(dir, CONFIG_FILE), 'utf8');
    expect(parseConfig(config, CONFIG_FILE)).toMatchObject({ version: 1, budget: { onExceed: 'fail', approvalLabel: 'llm-cost-approved' } });
    expect(config).toContain('#   # src/a.ts:9 · anthropic.messages.create · model not resolved');
    expect(config).toContain('#   - match: "src/review.ts#review/openai.chat.completions.create#0"');
    // Uncommenting the rules gives a valid config too.
    const uncommented = config.replace(/^# traffic:$/m, 'traffic:').replace(/^# {3}(- match|  \w)/gm, '  $1');
    expect(parseConfig(uncommented, CONFIG_FILE).traffic).toHaveLength(2);

    const workflow = parse(readFileSync(path.join(dir, WORKFLOW_FILE), 'utf8'));
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(workflow.concurrency.group).toBe('llm-cost-${{ github.event.pull_request.number }}');
    expect(workflow.on.pull_request.types).toContain('labeled');
    expect(lines.at(-1)).toMatch(/Found 2 call sites/);
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'llm-cost-diff-init-'));
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, CONFIG_FILE), 'version: 1\n# mine\n');
    await expect(runInit({ repoDir: dir, force: false, listSites: async () => [] })).rejects.toThrow(
      new UserError('.github/llm-cost.yml already exists; run llm-cost-diff init --force to overwrite.'),
    );
    expect(readFileSync(path.join(dir, CONFIG_FILE), 'utf8')).toContain('# mine');
    expect(existsSync(path.join(dir, WORKFLOW_FILE))).toBe(false);
    await runInit({ repoDir: dir, force: true, listSites: async () => [] });
    expect(readFileSync(path.join(dir, CONFIG_FILE), 'utf8')).toContain('No LLM call sites were found yet');
  });

  it('keeps hostile ids on one comment line', () => {
    const config = getInitConfig([{ ...SITES[0]!, id: 'a\nversion: 2', model: 'x\n- bad' }]);
    expect(parseConfig(config, 'x.yml').version).toBe(1);
  });
});
