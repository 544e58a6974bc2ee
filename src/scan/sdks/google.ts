// https://googleapis.github.io/js-genai/ (`@google/genai`: models.generateContent / generateContentStream /
// embedContent, chats.create + sendMessage) and https://github.com/google-gemini/generative-ai-js (legacy
// `@google/generative-ai`: getGenerativeModel, generateContent, startChat + sendMessage)
//
// A chat or a legacy model object carries model and config; the call that bills is `sendMessage` /
// `generateContent` on it. When that call can be followed back to the object in the same file, it is the site;
// an object whose calls are out of sight (returned, stored elsewhere) is a site where it is made.
import { ts } from 'ts-morph';
import type { CallSiteDraft, DetectContext, PromptSegment, Unresolved } from '../call-site.js';
import { matchClient, noteUnresolved } from '../client.js';
import type { CalleeChain, Detector } from '../detector.js';
import { assignedExpression, reachedInFile, unwrap } from '../follow.js';
import { messagesToSegments } from '../messages.js';
import { valueAsJsonText } from '../prompt-text.js';
import { reasoningIn } from '../reasoning.js';
import { asNumber, collectText, originFiles, prop, type Origin, type Value } from '../value.js';

const GENAI = '@google/genai';
const LEGACY = '@google/generative-ai';
const PACKAGES = [GENAI, LEGACY, '@google-cloud/vertexai'] as const;

const REQUESTS = ['generateContent', 'generateContentStream', 'embedContent', 'batchEmbedContents'];
const CHAT_SENDS = ['sendMessage', 'sendMessageStream'];

/** Where model and settings come from: an object made by `getGenerativeModel`, `startChat` or `chats.create`. */
interface Maker {
  kind: 'model' | 'chat';
  /** `getGenerativeModel({...})` / `chats.create({...})` params. */
  params: Value | undefined;
  /** `startChat({...})` params, on top of the model's. */
  chatParams?: Value;
  origin: Origin;
}

export const googleDetector = {
  family: 'google',
  docs: 'https://googleapis.github.io/js-genai/',
  packages: PACKAGES,
  keywords: ['@google/genai', '@google/generative-ai', '@google-cloud/vertexai'],
  methods: [...REQUESTS, ...CHAT_SENDS, 'create', 'getGenerativeModel', 'startChat'],
  detect(call: ts.CallExpression, chain: CalleeChain, ctx: DetectContext) {
    const method = chain.names[chain.names.length - 1]!;
    if (!PACKAGES.some((p) => ctx.packages.has(p))) return undefined;
    const origin = ctx.origin(call);
    const request = call.arguments[0] ? ctx.resolve(call.arguments[0]) : undefined;

    // The object makers: a site only when nothing in this file sends through them.
    if (method === 'create' || method === 'getGenerativeModel' || method === 'startChat') {
      const maker = makerOf(call, ctx);
      if (!maker || followedInFile(ctx).has(`${maker.origin.line}`)) return undefined;
      return siteOf(method === 'create' ? 'google.chats.create' : `google.${method}`, 'chat', maker, undefined, origin);
    }

    // `ai.models.generateContent({ model, contents, config })`, also through wrappers that take the same request.
    if (REQUESTS.includes(method) && chain.names[chain.names.length - 2] === 'models') {
      if (!matchClient(chain, 2, ctx, [GENAI])) return undefined;
      return requestSite(method, request, call, origin);
    }
    const receiver = chain.nodes[chain.nodes.length - 2];
    const maker = receiver ? makerOf(unwrap(receiver), ctx) ?? followMaker(receiver, ctx) : undefined;
    if (maker) {
      if (maker.origin.file !== ctx.file) return undefined;
      return siteOf(`google.${maker.kind === 'chat' ? 'chat.' : ''}${method}`, method.startsWith('embed') || method.startsWith('batchEmbed') ? 'embedding' : 'chat', maker, request, origin);
    }
    // A content generator handed around as an interface (`this.contentGenerator.generateContent(req)`): the
    // request has the `@google/genai` shape, so it is a call when the file uses that SDK.
    if (REQUESTS.includes(method) && ctx.packages.has(GENAI) && prop(request, 'model') !== undefined && prop(request, 'contents') !== undefined) {
      return requestSite(method, request, call, origin);
    }
    return undefined;
  },
} satisfies Detector;

function requestSite(method: string, request: Value | undefined, call: ts.CallExpression, origin: Origin): CallSiteDraft {
  const maker: Maker = { kind: 'model', params: request, origin };
  const site = siteOf(`google.models.${method}`, method.startsWith('embed') ? 'embedding' : 'chat', maker, request, origin);
  if (request && request.kind !== 'object') site.unresolved.push({ what: 'params', expr: call.arguments[0]!.getText().slice(0, 80), reason: 'request built at run time', origin });
  return site;
}

