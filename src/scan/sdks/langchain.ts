// https://js.langchain.com/docs/integrations/chat/ (ChatOpenAI, AzureChatOpenAI, ChatAnthropic, ChatBedrockConverse,
// ChatGoogleGenerativeAI, ChatVertexAI, ChatMistralAI, ChatGroq, ChatCohere, initChatModel; legacy OpenAI / OpenAIChat)
//
// Where the site is: model, cap and retries live in the constructor, the prompt and the loop at the invocation.
// When an invocation in the same file can be followed back to its model object (through variables, class fields,
// `bindTools`, `withStructuredOutput`, `pipe`, `RunnableSequence.from` and chain factories), the invocation is the
// site and the construction is not reported. Otherwise (the model is handed to code we cannot follow: a parameter,
// another module) the construction is the site, with the prompt as a runtime input. An invocation whose model was
// constructed in another file is not a site of its own: that model's construction already is one.
import { ts } from 'ts-morph';
import type { CallSiteDraft, DetectContext, PromptSegment, Unresolved } from '../call-site.js';
import { baseUrlOf, noteUnresolved } from '../client.js';
import type { Detector } from '../detector.js';
import { messagesToSegments } from '../messages.js';
import { providerFromBaseUrl, providerFromName } from '../providers.js';
import { reasoningIn } from '../reasoning.js';
import { assignedExpression, reachedInFile, unwrap } from '../follow.js';
import { asNumber, asString, collectText, firstProp, originFiles, prop, type Origin, type TextPart, type Value } from '../value.js';

interface ModelClass {
  provider: string;
  /** The class's default model when the code sets none (the SDK's own default at the version we follow). */
  defaultModel?: string;
  modelKeys: string[];
  capKeys: string[];
  operation?: CallSiteDraft['operation'];
  deployment?: boolean;
}

const MODEL = ['model', 'modelName'];
const CLASSES: Record<string, ModelClass> = {
  ChatOpenAI: { provider: 'openai', defaultModel: 'gpt-3.5-turbo', modelKeys: MODEL, capKeys: ['maxCompletionTokens', 'maxTokens'] },
  OpenAIChat: { provider: 'openai', defaultModel: 'gpt-3.5-turbo', modelKeys: MODEL, capKeys: ['maxTokens'] },
  OpenAI: { provider: 'openai', defaultModel: 'gpt-3.5-turbo-instruct', modelKeys: MODEL, capKeys: ['maxTokens'], operation: 'completion' },
  AzureChatOpenAI: { provider: 'azure', modelKeys: ['azureOpenAIApiDeploymentName', 'deploymentName', ...MODEL], capKeys: ['maxCompletionTokens', 'maxTokens'], deployment: true },
  AzureOpenAI: { provider: 'azure', modelKeys: ['azureOpenAIApiDeploymentName', 'deploymentName', ...MODEL], capKeys: ['maxTokens'], operation: 'completion', deployment: true },
  ChatAnthropic: { provider: 'anthropic', defaultModel: 'claude-sonnet-4-5-20250929', modelKeys: MODEL, capKeys: ['maxTokens', 'maxTokensToSample'] },
  ChatBedrockConverse: { provider: 'aws', defaultModel: 'anthropic.claude-haiku-4-5-20251001-v1:0', modelKeys: MODEL, capKeys: ['maxTokens'] },
  BedrockChat: { provider: 'aws', modelKeys: MODEL, capKeys: ['maxTokens'] },
  ChatGoogleGenerativeAI: { provider: 'google', defaultModel: 'gemini-pro', modelKeys: MODEL, capKeys: ['maxOutputTokens'] },
  ChatVertexAI: { provider: 'google', modelKeys: MODEL, capKeys: ['maxOutputTokens'] },
  ChatMistralAI: { provider: 'mistral', defaultModel: 'mistral-small-latest', modelKeys: MODEL, capKeys: ['maxTokens'] },
  ChatGroq: { provider: 'groq', modelKeys: MODEL, capKeys: ['maxTokens', 'maxCompletionTokens'] },
  ChatCohere: { provider: 'cohere', defaultModel: 'command-r-plus', modelKeys: MODEL, capKeys: ['maxTokens'] },
  ChatDeepSeek: { provider: 'deepseek', modelKeys: MODEL, capKeys: ['maxTokens'] },
  ChatXAI: { provider: 'x-ai', modelKeys: MODEL, capKeys: ['maxTokens'] },
  ChatOllama: { provider: 'local', modelKeys: MODEL, capKeys: ['numPredict'] },
  OpenAIEmbeddings: { provider: 'openai', defaultModel: 'text-embedding-ada-002', modelKeys: MODEL, capKeys: [], operation: 'embedding' },
};

