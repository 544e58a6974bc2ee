// https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/bedrock-runtime/ (ConverseCommand,
// ConverseStreamCommand, InvokeModelCommand with vendor bodies, the aggregated BedrockRuntime client)
//
// The site is the command's construction (`new ConverseCommand(input)`): everything that prices the call is in
// its input, and `client.send(cmd)` carries nothing more. The aggregated client's `converse({...})` is a site too.
import type { ts } from 'ts-morph';
import type { CallSiteDraft, DetectContext, PromptSegment, Unresolved } from '../call-site.js';
import { matchClient, noteUnresolved } from '../client.js';
import type { CalleeChain, Detector } from '../detector.js';
import { contentParts, hasCacheControl, messagesToSegments } from '../messages.js';
import { valueAsJsonText } from '../prompt-text.js';
import { reasoningIn } from '../reasoning.js';
import { asNumber, asString, collectText, firstProp, originFiles, prop, type Origin, type Value } from '../value.js';

const PACKAGE = '@aws-sdk/client-bedrock-runtime';

const COMMANDS: Record<string, { api: 'converse' | 'invoke'; method: string }> = {
  ConverseCommand: { api: 'converse', method: 'ConverseCommand' },
  ConverseStreamCommand: { api: 'converse', method: 'ConverseStreamCommand' },
  InvokeModelCommand: { api: 'invoke', method: 'InvokeModelCommand' },
  InvokeModelWithResponseStreamCommand: { api: 'invoke', method: 'InvokeModelWithResponseStreamCommand' },
};
const CLIENT_METHODS: Record<string, 'converse' | 'invoke'> = {
  converse: 'converse',
  converseStream: 'converse',
  invokeModel: 'invoke',
  invokeModelWithResponseStream: 'invoke',
};

export const bedrockDetector = {
  family: 'bedrock',
  docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/bedrock-runtime/',
  packages: [PACKAGE],
  keywords: ['client-bedrock-runtime'],
  methods: Object.keys(CLIENT_METHODS),
  constructors: Object.keys(COMMANDS),
  detect(call: ts.CallExpression, chain: CalleeChain, ctx: DetectContext) {
    const method = chain.names[chain.names.length - 1]!;
    const api = CLIENT_METHODS[method];
    if (!api || chain.names.length < 2) return undefined;
    const client = matchClient(chain, 1, ctx, [PACKAGE]);
    // Only the aggregated `new BedrockRuntime()` client has these methods; an unresolved receiver in a file that
    // imports the runtime client package is accepted.
    if (!client || (client.instance && client.instance.className !== 'BedrockRuntime')) return undefined;
    const input = call.arguments[0] ? ctx.resolve(call.arguments[0]) : undefined;
    return siteOf(`bedrock.${method}`, api, input, call.arguments[0], ctx.origin(call), client.options);
  },
  detectNew(node: ts.NewExpression, className: string, ctx: DetectContext) {
    const target = ctx.resolve(node.expression);
    if (target.kind !== 'module' || target.module !== PACKAGE) return undefined;
    const command = COMMANDS[className];
    if (!command) return undefined;
    const input = node.arguments?.[0] ? ctx.resolve(node.arguments[0]) : undefined;
    return siteOf(`bedrock.${command.method}`, command.api, input, node.arguments?.[0], ctx.origin(node), undefined);
  },
} satisfies Detector;

function siteOf(method: string, api: 'converse' | 'invoke', input: Value | undefined, inputNode: ts.Node | undefined, origin: Origin, clientOptions: Value | undefined): CallSiteDraft {
  const unresolved: Unresolved[] = [];
  if (input && input.kind !== 'object') unresolved.push({ what: 'params', expr: inputNode!.getText().slice(0, 80), reason: 'command input built at run time', origin });
  const model = prop(input, 'modelId');
  noteUnresolved('model', model, unresolved, { expr: 'modelId', origin });
  const body = api === 'invoke' ? vendorBody(prop(input, 'body')) : input;
  if (api === 'invoke' && !body) unresolved.push({ what: 'params', expr: 'body', reason: 'request body built at run time', origin });
  const request = api === 'converse' ? converseRequest(input) : invokeRequest(body, asString(model));
  const dependencies = new Set<string>();
  for (const v of [model, request.cap, prop(input, 'messages'), prop(input, 'system'), prop(input, 'body')]) originFiles(v, dependencies);
  // A vendor body is JSON text the scanner's common reading does not open: its `thinking` is read here.
  const reasoning = api === 'invoke' ? reasoningIn(body) : undefined;
  const attempts = asNumber(prop(clientOptions, 'maxAttempts'));
  const embedding = /embed/i.test(asString(model) ?? '');
  return {
    sdk: 'bedrock',
    method,
    operation: embedding ? 'embedding' : 'chat',
    origin,
    model,
    provider: 'aws',
    maxOutputTokens: request.cap,
    prompt: request.prompt,
    tools: request.tools ? valueAsJsonText(request.tools) : [],
    explicitCaching: request.prompt.some((s) => s.cacheBreakpoint) || hasCacheControl(request.tools),
    batch: false,
    ...(attempts !== undefined ? { maxRetries: Math.max(0, attempts - 1) } : {}),
    ...(reasoning ? { reasoning } : {}),
    dependencies,
    unresolved,
  };
}