/** The maker a call expression is: `x.getGenerativeModel({...})`, `x.chats.create({...})`, `model.startChat({...})`. */
function makerOf(expr: ts.Expression, ctx: DetectContext, depth = 0): Maker | undefined {
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression) || depth > 6) return undefined;
  const name = expr.expression.name.text;
  const params = expr.arguments[0] ? ctx.resolve(expr.arguments[0]) : undefined;
  const origin = ctx.origin(expr);
  if (name === 'getGenerativeModel') return { kind: 'model', params, origin };
  if (name === 'create' && ts.isPropertyAccessExpression(expr.expression.expression) && expr.expression.expression.name.text === 'chats') return { kind: 'chat', params, origin };
  if (name === 'startChat') {
    // Only the legacy SDK's `model.startChat()`: the receiver must lead back to `getGenerativeModel` (a local
    // `startChat` method of the application's own client class is not a call).
    const model = followMaker(expr.expression.expression, ctx, depth + 1);
    return model ? { kind: 'chat', params: model.params, chatParams: params, origin } : undefined;
  }
  return undefined;
}

function followMaker(expr: ts.Expression, ctx: DetectContext, depth = 0): Maker | undefined {
  const direct = makerOf(unwrap(expr), ctx, depth);
  if (direct) return direct;
  const assigned = assignedExpression(expr);
  return assigned && depth < 6 ? followMaker(assigned, ctx, depth + 1) : undefined;
}

/** Lines of makers in this file that a request or send in this file is followed to. */
function followedInFile(ctx: DetectContext): Set<string> {
  return reachedInFile('google', ctx, [...REQUESTS, ...CHAT_SENDS], (receiver) => {
    const lines: string[] = [];
    const maker = followMaker(receiver, ctx);
    if (maker) lines.push(`${maker.origin.line}`);
    // A chat made from a model object: the model's maker is reached too.
    const unwrapped = unwrap(receiver);
    const made = assignedExpression(unwrapped) ?? unwrapped;
    if (ts.isCallExpression(made) && ts.isPropertyAccessExpression(made.expression) && made.expression.name.text === 'startChat') {
      const model = followMaker(made.expression.expression, ctx);
      if (model) lines.push(`${model.origin.line}`);
    }
    return lines;
  });
}

function siteOf(method: string, operation: CallSiteDraft['operation'], maker: Maker, request: Value | undefined, origin: Origin): CallSiteDraft {
  const unresolved: Unresolved[] = [];
  const params = maker.params;
  const model = prop(params, 'model');
  noteUnresolved('model', model, unresolved, { expr: 'model', origin: maker.origin });
  // `@google/genai` puts settings in `config`; the legacy SDK in `generationConfig` (on the model or the request).
  const config = prop(params, 'config');
  const requestConfig = prop(request, 'config') ?? prop(request, 'generationConfig');
  const generation = prop(maker.chatParams, 'generationConfig') ?? prop(params, 'generationConfig');
  const setting = (name: string): Value | undefined => prop(requestConfig, name) ?? prop(generation, name) ?? prop(config, name);
  const cap = setting('maxOutputTokens');
  const system = prop(config, 'systemInstruction') ?? prop(params, 'systemInstruction') ?? prop(requestConfig, 'systemInstruction');
  const prompt: PromptSegment[] = [];
  if (system) prompt.push({ role: 'system', parts: collectText(prop(system, 'parts') ?? system) });
  const history = prop(maker.chatParams, 'history') ?? prop(params, 'history');
  if (history) prompt.push(...messagesToSegments(history));
  prompt.push(...inputOf(operation, request === params ? prop(request, 'contents') : request, maker.kind === 'chat'));
  const tools = prop(config, 'tools') ?? prop(params, 'tools');
  const candidates = asNumber(setting('candidateCount'));
  const cached = prop(config, 'cachedContent') ?? prop(params, 'cachedContent') ?? prop(requestConfig, 'cachedContent');
  const dependencies = new Set<string>();
  for (const v of [model, cap, system, history, request]) originFiles(v, dependencies);
  if (cached && prompt[0]) prompt[0] = { ...prompt[0], cacheBreakpoint: true };
  // `thinkingConfig` sits in whichever settings object the chat or model was made with, not only in the request.
  const reasoning = reasoningIn(requestConfig) ?? reasoningIn(prop(maker.chatParams, 'generationConfig')) ?? reasoningIn(prop(params, 'generationConfig')) ?? reasoningIn(config);
  return {
    sdk: 'google',
    method,
    operation,
    origin,
    model,
    provider: 'google',
    maxOutputTokens: cap,
    prompt,
    tools: tools ? valueAsJsonText(tools) : [],
    explicitCaching: cached !== undefined,
    batch: false,
    ...(candidates !== undefined ? { choices: candidates } : {}),
    ...(reasoning ? { reasoning } : {}),
    dependencies,
    unresolved,
  };
}

/** What a request sends: `contents` (a string, parts or turns), a chat `message`, or the legacy positional prompt. */
function inputOf(operation: CallSiteDraft['operation'], input: Value | undefined, isChat: boolean): PromptSegment[] {
  if (input === undefined) return [{ role: operation === 'embedding' ? 'input' : 'user', parts: [{ hole: isChat ? 'message' : 'contents' }] }];
  if (input.kind === 'object' && (input.props.has('message') || input.props.has('contents'))) return inputOf(operation, prop(input, 'message') ?? prop(input, 'contents'), isChat);
  if (input.kind === 'array' && input.items.some((item) => prop(item, 'role') !== undefined)) return messagesToSegments(input);
  if (input.kind === 'array') return [{ role: operation === 'embedding' ? 'input' : 'user', parts: input.items.flatMap((item) => collectText(prop(item, 'text') ?? item)) }];
  return [{ role: operation === 'embedding' ? 'input' : 'user', parts: collectText(prop(input, 'text') ?? input) }];
}
