import { posix } from 'node:path';
import type { Snapshot } from './snapshot.js';

/**
 * The packages of a monorepo (npm, pnpm and yarn workspaces): every `package.json` of the snapshot outside
 * `node_modules`, by its `name`. An import of one of those names (`@acme/core`, `@acme/core/models`) is code of
 * this repository, to be followed like a relative import; any other bare specifier (`openai`, `ai`) stays a
 * package. Entries point at build output that is not in the repository (`dist/index.js`), so they are mapped back
 * to the source file that builds it.
 */
export class WorkspacePackages {
  private packages?: Map<string, WorkspacePackage>;
  private readonly resolved = new Map<string, string | undefined>();

  /**
   * `findFile`: the snapshot file a path without extension names (`src/index` -> `src/index.ts`), as imports
   * resolve. `external`: package names that stay packages even when the repository declares them (the SDKs the
   * detectors recognise, so a scan of an SDK's own repository still sees its examples call the SDK).
   */
  constructor(
    private readonly snapshot: Snapshot,
    private readonly findFile: (base: string) => string | undefined,
    private readonly external: ReadonlySet<string> = new Set(),
  ) {}

  /** The source file a bare specifier names when it is a package of this repository, else undefined. */
  resolve(specifier: string): string | undefined {
    if (this.resolved.has(specifier)) return this.resolved.get(specifier);
    const file = this.resolveUncached(specifier);
    this.resolved.set(specifier, file);
    return file;
  }

  private resolveUncached(specifier: string): string | undefined {
    const { name, subpath } = splitSpecifier(specifier);
    const found = this.index().get(name);
    if (!found) return undefined;
    const targets = exportTargets(found.manifest, subpath);
    for (const target of targets) {
      const file = this.sourceOf(found.dir, target);
      if (file) return file;
    }
    if (subpath === '.') {
      return this.findFile(posix.join(found.dir, 'src/index')) ?? this.findFile(posix.join(found.dir, 'index'));
    }
    // `@acme/core/models` without an exports map: a file of the package, written from its root or its `src`.
    const rest = subpath.slice(2);
    return this.sourceOf(found.dir, rest) ?? this.findFile(posix.join(found.dir, 'src', rest));
  }

  /** True when `name` (a package name, not a subpath) is declared by a `package.json` of the repository. */
  has(name: string): boolean {
    return this.index().has(name);
  }

  /** A built file's source: the file itself, else the same path with the output folder dropped or renamed `src`. */
  private sourceOf(dir: string, target: string): string | undefined {
    const relative = posix.normalize(target).replace(/^\.\//, '').replace(/\.d\.[cm]?ts$/, '.js');
    if (relative.startsWith('..') || relative.includes('*')) return undefined;
    const candidates = [relative];
    const output = /^(?:dist|build|lib|out|esm|cjs)\/(.*)$/.exec(relative);
    if (output) candidates.push(output[1]!, `src/${output[1]!}`);
    for (const candidate of candidates) {
      const file = this.findFile(posix.join(dir, candidate));
      if (file && !file.endsWith('.json')) return file;
    }
    return undefined;
  }

  private index(): Map<string, WorkspacePackage> {
    if (this.packages) return this.packages;
    const packages = new Map<string, WorkspacePackage>();
    let read = 0;
    for (const path of this.snapshot.paths) {
      if (!(path === 'package.json' || path.endsWith('/package.json')) || /(?:^|\/)node_modules\//.test(path)) continue;
      // A repository with thousands of manifests (vendored examples) is not a workspace we can index cheaply.
      if (++read > MAX_MANIFESTS) break;
      const manifest = parseManifest(this.snapshot.read(path));
      if (!manifest || this.external.has(manifest.name)) continue;
      const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
      const existing = packages.get(manifest.name);
      // The same name twice (a template copied into examples): the shallower folder is the real package.
      if (!existing || depthOf(dir) < depthOf(existing.dir)) packages.set(manifest.name, { dir, manifest });
    }
    this.packages = packages;
    return packages;
  }
}

/** Manifests read at most, per snapshot. */
const MAX_MANIFESTS = 2000;

interface Manifest {
  name: string;
  exports?: unknown;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  source?: string;
}

interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

function parseManifest(text: string | undefined): Manifest | undefined {
  if (!text) return undefined;
  try {
    const json = JSON.parse(text) as unknown;
    if (typeof json !== 'object' || json === null || typeof (json as { name?: unknown }).name !== 'string') return undefined;
    return json as Manifest;
  } catch {
    return undefined;
  }
}

/** `@acme/core/models` -> name `@acme/core`, subpath `./models`; `lodash` -> `lodash`, `.`. */
export function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const segments = specifier.split('/');
  const size = specifier.startsWith('@') ? 2 : 1;
  const rest = segments.slice(size).join('/');
  return { name: segments.slice(0, size).join('/'), subpath: rest ? `./${rest}` : '.' };
}

/**
 * The files a package's manifest points a subpath at, best first: the `exports` entry (conditions in the order a
 * type checker reading sources prefers, `*` patterns filled in), then for the root `source`, `types`, `module`, `main`.
 */
function exportTargets(manifest: Manifest, subpath: string): string[] {
  const targets: string[] = [];
  const exports = manifest.exports;
  if (typeof exports === 'string' || Array.isArray(exports)) {
    if (subpath === '.') targets.push(...conditionTargets(exports, 0));
  } else if (typeof exports === 'object' && exports !== null) {
    const map = exports as Record<string, unknown>;
    const keyed = Object.keys(map).some((k) => k.startsWith('.'));
    if (!keyed) {
      if (subpath === '.') targets.push(...conditionTargets(map, 0));
    } else if (subpath in map) targets.push(...conditionTargets(map[subpath], 0));
    else {
      for (const [key, value] of Object.entries(map)) {
        const star = key.indexOf('*');
        if (star < 0 || !subpath.startsWith(key.slice(0, star)) || !subpath.endsWith(key.slice(star + 1))) continue;
        const filled = subpath.slice(star, subpath.length - (key.length - star - 1));
        targets.push(...conditionTargets(value, 0).map((t) => t.replaceAll('*', filled)));
      }
    }
  }
  if (subpath === '.') {
    for (const field of [manifest.source, manifest.types, manifest.typings, manifest.module, manifest.main]) if (typeof field === 'string') targets.push(field);
  }
  return targets;
}

const CONDITIONS = ['source', 'types', 'import', 'module', 'default', 'node', 'require'];

function conditionTargets(value: unknown, depth: number): string[] {
  if (depth > 4) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => conditionTargets(v, depth + 1));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const keys = [...CONDITIONS.filter((c) => c in record), ...Object.keys(record).filter((k) => !CONDITIONS.includes(k))];
  return keys.flatMap((k) => conditionTargets(record[k], depth + 1));
}

function depthOf(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