/** LangChain's `AsyncCaller` retries six times unless told otherwise (not the SDKs' two). */
const DEFAULT_MAX_RETRIES = 6;
const INVOKE = ['invoke', 'stream', 'batch', 'call', 'predict', 'predictMessages', 'generate', 'streamEvents', 'embedQuery', 'embedDocuments'];
/** Methods that return a runnable around the same model. */
const WRAPPERS = new Set(['bindTools', 'withStructuredOutput', 'withConfig', 'bind', 'withRetry', 'withFallbacks', 'withListeners']);

function isLangChainModule(module: string): boolean {
  return module === 'langchain' || module.startsWith('langchain/') || module.startsWith('@langchain/');
}

/** A chat model object as constructed: `new ChatOpenAI({...})` or `await initChatModel('openai:gpt-4o', {...})`. */
interface ModelSpec {
  className: string;
  options: Value | undefined;
  /** `initChatModel('gpt-4o', ...)`: the id argument. */
  id?: Value;
  origin: Origin;
}

export const langchainDetector = {
  family: 'langchain',
  docs: 'https://js.langchain.com/docs/integrations/chat/',
  packages: ['langchain', '@langchain/openai', '@langchain/anthropic', '@langchain/aws', '@langchain/google-genai', '@langchain/google-vertexai', '@langchain/mistralai', '@langchain/groq', '@langchain/cohere', '@langchain/community', '@langchain/core', '@langchain/ollama', '@langchain/deepseek', '@langchain/xai'],
  keywords: ['langchain'],
  methods: [...INVOKE, 'initChatModel'],
  constructors: Object.keys(CLASSES),
  detect(call, chain, ctx) {
    const verb = chain.names[chain.names.length - 1]!;
    if (verb === 'initChatModel') {
      const spec = specOf(ctx.resolve(call), ctx.origin(call));
      if (!spec || followedInFile(ctx).has(key(spec.origin))) return undefined;
      return siteOf(spec, undefined, `langchain.initChatModel`, [], ctx.origin(call));
    }
    if (chain.names.length < 2) return undefined;
    const found = follow(chain.nodes[chain.nodes.length - 2]!, ctx, 0);
    const spec = found.models[0];
    if (!spec || spec.origin.file !== ctx.file) return undefined;
    const input = call.arguments[0] ? ctx.resolve(call.arguments[0]) : undefined;
    return siteOf(spec, inputSegments(input, found.templates), `langchain.${spec.className}.${verb}`, found.templates, ctx.origin(call));
  },
  detectNew(node, _className, ctx) {
    const spec = specOf(ctx.resolve(node), ctx.origin(node));
    if (!spec || followedInFile(ctx).has(key(spec.origin))) return undefined;
    return siteOf(spec, [{ role: 'user', parts: [{ hole: 'input' }] }], `langchain.${spec.className}`, [], spec.origin);
  },
} satisfies Detector;

function specOf(value: Value, origin: Origin): ModelSpec | undefined {
  if (value.kind === 'instance' && isLangChainModule(value.module) && CLASSES[value.className]) {
    return { className: value.className, options: value.args[0]?.kind === 'text' ? value.args[1] : value.args[0], ...(value.args[0]?.kind === 'text' ? { id: value.args[0] } : {}), origin: value.origin };
  }
  if (value.kind === 'moduleCall' && isLangChainModule(value.module) && value.name === 'initChatModel' && !value.receiver) {
    return { className: 'initChatModel', options: value.args[1], ...(value.args[0] ? { id: value.args[0] } : {}), origin: value.origin ?? origin };
  }
  return undefined;
}

const key = (origin: Origin): string => `${origin.file}:${origin.line}`;

/** Constructions in this file that an invocation in this file reaches (those are priced at the invocation). */
function followedInFile(ctx: DetectContext): Set<string> {
  return reachedInFile('langchain', ctx, INVOKE, (receiver) => follow(receiver, ctx, 0).models.filter((spec) => spec.origin.file === ctx.file).map((spec) => key(spec.origin)));
}

interface Followed {
  models: ModelSpec[];
  /** Prompt templates met on the way, in chain order. */
  templates: Value[];
}

