import { parse as parseYaml } from 'yaml';
import type { CallSite, PromptSegment } from './call-site.js';
import { placeholderParts } from './prompt-text.js';
import type { ScanResult, ScanWarning } from './scan.js';
import type { Snapshot } from './snapshot.js';
import type { Origin } from './value.js';

/**
 * Prompt files that declare their own model are call sites of their own: GitHub Models `.prompt.yml`
 * (`model`, `modelParameters.max_tokens`, `messages`), Prompty (`.prompty` front matter `model.configuration` and
 * `model.parameters.max_tokens`, then `system:` / `user:` sections), and Markdown prompts with a `model:` in their
 * front matter. A prompt file without a model is only counted where code reads it.
 */
export function scanPromptFiles(snapshot: Snapshot, paths: readonly string[], idPath: (file: string) => string): ScanResult {
  const sites: CallSite[] = [];
  const warnings: ScanWarning[] = [];
  for (const file of paths) {
    const text = snapshot.read(file);
    if (text === undefined) continue;
    let declared: DeclaredPrompt | undefined;
    try {
      declared = readDeclaredPrompt(file, text);
    } catch (error) {
      warnings.push({ code: 'parse-error', message: `prompt file front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, file });
      continue;
    }
    if (!declared) continue;
    const origin: Origin = { file, line: declared.line };
    sites.push({
      id: `${idPath(file)}#<top>/prompt-file#0`,
      enclosingFunction: '<top>',
      sdk: 'prompt-file',
      method: 'prompt-file',
      operation: 'chat',
      origin,
      model: { kind: 'text', parts: [declared.model], origin },
      provider: declared.provider,
      maxOutputTokens: declared.maxTokens === undefined ? undefined : { kind: 'number', value: declared.maxTokens, origin },
      prompt: declared.segments,
      tools: [],
      explicitCaching: false,
      batch: false,
      dependencies: new Set([file]),
      unresolved: [],
    });
  }
  return { sites, warnings };
}

interface DeclaredPrompt {
  model: string;
  provider: string;
  maxTokens?: number;
  segments: PromptSegment[];
  line: number;
}

function readDeclaredPrompt(file: string, text: string): DeclaredPrompt | undefined {
  if (/\.prompt\.ya?ml$/.test(file)) {
    const doc = parseYaml(text) as { model?: unknown; modelParameters?: { max_tokens?: unknown }; messages?: Array<{ role?: string; content?: unknown }> } | null;
    if (!doc || typeof doc.model !== 'string') return undefined;
    // GitHub Models ids are `publisher/model`: `openai/gpt-4o-mini` is billed as that publisher's model.
    const [publisher, model] = doc.model.includes('/') ? doc.model.split('/', 2) : ['openai', doc.model];
    return {
      model: model!,
      provider: publisher === 'azure-openai' ? 'azure' : publisher!,
      ...numberField(doc.modelParameters?.max_tokens),
      segments: (doc.messages ?? []).map((m) => ({ role: roleOf(m.role), parts: placeholderParts(String(m.content ?? '')) })),
      line: lineOf(text, /^model:/m),
    };
  }
  const front = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!front) return undefined;
  const meta = parseYaml(front[1]!) as Record<string, unknown> | null;
  const body = text.slice(front[0].length);
  const model = meta?.model;
  if (typeof model === 'string') return { model, provider: 'openai', ...numberField(meta?.max_tokens ?? meta?.maxTokens), segments: sections(body), line: lineOf(text, /^model:/m) };
  if (model && typeof model === 'object') {
    // Prompty: `model: { configuration: { type, name | azure_deployment }, parameters: { max_tokens } }`
    const configuration = (model as { configuration?: Record<string, unknown> }).configuration ?? {};
    const name = configuration.name ?? configuration.model ?? configuration.azure_deployment;
    if (typeof name !== 'string') return undefined;
    const provider = String(configuration.type ?? 'openai').startsWith('azure') ? 'azure' : 'openai';
    const parameters = (model as { parameters?: { max_tokens?: unknown } }).parameters;
    return { model: name, provider, ...numberField(parameters?.max_tokens), segments: sections(body), line: lineOf(text, /^model:/m) };
  }
  return undefined;
}

/** A Prompty body: `system:` / `user:` / `assistant:` sections, each a message. */
function sections(body: string): PromptSegment[] {
  const parts = body.split(/^(system|user|assistant):\s*$/m);
  if (parts.length === 1) return [{ role: 'user', parts: placeholderParts(body) }];
  const segments: PromptSegment[] = [];
  for (let i = 1; i < parts.length; i += 2) segments.push({ role: roleOf(parts[i]), parts: placeholderParts(parts[i + 1]!.trim()) });
  return segments;
}

function roleOf(role: string | undefined): PromptSegment['role'] {
  return role === 'system' || role === 'developer' ? 'system' : role === 'assistant' ? 'assistant' : 'user';
}

function numberField(value: unknown): { maxTokens?: number } {
  return typeof value === 'number' && Number.isFinite(value) ? { maxTokens: value } : {};
}

function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}
