// A developer tool, not part of the tests: runs the bundled CLI on the real public commits listed in
// test/corpus/real-commits.md and scores each row (the right file reported with the expected change kinds, or, for
// a neutral refactor, no cost change there). It needs the repositories as git snapshots (bare or not) under
// MIRRORS (default /work/.mirror/<owner>+<name>/repo); rows whose repository is missing are skipped.
//   node scripts/eval-corpus.mjs [--only owner/name] [--verbose]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const mirrors = process.env.MIRRORS ?? '/work/.mirror';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const verbose = process.argv.includes('--verbose');
const KINDS = ['added', 'removed', 'model', 'provider', 'maxOutputTokens', 'prompt', 'caching', 'loop', 'steps', 'retries', 'tools'];

const rows = readFileSync(join(root, 'test/corpus/real-commits.md'), 'utf8')
  .split('\n')
  .filter((line) => /^\| \d+ \|/.test(line))
  .map((line) => {
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const [n, repo, commit, parent, site, sdk, , expected] = cells;
    const file = /([\w./@-]+\.[cm]?[jt]sx?|[\w./@-]+\.(?:md|txt|json|ya?ml|prompty))/.exec(site ?? '')?.[1];
    const neutral = /^neutral/i.test(expected ?? '');
    const kinds = neutral ? [] : KINDS.filter((k) => new RegExp(`\\b${k}\\b`).test(expected ?? ''));
    return { n, repo, commit: commit?.replace(/`/g, ''), parent: parent?.replace(/`/g, ''), file, sdk, neutral, kinds, expected };
  })
  .filter((row) => !only || row.repo === only);

const clones = join(tmpdir(), 'llm-cost-diff-corpus');
mkdirSync(clones, { recursive: true });
function cloneOf(repo) {
  const dir = join(clones, repo.replace('/', '+'));
  if (existsSync(dir)) return dir;
  const mirror = [join(mirrors, repo.replace('/', '+'), 'repo'), join(mirrors, repo.replace('/', '+'))].find((p) => existsSync(p));
  if (!mirror) return undefined;
  execFileSync('git', ['clone', '-q', '--no-checkout', mirror, dir]);
  return dir;
}

const results = { hit: 0, miss: 0, neutralOk: 0, neutralWrong: 0, skipped: 0, crashed: 0 };
for (const row of rows) {
  const dir = row.repo && cloneOf(row.repo);
  if (!dir || !row.commit || !row.parent) {
    results.skipped++;
    continue;
  }
  const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--repo', dir, '--base', row.parent, '--head', row.commit, '--format', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status === 2 || !run.stdout) {
    results.crashed++;
    console.log(`#${row.n} ${row.repo} CRASH ${run.stderr.trim().split('\n')[0]}`);
    continue;
  }
  const report = JSON.parse(run.stdout);
  const atFile = report.sites.filter((s) => !row.file || s.file === row.file || s.file.endsWith(row.file));
  const changed = atFile.filter((s) => s.status !== 'unchanged');
  let ok;
  if (row.neutral) {
    ok = changed.every((s) => Math.abs(s.deltaMonthlyUsd) < 1e-9);
    results[ok ? 'neutralOk' : 'neutralWrong']++;
  } else {
    const found = new Set(changed.flatMap((s) => s.changes.map((c) => c.kind)));
    ok = changed.length > 0 && row.kinds.every((k) => found.has(k));
    results[ok ? 'hit' : 'miss']++;
  }
  if (!ok || verbose) {
    const seen = changed.map((s) => `${s.file}:${s.line} ${s.status} [${s.changes.map((c) => c.kind).join(',')}]`).join('; ') || `no change at ${row.file} (${atFile.length} sites there)`;
    console.log(`#${row.n} ${row.repo} ${ok ? 'ok' : 'WRONG'} expected ${row.neutral ? 'neutral' : row.kinds.join(',') || row.expected}; got ${seen}`);
  }
}
const scored = results.hit + results.miss;
console.log(
  `\n${rows.length} rows: ${results.hit}/${scored} cost changes found with the right kinds, ${results.neutralOk}/${results.neutralOk + results.neutralWrong} neutral refactors priced as no change, ${results.crashed} errors, ${results.skipped} skipped (no snapshot).`,
);