/** Follows a runnable expression back to the chat model(s) it wraps, collecting prompt templates. */
function follow(expr: ts.Expression, ctx: DetectContext, depth: number, into: Followed = { models: [], templates: [] }): Followed {
  if (depth > 12) return into;
  expr = unwrap(expr);
  const assigned = assignedExpression(expr);
  if (assigned) return follow(assigned, ctx, depth + 1, into);
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
    const name = expr.expression.name.text;
    if (WRAPPERS.has(name)) return follow(expr.expression.expression, ctx, depth + 1, into);
    if (name === 'pipe') {
      follow(expr.expression.expression, ctx, depth + 1, into);
      for (const arg of expr.arguments) follow(arg, ctx, depth + 1, into);
      return into;
    }
  } else if (ts.isArrayLiteralExpression(expr)) {
    for (const element of expr.elements) follow(element, ctx, depth + 1, into);
    return into;
  } else if (ts.isObjectLiteralExpression(expr)) {
    for (const property of expr.properties) {
      if (ts.isPropertyAssignment(property) && /^(llm|model|prompt|combineDocsChain|questionGeneratorChain)$/.test(property.name.getText())) follow(property.initializer, ctx, depth + 1, into);
      if (ts.isShorthandPropertyAssignment(property) && /^(llm|model|prompt|combineDocsChain)$/.test(property.name.text)) follow(property.name, ctx, depth + 1, into);
    }
    return into;
  }
  const value = ctx.resolve(expr);
  const spec = specOf(value, ctx.origin(expr));
  if (spec) {
    into.models.push(spec);
    return into;
  }
  if (value.kind === 'moduleCall' && isLangChainModule(value.module)) {
    if (/PromptTemplate$/.test(value.name) && value.path.length > 0) {
      into.templates.push(value);
      return into;
    }
    // Chain factories (`RunnableSequence.from([...])`, `ConversationalRetrievalQAChain.fromLLM(model, ...)`,
    // `createStuffDocumentsChain({ llm, prompt })`, `loadQAChain(llm)`): the model is among the arguments.
    if (ts.isCallExpression(expr)) for (const arg of expr.arguments) follow(arg, ctx, depth + 1, into);
  }
  if (value.kind === 'instance' && isLangChainModule(value.module) && ts.isNewExpression(expr)) {
    for (const arg of expr.arguments ?? []) follow(arg, ctx, depth + 1, into);
  }
  return into;
}

function siteOf(spec: ModelSpec, invocationPrompt: PromptSegment[] | undefined, method: string, templates: Value[], origin: Origin): CallSiteDraft {
  const unresolved: Unresolved[] = [];
  const options = spec.options;
  let cls = CLASSES[spec.className];
  let provider = cls?.provider ?? 'openai';
  let model: Value | undefined;
  let evidence: string | undefined;
  if (spec.className === 'initChatModel') {
    // `initChatModel('openai:gpt-4o')` or `initChatModel('gpt-4o', { modelProvider: 'openai' })`.
    const id = asString(spec.id);
    const explicit = asString(prop(options, 'modelProvider'));
    if (id !== undefined && id.includes(':') && !explicit) {
      provider = providerFromName(id.slice(0, id.indexOf(':')));
      model = { kind: 'text', parts: [id.slice(id.indexOf(':') + 1)], origin: spec.id!.origin };
    } else {
      provider = explicit ? providerFromName(explicit === 'google-genai' || explicit === 'google-vertexai' ? 'google' : explicit === 'bedrock' ? 'aws' : explicit) : guessProvider(id);
      model = spec.id;
    }
    cls = { provider, modelKeys: [], capKeys: ['maxTokens', 'maxOutputTokens', 'maxCompletionTokens'] };
  } else {
    model = spec.id ?? firstProp(options, cls!.modelKeys)?.value;
    if (model === undefined && cls!.defaultModel) model = { kind: 'text', parts: [cls!.defaultModel], origin: spec.origin };
    const { url } = baseUrlOf(prop(options, 'configuration') ?? prop(options, 'clientOptions'));
    if (url) {
      provider = providerFromBaseUrl(url) ?? 'openai-compatible';
      evidence = `baseURL ${url}`;
    }
  }
  noteUnresolved('model', model, unresolved, { expr: cls!.modelKeys[0] ?? 'model', origin: spec.origin });
  const cap = firstProp(options, cls!.capKeys);
  const reasoning = reasoningIn(options);
  const prompt = invocationPrompt ?? [];
  const dependencies = new Set<string>();
  for (const v of [model, cap?.value, ...templates]) originFiles(v, dependencies);
  if (spec.origin.file !== origin.file) dependencies.add(spec.origin.file);
  return {
    sdk: 'langchain',
    method,
    operation: cls!.operation ?? 'chat',
    origin,
    model,
    provider,
    ...(evidence ? { providerEvidence: evidence } : {}),
    maxOutputTokens: cap?.value,
    prompt,
    tools: [],
    explicitCaching: prompt.some((s) => s.cacheBreakpoint),
    batch: false,
    maxRetries: asNumber(prop(options, 'maxRetries')) ?? DEFAULT_MAX_RETRIES,
    // The model object carries `thinking` (ChatAnthropic) or `reasoning` (ChatOpenAI); the invocation never does.
    ...(reasoning ? { reasoning } : {}),
    dependencies,
    unresolved,
    ...(cls!.deployment || provider === 'azure' ? { modelIsDeployment: true } : {}),
  };
}

