import { ts } from 'ts-morph';

/**
 * The repository's files at one commit, read lazily. Head reads the working tree; base is head with the changed
 * files replaced by their contents at the base commit. Parsed files are shared between snapshots when their text
 * is equal, so the base scan reuses the head parse of every file the change did not touch.
 */
export interface Snapshot {
  readonly name: 'base' | 'head';
  /** Every file path in the snapshot, repo-relative with `/`. */
  readonly paths: ReadonlySet<string>;
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(path: string): string | undefined;
  /** The parsed file (TypeScript or JavaScript), or undefined when it is not a script or does not exist. */
  parse(path: string): ts.SourceFile | undefined;
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export function scriptKindOf(path: string): ts.ScriptKind | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : SCRIPT_KINDS[path.slice(dot)];
}

/** Parses with the compiler's own parser (no Project, no type checker): the hot path of a scan. */
export class ParseCache {
  private readonly byPath = new Map<string, { text: string; sourceFile: ts.SourceFile }>();
  parsed = 0;

  parse(path: string, text: string): ts.SourceFile | undefined {
    const kind = scriptKindOf(path);
    if (kind === undefined) return undefined;
    const cached = this.byPath.get(path);
    if (cached && cached.text === text) return cached.sourceFile;
    const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
    this.parsed++;
    // Keep the first parse per path: that is the head's, and base only misses on the few files that changed.
    if (!cached) this.byPath.set(path, { text, sourceFile });
    return sourceFile;
  }
}

export function createSnapshot(
  name: 'base' | 'head',
  paths: ReadonlySet<string>,
  readText: (path: string) => string | undefined,
  cache: ParseCache,
): Snapshot {
  const texts = new Map<string, string | undefined>();
  const parses = new Map<string, ts.SourceFile | undefined>();
  const read = (path: string): string | undefined => {
    if (!paths.has(path)) return undefined;
    if (!texts.has(path)) texts.set(path, readText(path));
    return texts.get(path);
  };
  return {
    name,
    paths,
    read,
    parse(path) {
      if (!parses.has(path)) {
        const text = read(path);
        parses.set(path, text === undefined ? undefined : cache.parse(path, text));
      }
      return parses.get(path);
    },
  };
}
