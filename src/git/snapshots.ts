import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createSnapshot, ParseCache, type Snapshot } from '../scan/snapshot.js';
import type { GitRepo } from './repo.js';

/** Base and head of a change, and what the change touched. */
export interface SnapshotPair {
  head: Snapshot;
  base: Snapshot;
  headSizes: Map<string, number>;
  baseSizes: Map<string, number>;
  /** Base path -> head path, from git's rename detection. */
  renames: Map<string, string>;
  /** Paths whose base content is read from the base commit (changed, deleted or renamed ones). */
  baseOnly: Set<string>;
  changedCount: number;
}

export interface SnapshotOptions {
  root: string;
  baseSha: string;
  headSha: string;
  /** Head is the working tree (uncommitted edits included) rather than the head commit. */
  fromWorkingTree: boolean;
  /** Files worth reading (sources, prompt files, JSON under the size caps). */
  wanted: (path: string, size: number) => boolean;
  /** Largest file read at all; larger ones read as absent. */
  maxBytes: number;
}

/**
 * Reads both snapshots without a second checkout: head from the working tree (or the head commit in one
 * `git cat-file --batch`), base as head with the changed files replaced by their base contents, read in one more
 * batch. The two share one parse cache, so base reuses head's parse of every file the change did not touch.
 */
export async function readSnapshotPair(git: GitRepo, options: SnapshotOptions): Promise<SnapshotPair> {
  const { root, baseSha, headSha, fromWorkingTree, wanted, maxBytes } = options;
  const headSizes = fromWorkingTree ? workingTreeSizes(root, await git.listWorkingTree()) : await git.listTree(headSha);
  const headPaths = new Set(headSizes.keys());
  const headBlobs = fromWorkingTree ? undefined : await git.readBlobs(headSha, [...headSizes].filter(([p, size]) => wanted(p, size)).map(([p]) => p));
  const readHead = (path: string): string | undefined => {
    const size = headSizes.get(path);
    if (size === undefined || size > maxBytes) return undefined;
    if (headBlobs) return headBlobs.get(path)?.toString('utf8');
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return undefined;
    }
  };

  const { changedInBase, renames } = await git.changedPaths(baseSha, fromWorkingTree ? undefined : headSha);
  const baseSizes = await git.listTree(baseSha);
  const basePaths = new Set(baseSizes.keys());
  const baseOnly = new Set([...basePaths].filter((p) => changedInBase.has(p) || !headPaths.has(p)));
  const baseBlobs = await git.readBlobs(baseSha, [...baseOnly].filter((p) => wanted(p, baseSizes.get(p) ?? 0)));
  const readBase = (path: string): string | undefined => (baseOnly.has(path) ? baseBlobs.get(path)?.toString('utf8') : readHead(path));

  const cache = new ParseCache();
  return {
    head: createSnapshot('head', headPaths, readHead, cache),
    base: createSnapshot('base', basePaths, readBase, cache),
    headSizes,
    baseSizes,
    renames,
    baseOnly,
    changedCount: changedInBase.size,
  };
}

function workingTreeSizes(root: string, paths: string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const path of paths) {
    try {
      const stat = statSync(join(root, path));
      if (stat.isFile()) sizes.set(path, stat.size);
    } catch {
      // Deleted in the working tree but still in the index: not part of head.
    }
  }
  return sizes;
}
