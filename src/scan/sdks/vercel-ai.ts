// https://ai-sdk.dev/docs/reference/ai-sdk-core (generateText, streamText, generateObject, streamObject, embed,
// embedMany, Agent / ToolLoopAgent; v3 to v7) and https://ai-sdk.dev/providers (provider factories, gateway)
import type { ts } from 'ts-morph';
import type { CallSiteDraft, PromptSegment, Unresolved } from '../call-site.js';
import { noteUnresolved } from '../client.js';
import type { Detector } from '../detector.js';
import { messagesToSegments } from '../messages.js';
import { providerFromBaseUrl, providerFromName } from '../providers.js';
import { asNumber, asString, collectText, firstProp, originFiles, prop, type Origin, type TextPart, type Value } from '../value.js';
import { valueAsJsonText } from '../prompt-text.js';

const CORE_PACKAGE = 'ai';

/** Provider packages and the price-data provider their default instance and `createX()` bill through. */
const PROVIDER_PACKAGES: Record<string, string> = {
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/google': 'google',
  '@ai-sdk/google-vertex': 'google',
  '@ai-sdk/amazon-bedrock': 'aws',
  '@ai-sdk/azure': 'azure',
  '@ai-sdk/groq': 'groq',
  '@ai-sdk/xai': 'x-ai',
  '@ai-sdk/mistral': 'mistral',
  '@ai-sdk/cohere': 'cohere',
  '@ai-sdk/deepseek': 'deepseek',
  '@ai-sdk/fireworks': 'fireworks',
  '@ai-sdk/togetherai': 'together',
  '@ai-sdk/perplexity': 'perplexity',
  '@ai-sdk/cerebras': 'cerebras',
  '@ai-sdk/deepinfra': 'deepinfra',
  '@ai-sdk/openai-compatible': 'openai-compatible',
  '@openrouter/ai-sdk-provider': 'openrouter',
  'ollama-ai-provider': 'local',
  'ollama-ai-provider-v2': 'local',
};
const GATEWAY_PACKAGES = new Set([CORE_PACKAGE, '@ai-sdk/gateway']);
const PACKAGES = [CORE_PACKAGE, '@ai-sdk/gateway', ...Object.keys(PROVIDER_PACKAGES)] as const;

/** The functions, by the name they are exported under (the `experimental_` aliases of v3 included). */
const FUNCTIONS: Record<string, { method: string; operation: CallSiteDraft['operation'] }> = {};
for (const name of ['generateText', 'streamText', 'generateObject', 'streamObject']) {
  FUNCTIONS[name] = { method: name, operation: 'chat' };
  FUNCTIONS[`experimental_${name}`] = { method: name, operation: 'chat' };
}
FUNCTIONS.embed = { method: 'embed', operation: 'embedding' };
FUNCTIONS.embedMany = { method: 'embedMany', operation: 'embedding' };

/** Agent classes and the step bound each has when `stopWhen` is absent. */
const AGENTS: Record<string, { method: string; defaultSteps: number }> = {
  Agent: { method: 'Agent', defaultSteps: 1 },
  Experimental_Agent: { method: 'Agent', defaultSteps: 1 },
  ToolLoopAgent: { method: 'ToolLoopAgent', defaultSteps: 20 },
};

/** Members of a provider instance that return a model for an id. */
const MODEL_MEMBERS = new Set([
  'chat',
  'responses',
  'completion',
  'languageModel',
  'chatModel',
  'embedding',
  'textEmbedding',
  'textEmbeddingModel',
  'embeddingModel',
  'messages',
  'generativeAI',
]);

