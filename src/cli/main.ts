#!/usr/bin/env node
// The CLI shell: parse flags, run the engine, render, write, exit. The engine and its parser load only when a
// diff runs, so `--version` and `--help` stay fast.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { parseCli, USAGE, type CliOptions } from './args.js';

async function main(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  if (options.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options.command === 'version') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (options.command === 'init') {
    const { runInit } = await import('./init.js');
    return runInit({ repoDir: options.repoDir, force: options.force, log: (line) => process.stderr.write(`${line}\n`) });
  }
  return runDiff(options);
}

async function runDiff(options: CliOptions): Promise<number> {
  const [{ runCostDiff }, { renderReport }] = await Promise.all([import('../engine.js'), import('../report/render.js')]);
  const log = options.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const github = options.github ? await import('./github.js') : undefined;
  // The pull request's labels decide whether the budget's approval label applies, so they are read first.
  const pullRequest = options.github ? await github!.getPullRequestForCli(options.github, log) : undefined;
  const report = await runCostDiff({
    repoDir: options.repoDir,
    base: options.base!,
    ...(options.head ? { head: options.head } : {}),
    ...(options.configPath ? { configPath: options.configPath } : {}),
    ...(pullRequest ? { labels: pullRequest.labels } : {}),
    ...(log ? { log } : {}),
  });
  const body = renderReport(report, options.format);
  if (options.output) writeAtomically(resolve(options.output), body);
  else process.stdout.write(body);
  if (options.github) await github!.postPullRequestComment(report, options.github, log);
  return report.verdict.status === 'fail' ? 1 : 0;
}

/** Nothing half-written: the report appears whole or not at all. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UserError) process.stderr.write(`llm-cost-diff: ${error.message}\n`);
    else process.stderr.write(`llm-cost-diff: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
