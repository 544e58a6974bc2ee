// npm run bench: a synthetic repository (10,000 TypeScript files, about 50 LLM call sites, a pull request that
// touches 20 files) and the CLI's wall time and peak memory on it, beside the time to read every file once.
// Figures vary with the machine's load: run it twice and compare ratios, not absolute numbers.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const SITES = 50;
const TOUCHED = 20;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

function plainModule(i) {
  const lines = [`import { helper${i % 97} } from '../shared/helpers';`, '', `export interface Record${i} { id: string; value: number; tags: string[] }`, ''];
  for (let f = 0; f < 6; f++) {
    lines.push(`export function compute${i}_${f}(items: Record${i}[]): number {`, '  let total = 0;', '  for (const item of items) {', `    if (item.tags.includes('t${f}')) total += item.value * ${f + 1};`, '  }', `  return helper${i % 97}(total);`, '}', '');
  }
  return lines.join('\n');
}

function callSiteModule(i, variant) {
  const openai = i % 2 === 0;
  const model = openai ? pick(['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4o']) : pick(['claude-3-5-haiku-latest', 'claude-sonnet-4-5']);
  const changedModel = openai ? 'gpt-4.1' : 'claude-opus-4-1';
  const lines = openai
    ? [`import OpenAI from 'openai';`, `import { SYSTEM_${i % 5} } from '../prompts/system';`, 'const client = new OpenAI();', '']
    : [`import Anthropic from '@anthropic-ai/sdk';`, `import { SYSTEM_${i % 5} } from '../prompts/system';`, 'const client = new Anthropic();', ''];
  lines.push(`export async function feature${i}(input: string) {`);
  const m = variant === 'head' ? changedModel : model;
  if (openai) lines.push(`  return client.chat.completions.create({ model: '${m}', max_tokens: ${200 + i}, messages: [{ role: 'system', content: SYSTEM_${i % 5} }, { role: 'user', content: input }] });`);
  else lines.push(`  return client.messages.create({ model: '${m}', max_tokens: ${200 + i}, system: SYSTEM_${i % 5}, messages: [{ role: 'user', content: input }] });`);
  lines.push('}', '', plainModule(i));
  return lines.join('\n');
}

function generate(dir) {
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const siteEvery = Math.floor(FILES / SITES);
  const paths = [];
  for (let i = 0; i < FILES; i++) {
    const path = `src/area${i % 40}/module${Math.floor(i / 40) % 25}/file${i}.ts`;
    paths.push(path);
    write(path, i % siteEvery === 0 ? callSiteModule(i, 'base') : plainModule(i));
  }
  write('src/shared/helpers.ts', Array.from({ length: 97 }, (_, i) => `export const helper${i} = (n: number) => n + ${i};`).join('\n'));
  write('src/prompts/system.ts', Array.from({ length: 5 }, (_, i) => `export const SYSTEM_${i} = ${JSON.stringify('You are a careful assistant. '.repeat(20 + i * 10))};`).join('\n'));
  write('.github/llm-cost.yml', 'version: 1\ndefaults:\n  callsPerMonth: 10000\n');
  return { paths, siteEvery };
}

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Wall time and peak RSS of one CLI run (GNU time when present, else wall time only). */
async function measure(args, cwd) {
  const start = process.hrtime.bigint();
  const useTime = existsSync('/usr/bin/time');
  const result = useTime ? await run('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], cwd) : await run(process.execPath, [cli, ...args], cwd);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakKb = useTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  if (result.code !== 0 && result.code !== 1) throw new Error(`CLI failed (${result.code}): ${result.stderr}`);
  return { seconds, peakMb: peakKb / 1024, stdout: result.stdout };
}

const dir = mkdtempSync(join(tmpdir(), 'llm-cost-diff-bench-'));
try {
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  process.stderr.write(`Generating ${FILES} files in ${dir}...\n`);
  const { paths, siteEvery } = generate(dir);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=b@example.com', 'commit', '-q', '-m', 'base');
  // The pull request: 10 call-site files change model, 10 plain files change.
  const sitePaths = paths.filter((_, i) => i % siteEvery === 0).slice(0, TOUCHED / 2);
  for (const path of sitePaths) writeFileSync(join(dir, path), callSiteModule(paths.indexOf(path), 'head'));
  for (const path of paths.filter((_, i) => i % siteEvery !== 0).slice(0, TOUCHED / 2)) writeFileSync(join(dir, path), `${readFileSync(join(dir, path), 'utf8')}\nexport const touched = true;\n`);
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=b@example.com', 'commit', '-q', '-m', 'head');

  const readStart = process.hrtime.bigint();
  let bytes = 0;
  for (const path of execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\0').filter(Boolean)) bytes += readFileSync(join(dir, path)).length;
  const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;

  const version = await measure(['--version'], dir);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await measure(['--base', 'HEAD~1', '--format', 'json', '--quiet'], dir));
  const report = JSON.parse(runs[0].stdout);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const wall = median(runs.map((r) => r.seconds));
  const peak = Math.max(...runs.map((r) => r.peakMb));
  console.log(`files: ${FILES} (${(bytes / 1e6).toFixed(1)} MB), call sites: ${report.sites.length}, changed: ${report.sites.filter((s) => s.status !== 'unchanged').length}`);
  console.log(`read every file once: ${readSeconds.toFixed(2)} s`);
  console.log(`llm-cost-diff --base HEAD~1 (median of 3): ${wall.toFixed(2)} s wall, ${Number.isNaN(peak) ? 'peak memory not measured (no /usr/bin/time)' : `${peak.toFixed(0)} MB peak RSS`}`);
  console.log(`ratio to reading every file: ${(wall / readSeconds).toFixed(1)}x`);
  console.log(`llm-cost-diff --version: ${(version.seconds * 1000).toFixed(0)} ms`);
} finally {
  // BENCH_KEEP=1 keeps the repository for profiling (its path is printed first).
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}