export const vercelAiDetector = {
  family: 'ai',
  docs: 'https://ai-sdk.dev/docs/reference/ai-sdk-core',
  packages: PACKAGES,
  keywords: ["from 'ai'", 'from "ai"', "require('ai')", '@ai-sdk/'],
  methods: Object.keys(FUNCTIONS),
  constructors: Object.keys(AGENTS),
  detect(call, chain, ctx) {
    const callee = ctx.resolve(call.expression);
    if (callee.kind !== 'module' || callee.module !== CORE_PACKAGE) return undefined;
    const fn = FUNCTIONS[callee.name];
    if (!fn || chain.names[chain.names.length - 1] === undefined) return undefined;
    const argNode = call.arguments[0];
    const options = argNode ? ctx.resolve(argNode) : undefined;
    return siteOf(`ai.${fn.method}`, fn.operation, options, argNode, ctx.origin(call), 1, false);
  },
  detectNew(node, _className, ctx) {
    const target = ctx.resolve(node.expression);
    if (target.kind !== 'module' || target.module !== CORE_PACKAGE) return undefined;
    const agent = AGENTS[target.name];
    if (!agent) return undefined;
    // The agent's settings decide what every `agent.generate()` / `agent.stream()` costs, and those calls are
    // usually in another module (a route handler): the construction is the site, its prompt a runtime input.
    const argNode = node.arguments?.[0];
    const options = argNode ? ctx.resolve(argNode) : undefined;
    return siteOf(`ai.${agent.method}`, 'chat', options, argNode, ctx.origin(node), agent.defaultSteps, true);
  },
} satisfies Detector;

function siteOf(method: string, operation: CallSiteDraft['operation'], options: Value | undefined, argNode: ts.Node | undefined, origin: Origin, defaultSteps: number, isAgent: boolean): CallSiteDraft {
  const unresolved: Unresolved[] = [];
  if (options && options.kind !== 'object') unresolved.push({ what: 'params', expr: argNode!.getText().slice(0, 80), reason: 'options built at run time', origin });
  const modelValue = prop(options, 'model');
  const route = modelRoute(modelValue, origin);
  if (route.model) noteUnresolved('model', route.model, unresolved, { expr: 'model', origin });
  else unresolved.push({ what: 'model', expr: route.expr ?? 'model', reason: route.reason ?? 'not set in the call', origin });

  const cap = firstProp(options, ['maxOutputTokens', 'maxTokens']);
  const prompt = operation === 'embedding' ? embeddingInput(options) : promptOf(options, isAgent);
  const tools = toolsText(prop(options, 'tools'));
  const explicitCaching = route.cacheControl === true || hasCacheHint(prop(options, 'messages')) || hasCacheHint(prop(options, 'system')) || hasCacheHint(prop(options, 'prompt')) || hasCacheHint(prop(options, 'providerOptions'));
  const dependencies = new Set<string>();
  for (const v of [route.model, modelValue, cap?.value, prop(options, 'system'), prop(options, 'instructions'), prop(options, 'prompt'), prop(options, 'messages'), prop(options, 'stopWhen'), prop(options, 'maxSteps')]) originFiles(v, dependencies);
  const retries = asNumber(prop(options, 'maxRetries'));
  const steps = stepsOf(options, defaultSteps);

  return {
    sdk: 'ai',
    method,
    operation,
    origin,
    model: route.model,
    provider: route.provider,
    ...(route.evidence ? { providerEvidence: route.evidence } : {}),
    maxOutputTokens: cap?.value,
    prompt,
    tools,
    explicitCaching,
    batch: false,
    ...(retries !== undefined ? { maxRetries: retries } : {}),
    ...(steps > 1 ? { agentSteps: steps } : {}),
    dependencies,
    unresolved,
    ...(route.deployment ? { modelIsDeployment: true } : {}),
  };
}

/** Where a `model:` value goes: the provider that bills it and the model id, normalised across routes. */
export interface ModelRoute {
  model?: Value;
  provider: string;
  evidence?: string;
  deployment?: boolean;
  /** AI SDK 4 `anthropic(id, { cacheControl: true })`. */
  cacheControl?: boolean;
  expr?: string;
  reason?: string;
}

/**
 * Follows a model value through provider factories, custom instances (`createOpenAI({ baseURL })`), gateway strings
 * and `gateway(...)`, `customProvider` / `createProviderRegistry` aliases and `wrapLanguageModel`. A gateway or
 * registry id (`xai/grok-2-1212`, `openai:gpt-4o`) is split into provider and model, so `xai('grok-2-1212')` and
 * `gateway.languageModel('xai/grok-2-1212')` give the same facts and the diff reports no change.
 */
