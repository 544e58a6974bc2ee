import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { UserError } from '../errors.js';
import { configSchema, type Config } from './schema.js';

export const DEFAULT_CONFIG_PATHS = ['.github/llm-cost.yml', 'llm-cost.yml'];
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  config: Config;
  /** The file it came from, repo-relative; undefined when no file exists and the defaults apply. */
  path?: string;
}

/**
 * Reads and validates the config. `explicitPath` must exist; without it the default locations are tried and a
 * missing file means defaults. Every error names the file, the line and the key.
 */
export function loadConfig(repoDir: string, explicitPath?: string): LoadedConfig {
  const candidates = explicitPath ? [explicitPath] : DEFAULT_CONFIG_PATHS;
  for (const candidate of candidates) {
    const full = join(repoDir, candidate);
    const absolute = candidate.startsWith('/') ? candidate : full;
    if (!existsSync(absolute)) continue;
    const display = relative(repoDir, absolute) || candidate;
    if (statSync(absolute).size > MAX_CONFIG_BYTES) throw new UserError(`${display}: config file is larger than 1 MiB`);
    return { config: parseConfig(readFileSync(absolute, 'utf8'), display), path: display };
  }
  if (explicitPath) throw new UserError(`${explicitPath}: config file not found`);
  return { config: { version: 1 } };
}

/** Parses config text; `file` is only used in messages. */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    throw new UserError(`${file}:${lineOf(error.pos[0])}: invalid YAML: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const messages = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys
        .map((key) => {
          const node = keyNode(doc.getIn(path, true) as YamlNode | undefined, key);
          return `${file}:${lineOf(node?.range?.[0])}: unknown key '${[...path, key].join('.')}'`;
        })
        .join('\n');
    }
    const node = doc.getIn(path, true) as YamlNode | undefined;
    const where = path.length ? `'${path.join('.')}'` : 'the document';
    const line = lineOf(node?.range?.[0] ?? parentRange(doc, path));
    return `${file}:${line}: ${where}: ${issue.message}`;
  });
  throw new UserError(`invalid config\n${messages.join('\n')}`);
}

function keyNode(map: YamlNode | undefined, key: string): YamlNode | undefined {
  if (!map || !isMap(map)) return map;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return (pair?.key as YamlNode | undefined) ?? map;
}

/** For a missing required key, the line of the object that should hold it. */
function parentRange(doc: ReturnType<typeof parseDocument>, path: string[]): number | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = doc.getIn(path.slice(0, i), true) as YamlNode | undefined;
    if (node?.range) return node.range[0];
  }
  return undefined;
}