interface Request {
  cap: Value | undefined;
  prompt: PromptSegment[];
  tools?: Value;
}

/** Converse: `system` blocks (text or `cachePoint`), `messages` with content blocks, `inferenceConfig.maxTokens`. */
function converseRequest(input: Value | undefined): Request {
  const prompt = blocksToSegments(prop(input, 'system'), 'system');
  prompt.push(...messagesToSegments(prop(input, 'messages')));
  return { cap: prop(input, 'inferenceConfig', 'maxTokens'), prompt, tools: prop(input, 'toolConfig', 'tools') };
}

/** A list of blocks where `{ cachePoint }` ends the cached prefix at the block before it. */
function blocksToSegments(blocks: Value | undefined, role: PromptSegment['role']): PromptSegment[] {
  if (!blocks) return [];
  if (blocks.kind !== 'array') return [{ role, parts: collectText(blocks) }];
  const segments: PromptSegment[] = [];
  for (const block of blocks.items) {
    if (prop(block, 'cachePoint') !== undefined || prop(block, 'cache_control') !== undefined) {
      const last = segments[segments.length - 1];
      if (last) segments[segments.length - 1] = { ...last, cacheBreakpoint: true };
      if (prop(block, 'text') === undefined) continue;
    }
    segments.push({ role, parts: contentParts(prop(block, 'text') ?? block) });
  }
  return segments;
}

/** The JSON body of InvokeModel, when it is written in code (`JSON.stringify({...})`). */
function vendorBody(body: Value | undefined): Value | undefined {
  if (!body) return undefined;
  if (body.kind === 'object') return body;
  if (body.kind === 'text' && body.json?.kind === 'object') return body.json;
  return undefined;
}

/**
 * InvokeModel bodies differ by vendor: Anthropic messages (`max_tokens`, `system`, `messages`), Claude v2 text
 * (`prompt`, `max_tokens_to_sample`), Titan (`inputText`, `textGenerationConfig.maxTokenCount`), Llama
 * (`prompt`, `max_gen_len`), Mistral and Cohere (`prompt`/`message`, `max_tokens`), Nova (`messages-v1`,
 * `inferenceConfig.max_new_tokens`).
 */
function invokeRequest(body: Value | undefined, modelId: string | undefined): Request {
  if (!body) return { cap: undefined, prompt: [{ role: 'user', parts: [{ hole: 'body' }] }] };
  const vendor = (modelId ?? '').replace(/^arn:.*\//, '').replace(/^(us|eu|apac|global|us-gov)\./, '').split('.')[0];
  if (vendor === 'amazon' && prop(body, 'inputText') !== undefined) {
    return { cap: prop(body, 'textGenerationConfig', 'maxTokenCount'), prompt: [{ role: 'user', parts: collectText(prop(body, 'inputText')) }] };
  }
  if (prop(body, 'messages') !== undefined) {
    // Anthropic messages and Nova messages-v1: a system string or blocks, then messages.
    const system = prop(body, 'system');
    const prompt = system?.kind === 'array' ? blocksToSegments(system, 'system') : system ? [{ role: 'system' as const, parts: collectText(system) }] : [];
    prompt.push(...messagesToSegments(prop(body, 'messages')));
    const cap = firstProp(body, ['max_tokens', 'max_new_tokens'])?.value ?? prop(body, 'inferenceConfig', 'max_new_tokens') ?? prop(body, 'inferenceConfig', 'maxTokens');
    return { cap, prompt, tools: prop(body, 'tools') };
  }
  const text = prop(body, 'prompt') ?? prop(body, 'message') ?? prop(body, 'inputText');
  const cap = firstProp(body, ['max_tokens_to_sample', 'max_gen_len', 'max_tokens', 'maxTokens'])?.value ?? prop(body, 'textGenerationConfig', 'maxTokenCount');
  return { cap, prompt: [{ role: 'user', parts: collectText(text) }] };
}