export function modelRoute(value: Value | undefined, origin: Origin, depth = 0): ModelRoute {
  if (!value) return { provider: 'openai', reason: 'no model in the call' };
  if (depth > 8) return { provider: 'openai', expr: 'model', reason: 'alias chain too deep' };
  switch (value.kind) {
    case 'text': {
      // A bare string goes to the default global provider, the AI Gateway: `vendor/model`.
      const id = asString(value);
      if (id === undefined) return { model: value, provider: 'openai' };
      return { ...gatewayId(id, value), evidence: `gateway '${id}'` };
    }
    case 'moduleCall':
      return moduleCallRoute(value, origin, depth);
    case 'unknown':
      return { provider: 'openai', expr: value.expr, reason: value.reason };
    default:
      return { provider: 'openai', expr: 'model', reason: `a ${value.kind}, not a model` };
  }
}

function moduleCallRoute(call: Extract<Value, { kind: 'moduleCall' }>, origin: Origin, depth: number): ModelRoute {
  const receiver = call.receiver;
  const idArg = call.args[0];
  if (call.module === CORE_PACKAGE && !receiver && /^(experimental_)?wrapLanguageModel$/.test(call.name)) {
    return modelRoute(prop(idArg, 'model'), origin, depth + 1);
  }
  if (receiver && /^(experimental_)?customProvider$/.test(receiver.name) && call.path.length === 1) {
    return aliasRoute(receiver, call.path[0]!, idArg, origin, depth);
  }
  if (receiver && /^(experimental_)?createProviderRegistry$/.test(receiver.name) && call.path.length === 1) {
    return registryRoute(receiver, idArg, origin, depth);
  }
  if (GATEWAY_PACKAGES.has(call.module) && /^(gateway|createGateway)$/.test(call.name)) {
    const id = asString(idArg);
    if (id === undefined) return { provider: 'openai', model: idArg, expr: idArg?.kind === 'unknown' ? idArg.expr : 'gateway model id', reason: 'gateway model id known only at run time' };
    return { ...gatewayId(id, idArg!), evidence: `gateway '${id}'` };
  }
  const packageProvider = PROVIDER_PACKAGES[call.module];
  if (packageProvider === undefined) return { provider: 'openai', expr: `${call.name}(...)`, reason: `'${call.module}' is not a known model provider` };
  // `createOpenAI({ baseURL })('id')`, `groq.chat('id')`: the instance's options decide the provider.
  const factory = receiver ?? undefined;
  if (!factory && call.path.length === 0 && /^create[A-Z]/.test(call.name)) return { provider: packageProvider, expr: `${call.name}(...)`, reason: 'a provider, not a model' };
  if (call.path.length > 0 && !MODEL_MEMBERS.has(call.path[call.path.length - 1]!)) return { provider: packageProvider, expr: `${call.name}.${call.path.join('.')}`, reason: 'not a model factory' };
  let provider = packageProvider;
  let evidence: string | undefined;
  const settings = factory?.args[0];
  const baseURL = asString(prop(settings, 'baseURL')) ?? asString(prop(settings, 'baseUrl'));
  if (baseURL) {
    provider = providerFromBaseUrl(baseURL) ?? (packageProvider === 'openai' ? 'openai-compatible' : packageProvider);
    evidence = `baseURL ${baseURL}`;
  } else if (packageProvider === 'openai-compatible') {
    const name = asString(prop(settings, 'name'));
    if (name) provider = providerFromName(name);
  }
  if (idArg === undefined) return { provider, expr: `${call.name}()`, reason: 'no model id' };
  const cacheControl = prop(call.args[1], 'cacheControl')?.kind === 'boolean' && (prop(call.args[1], 'cacheControl') as { value: boolean }).value;
  return {
    model: idArg,
    provider,
    ...(evidence ? { evidence } : {}),
    ...(provider === 'azure' ? { deployment: true } : {}),
    ...(cacheControl ? { cacheControl: true } : {}),
  };
}

