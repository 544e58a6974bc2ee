import type { ts } from 'ts-morph';
import type { CallSiteDraft, PromptSegment } from './call-site.js';
import { noteUnresolved } from './client.js';
import { valueAsJsonText } from './prompt-text.js';
import { asNumber, firstProp, originFiles, prop, type Origin, type Value } from './value.js';

export interface ChatBodySite {
  sdk: string;
  method: string;
  operation: CallSiteDraft['operation'];
  origin: Origin;
  /** The request body as resolved, and its expression (for the warning when it is built at run time). */
  body: Value | undefined;
  bodyNode: ts.Node | undefined;
  provider: string;
  providerEvidence?: string;
  /** Output-cap option names, the one that wins first. */
  capNames: readonly string[];
  prompt: PromptSegment[];
  /** Model used when the body has none (the SDK's documented default). */
  defaultModel?: string;
  maxRetries?: number;
  /** Names of options that multiply output (`n`). */
  choicesName?: string;
}

/**
 * The call site of an SDK whose request is one flat body (`{ model, messages, maxTokens, tools }`): Mistral,
 * Cohere, Groq. Detectors decide the surface, the provider and the prompt; this assembles the shared rest.
 */
export function chatBodySite(site: ChatBodySite): CallSiteDraft {
  const { body, origin } = site;
  const unresolved: CallSiteDraft['unresolved'] = [];
  if (body && body.kind !== 'object') unresolved.push({ what: 'params', expr: site.bodyNode!.getText().slice(0, 80), reason: 'request body built at run time', origin });
  const model = prop(body, 'model') ?? (site.defaultModel ? { kind: 'text' as const, parts: [site.defaultModel], origin } : undefined);
  noteUnresolved('model', model, unresolved, { expr: 'model', origin });
  const cap = firstProp(body, site.capNames);
  const tools = prop(body, 'tools');
  const choices = site.choicesName ? asNumber(prop(body, site.choicesName)) : undefined;
  const dependencies = new Set<string>();
  for (const v of [model, cap?.value, tools]) originFiles(v, dependencies);
  if (body?.kind === 'object') for (const key of ['messages', 'message', 'preamble', 'prompt', 'inputs', 'input', 'texts', 'chatHistory', 'documents']) originFiles(prop(body, key), dependencies);
  return {
    sdk: site.sdk,
    method: site.method,
    operation: site.operation,
    origin,
    model,
    provider: site.provider,
    ...(site.providerEvidence ? { providerEvidence: site.providerEvidence } : {}),
    maxOutputTokens: cap?.value,
    prompt: site.prompt,
    tools: tools ? valueAsJsonText(tools) : [],
    explicitCaching: site.prompt.some((s) => s.cacheBreakpoint),
    batch: false,
    ...(choices !== undefined ? { choices } : {}),
    ...(site.maxRetries !== undefined ? { maxRetries: site.maxRetries } : {}),
    dependencies,
    unresolved,
  };
}