/** `initChatModel('gpt-4o')` infers the provider from the id's prefix, the way LangChain does. */
function guessProvider(id: string | undefined): string {
  if (!id) return 'openai';
  if (/^(gpt-|o\d|chatgpt|text-)/.test(id)) return 'openai';
  if (id.startsWith('claude')) return 'anthropic';
  if (id.startsWith('gemini')) return 'google';
  if (id.startsWith('command')) return 'cohere';
  if (/^(mistral|mixtral|codestral)/.test(id)) return 'mistral';
  if (id.startsWith('amazon.') || id.startsWith('anthropic.')) return 'aws';
  return 'openai';
}

/** The prompt at an invocation: the chain's templates, then the input (a string, messages or a variables object). */
function inputSegments(input: Value | undefined, templates: Value[]): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const template of templates) segments.push(...templateSegments(template));
  if (templates.length > 0) return segments;
  if (!input) return [{ role: 'user', parts: [{ hole: 'input' }] }];
  if (input.kind === 'text') return [{ role: 'user', parts: input.parts }];
  if (input.kind === 'array') {
    for (const item of input.items) {
      if (item.kind === 'array' && item.items.length === 2) segments.push({ role: roleOf(asString(item.items[0])), parts: fStringParts(collectText(item.items[1])) });
      else if (item.kind === 'instance' && /Message$/.test(item.className)) segments.push({ role: roleOf(item.className.replace(/Message$/, '').toLowerCase()), parts: collectText(prop(item.args[0], 'content') ?? item.args[0]) });
      else segments.push(...messagesToSegments({ kind: 'array', items: [item], origin: item.origin }));
    }
    if (input.opaqueSpread) segments.push({ role: 'user', parts: [{ hole: '...messages' }] });
    return segments;
  }
  return [{ role: 'user', parts: [{ hole: input.kind === 'unknown' ? input.expr : 'input' }] }];
}

/** `ChatPromptTemplate.fromMessages([['system', text], ['human', '{input}']])`, `PromptTemplate.fromTemplate(text)`. */
function templateSegments(template: Value): PromptSegment[] {
  if (template.kind !== 'moduleCall') return [];
  const first = template.args[0];
  const method = template.path[template.path.length - 1];
  if (method === 'fromMessages' && first?.kind === 'array') {
    return first.items.map((item) => {
      if (item.kind === 'array') return { role: roleOf(asString(item.items[0])), parts: fStringParts(collectText(item.items[1])) };
      if (item.kind === 'moduleCall') return { role: roleOf(item.name.replace(/MessagePromptTemplate$/, '').toLowerCase()), parts: fStringParts(collectText(item.args[0])) };
      return { role: 'user', parts: [{ hole: 'message' }] };
    });
  }
  return [{ role: 'user', parts: fStringParts(collectText(first)) }];
}

function roleOf(name: string | undefined): PromptSegment['role'] {
  switch (name) {
    case 'system':
      return 'system';
    case 'ai':
    case 'assistant':
      return 'assistant';
    default:
      return 'user';
  }
}

/** LangChain templates are f-strings: `{name}` is a variable, `{{` and `}}` are literal braces. */
function fStringParts(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const match of part.matchAll(/\{\{|\}\}|\{([A-Za-z_][\w.]*)\}/g)) {
      if (match[1] === undefined) continue;
      if (match.index > last) out.push(part.slice(last, match.index).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
      out.push({ hole: match[1] });
      last = match.index + match[0].length;
    }
    if (last < part.length) out.push(part.slice(last).replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
  }
  return out;
}