/** `myProvider.languageModel('chat-model')` with `customProvider({ languageModels: { 'chat-model': ... } })`. */
function aliasRoute(provider: Extract<Value, { kind: 'moduleCall' }>, member: string, idArg: Value | undefined, origin: Origin, depth: number): ModelRoute {
  const key = asString(idArg);
  if (key === undefined) return { provider: 'openai', expr: idArg?.kind === 'unknown' ? idArg.expr : 'model alias', reason: 'model alias chosen at run time' };
  const table = prop(provider.args[0], member === 'textEmbeddingModel' || member === 'embeddingModel' ? 'textEmbeddingModels' : 'languageModels');
  const entry = table?.kind === 'object' ? (table.props.get(key) ?? (member === 'embeddingModel' ? prop(provider.args[0], 'embeddingModels', key) : undefined)) : undefined;
  if (entry) return modelRoute(entry, origin, depth + 1);
  const fallback = prop(provider.args[0], 'fallbackProvider');
  if (fallback?.kind === 'module' && PROVIDER_PACKAGES[fallback.module]) return { model: { kind: 'text', parts: [key], origin: idArg!.origin }, provider: PROVIDER_PACKAGES[fallback.module]! };
  return { provider: 'openai', expr: `'${key}'`, reason: 'not an alias of the custom provider' };
}

/** `registry.languageModel('openai:gpt-4o-mini')` with `createProviderRegistry({ openai, anthropic: createAnthropic(...) })`. */
function registryRoute(registry: Extract<Value, { kind: 'moduleCall' }>, idArg: Value | undefined, origin: Origin, depth: number): ModelRoute {
  const id = asString(idArg);
  if (id === undefined) return { provider: 'openai', model: idArg, expr: idArg?.kind === 'unknown' ? idArg.expr : 'registry id', reason: 'registry id known only at run time' };
  const separator = asString(prop(registry.args[1], 'separator')) ?? ':';
  const at = id.indexOf(separator);
  if (at < 0) return { provider: 'openai', expr: `'${id}'`, reason: 'registry id without a provider prefix' };
  const key = id.slice(0, at);
  const modelId: Value = { kind: 'text', parts: [id.slice(at + separator.length)], origin: idArg!.origin };
  const entry = prop(registry.args[0], key);
  if (entry?.kind === 'module' && PROVIDER_PACKAGES[entry.module] !== undefined) return { model: modelId, provider: PROVIDER_PACKAGES[entry.module]! };
  if (entry?.kind === 'moduleCall') {
    if (/customProvider$/.test(entry.name)) return aliasRoute(entry, 'languageModel', modelId, origin, depth + 1);
    // A provider instance (`createOpenAI({...})`): call it with the id.
    return moduleCallRoute({ ...entry, path: [], args: [modelId], receiver: entry }, origin, depth + 1);
  }
  return { model: modelId, provider: providerFromName(key), evidence: `registry '${id}'` };
}

/** `vendor/model` through the gateway: the vendor's provider id and the model id without the prefix. */
function gatewayId(id: string, value: Value): ModelRoute {
  const slash = id.indexOf('/');
  if (slash < 0) return { model: value, provider: 'openai' };
  return { model: { kind: 'text', parts: [id.slice(slash + 1)], origin: value.origin }, provider: providerFromName(id.slice(0, slash)) };
}

function promptOf(options: Value | undefined, isAgent: boolean): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const name of ['instructions', 'system']) {
    const system = prop(options, name);
    if (!system) continue;
    // v6+: `system` may be a system message or an array of them (each may carry a cache breakpoint).
    if (system.kind === 'array' || system.kind === 'object') {
      for (const s of messagesToSegments(system.kind === 'array' ? system : { kind: 'array', items: [system], origin: system.origin })) {
        segments.push({ ...s, role: 'system', ...(hasCacheHint(system) ? { cacheBreakpoint: true } : {}) });
      }
    } else segments.push({ role: 'system', parts: collectText(system) });
    break;
  }
  const prompt = prop(options, 'prompt');
  if (prompt?.kind === 'array') segments.push(...withCacheHints(prompt));
  else if (prompt) segments.push({ role: 'user', parts: collectText(prompt) });
  const messages = prop(options, 'messages');
  if (messages) segments.push(...withCacheHints(messages));
  if (isAgent) segments.push({ role: 'user', parts: [{ hole: 'agent input' }] });
  return segments;
}

