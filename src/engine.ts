import { relative, resolve, sep } from 'node:path';
import { analyseSnapshots } from './analyse.js';
import { loadConfig } from './config/load.js';
import { DEFAULT_PROMPT_GLOBS } from './config/schema.js';
import { GitRepo } from './git/repo.js';
import { readSnapshotPair } from './git/snapshots.js';
import type { Report } from './report/report.js';
import { createFileFilter, MAX_PROMPT_BYTES, MAX_SOURCE_BYTES } from './scan/files.js';

export interface DiffOptions {
  /** A folder inside the repository (default: the current folder). */
  repoDir: string;
  base: string;
  /** A ref read from git. Default: the working tree, as checked out (uncommitted edits included), reported as `HEAD`. */
  head?: string;
  /** Config file; relative paths are taken from the current folder. Default: `.github/llm-cost.yml`, then `llm-cost.yml`. */
  configPath?: string;
  /** The pull request's labels (for `budget.approvalLabel`). */
  labels?: string[];
  /** Progress lines for long work. */
  log?: (line: string) => void;
}

/**
 * The whole pipeline for two refs: load the config, resolve the refs, read both snapshots from git, analyse. Git
 * and the config file are touched here and in `src/git/`; the analysis reads files only through the snapshots.
 */
export async function runCostDiff(options: DiffOptions): Promise<Report> {
  const log = options.log ?? (() => {});
  const root = await new GitRepo(resolve(options.repoDir)).topLevel();
  const git = new GitRepo(root);
  // A `repoDir` below the top level (a package of a monorepo, the action's `working-directory`) scopes the scan and
  // is where the config is looked for first; files outside it are still read to resolve imports.
  const scopeDir = resolve(options.repoDir);
  const scope = relative(root, scopeDir).split(sep).join('/');
  const inScope = (path: string): boolean => scope === '' || path.startsWith(`${scope}/`);
  const { config } =
    options.configPath !== undefined
      ? loadConfig(process.cwd(), options.configPath)
      : (() => {
          const scoped = loadConfig(scopeDir);
          return scoped.path || scope === '' ? scoped : loadConfig(root);
        })();
  const headRef = options.head ?? 'HEAD';
  const baseSha = await git.resolveCommit(options.base);
  const headSha = await git.resolveCommit(headRef);

  const filter = createFileFilter({ include: config.include, exclude: config.exclude, prompts: config.prompts ?? DEFAULT_PROMPT_GLOBS, scanTests: config.scanTests });
  const pair = await readSnapshotPair(git, {
    root,
    baseSha,
    headSha,
    fromWorkingTree: options.head === undefined,
    wanted: (path, size) => (filter.skipByPath(path) === undefined && size <= MAX_SOURCE_BYTES) || (filter.isPromptFile(path) && size <= MAX_PROMPT_BYTES) || (path.endsWith('.json') && size <= MAX_SOURCE_BYTES),
    maxBytes: Math.max(MAX_SOURCE_BYTES, MAX_PROMPT_BYTES),
  });
  log(`llm-cost-diff: ${pair.head.paths.size} files at head, ${pair.changedCount} changed since ${options.base} (${baseSha.slice(0, 7)})`);
  return analyseSnapshots(pair, config, {
    base: { ref: options.base, sha: baseSha },
    head: { ref: headRef, sha: headSha },
    filter,
    inScope,
    ...(options.labels ? { labels: options.labels } : {}),
    log,
  });
}