/** Messages as segments, with AI SDK cache hints (`providerOptions.anthropic.cacheControl`) as breakpoints. */
function withCacheHints(messages: Value): PromptSegment[] {
  // `convertToModelMessages(uiMessages)`, a request body: the conversation is a runtime input.
  if (messages.kind !== 'array' && messages.kind !== 'text') return [{ role: 'user', parts: [{ hole: 'messages' }] }];
  const segments = messagesToSegments(messages);
  if (messages.kind === 'array') messages.items.forEach((m, i) => {
    if (segments[i] && hasCacheHint(prop(m, 'providerOptions') ?? prop(m, 'experimental_providerMetadata') ?? prop(m, 'providerMetadata'))) segments[i] = { ...segments[i]!, cacheBreakpoint: true };
  });
  return segments;
}

function embeddingInput(options: Value | undefined): PromptSegment[] {
  return [{ role: 'input', parts: collectText(prop(options, 'value') ?? prop(options, 'values')) }];
}

/** Tool definitions as the JSON the provider receives: names and descriptions (schemas built by zod are holes). */
function toolsText(tools: Value | undefined): TextPart[] {
  if (!tools) return [];
  if (tools.kind !== 'object') return [{ hole: 'tools' }];
  const parts: TextPart[] = [];
  for (const [name, tool] of tools.props) {
    const definition = tool.kind === 'moduleCall' ? tool.args[0] : tool;
    parts.push(JSON.stringify(name), ':');
    const description = prop(definition, 'description');
    parts.push(...valueAsJsonText(description ?? { kind: 'text', parts: [''], origin: tool.origin }));
  }
  return parts;
}

/** True when a value carries a cache hint anywhere inside (`cacheControl`, `cache_control`, `cachePoint`). */
function hasCacheHint(value: Value | undefined, depth = 0): boolean {
  if (!value || depth > 6) return false;
  if (value.kind === 'object') {
    for (const [key, item] of value.props) {
      if (key === 'cacheControl' || key === 'cache_control' || key === 'cachePoint') return true;
      if (hasCacheHint(item, depth + 1)) return true;
    }
  }
  if (value.kind === 'array') return value.items.some((item) => hasCacheHint(item, depth + 1));
  return false;
}

/**
 * Model calls per invocation: `stopWhen: stepCountIs(n)` (v5+, also `isStepCount`, or an array of conditions, the
 * smallest count bounding), `maxSteps` (v3.4-v4), `maxToolRoundtrips` / `maxAutomaticRoundtrips` (v3.2-3.4, one
 * more call than round trips). Absent: the SDK's default for the surface.
 */
function stepsOf(options: Value | undefined, defaultSteps: number): number {
  const stopWhen = prop(options, 'stopWhen');
  if (stopWhen) {
    const conditions = stopWhen.kind === 'array' ? stopWhen.items : [stopWhen];
    const counts = conditions.flatMap((c) => (c.kind === 'moduleCall' && /^(stepCountIs|isStepCount)$/.test(c.name) ? [asNumber(c.args[0])] : []));
    const known = counts.filter((n): n is number => n !== undefined);
    if (known.length > 0) return Math.min(...known);
    // A step limit known only at run time (a ternary, a variable set in a switch) is priced at one step.
    return 1;
  }
  const maxSteps = asNumber(prop(options, 'maxSteps'));
  if (maxSteps !== undefined) return maxSteps;
  const roundtrips = asNumber(prop(options, 'maxToolRoundtrips') ?? prop(options, 'maxAutomaticRoundtrips'));
  if (roundtrips !== undefined) return roundtrips + 1;
  return defaultSteps;
}
