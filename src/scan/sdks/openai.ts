// https://github.com/openai/openai-node (v3 `OpenAIApi` through v5+ `chat.completions`, `responses`, `embeddings`)
import type { CallSiteDraft, PromptSegment } from '../call-site.js';
import { baseUrlOf, matchClient, maxRetriesOf, noteUnresolved } from '../client.js';
import { endsWith, type Detector } from '../detector.js';
import { messagesToSegments } from '../messages.js';
import { valueAsJsonText } from '../prompt-text.js';
import { providerFromBaseUrl } from '../providers.js';
import { asNumber, collectText, firstProp, originFiles, prop, type Value } from '../value.js';

const PACKAGES = ['openai', 'openai-edge'] as const;

interface Surface {
  tail: string[];
  operation: CallSiteDraft['operation'];
  api: 'chat' | 'responses' | 'embeddings' | 'completions';
}

// Longest first, so `beta.chat.completions.parse` wins over `chat.completions.parse`.
const SURFACES: Surface[] = [
  ...['create', 'parse', 'stream', 'runTools'].map((m) => ({ tail: ['beta', 'chat', 'completions', m], operation: 'chat' as const, api: 'chat' as const })),
  ...['create', 'parse', 'stream', 'runTools'].map((m) => ({ tail: ['chat', 'completions', m], operation: 'chat' as const, api: 'chat' as const })),
  ...['create', 'parse', 'stream'].map((m) => ({ tail: ['responses', m], operation: 'chat' as const, api: 'responses' as const })),
  { tail: ['embeddings', 'create'], operation: 'embedding', api: 'embeddings' },
  { tail: ['completions', 'create'], operation: 'completion', api: 'completions' },
  { tail: ['createChatCompletion'], operation: 'chat', api: 'chat' },
  { tail: ['createCompletion'], operation: 'completion', api: 'completions' },
  { tail: ['createEmbedding'], operation: 'embedding', api: 'embeddings' },
];

const OUTPUT_CAPS: Record<Surface['api'], string[]> = {
  chat: ['max_completion_tokens', 'max_tokens'],
  responses: ['max_output_tokens'],
  completions: ['max_tokens'],
  embeddings: [],
};

export const openaiDetector = {
  family: 'openai',
  docs: 'https://github.com/openai/openai-node/blob/master/api.md',
  packages: PACKAGES,
  keywords: ['openai'],
  methods: ['create', 'parse', 'stream', 'runTools', 'createChatCompletion', 'createCompletion', 'createEmbedding'],
  detect(call, chain, ctx) {
    const surface = SURFACES.find((s) => endsWith(chain.names, s.tail));
    if (!surface) return undefined;
    // `completions.create` is also the tail of `chat.completions.create` on an unknown receiver; the longer
    // surfaces come first, so reaching here with `chat` before it cannot happen.
    const client = matchClient(chain, surface.tail.length, ctx, PACKAGES);
    if (!client) return undefined;
    const origin = ctx.origin(call);
    const bodyNode = call.arguments[0];
    const body = bodyNode ? ctx.resolve(bodyNode) : undefined;
    const requestOptions = call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined;
    const unresolved: CallSiteDraft['unresolved'] = [];
    if (body && body.kind !== 'object') unresolved.push({ what: 'params', expr: bodyNode!.getText().slice(0, 80), reason: 'request body built at run time', origin });

    const options = clientOptions(client.instance);
    const isAzure = client.instance?.className === 'AzureOpenAI';
    const deployment = isAzure ? prop(options, 'deployment') : undefined;
    const model = deployment ?? prop(body, 'model');
    noteUnresolved('model', model, unresolved, { expr: 'model', origin });

    const { url, expr: urlExpr } = baseUrlOf(options);
    const provider = isAzure ? 'azure' : url ? (providerFromBaseUrl(url) ?? 'openai-compatible') : 'openai';
    if (urlExpr) unresolved.push({ what: 'provider', expr: urlExpr, reason: 'client base URL known only at run time; priced as OpenAI', origin });

    const cap = firstProp(body, OUTPUT_CAPS[surface.api]);
    const prompt = promptOf(surface.api, body);
    const tools = prop(body, 'tools') ?? prop(body, 'functions');
    const dependencies = new Set<string>();
    for (const v of [model, cap?.value, prop(body, 'messages'), prop(body, 'input'), prop(body, 'instructions'), prop(body, 'prompt'), tools]) originFiles(v, dependencies);
    const retries = maxRetriesOf(options, requestOptions);
    const choices = asNumber(prop(body, 'n'));

    return {
      sdk: 'openai',
      // `beta.chat.completions.parse` (v4) and `chat.completions.parse` (v5) are one surface: one id across the move.
      method: `openai.${surface.tail.filter((name) => name !== 'beta').join('.')}`,
      operation: surface.operation,
      origin,
      model,
      provider,
      ...(url ? { providerEvidence: `baseURL ${url}` } : {}),
      maxOutputTokens: cap?.value,
      prompt,
      tools: tools ? valueAsJsonText(tools) : [],
      explicitCaching: false,
      batch: false,
      ...(choices !== undefined ? { choices } : {}),
      ...(retries !== undefined ? { maxRetries: retries } : {}),
      dependencies,
      unresolved,
      ...(isAzure || provider === 'azure' ? { modelIsDeployment: true } : {}),
    };
  },
} satisfies Detector;

function clientOptions(instance: Extract<Value, { kind: 'instance' }> | undefined): Value | undefined {
  if (!instance) return undefined;
  // v3: `new OpenAIApi(new Configuration({ basePath }))`
  const first = instance.args[0];
  if (first?.kind === 'instance') return first.args[0];
  return first;
}

function promptOf(api: Surface['api'], body: Value | undefined): PromptSegment[] {
  switch (api) {
    case 'chat':
      return messagesToSegments(prop(body, 'messages'));
    case 'responses': {
      const segments: PromptSegment[] = [];
      const instructions = prop(body, 'instructions');
      if (instructions) segments.push({ role: 'system', parts: collectText(instructions) });
      const input = prop(body, 'input');
      if (input?.kind === 'array') segments.push(...messagesToSegments(input));
      else if (input) segments.push({ role: 'user', parts: collectText(input) });
      return segments;
    }
    case 'completions':
      return [{ role: 'user', parts: collectText(prop(body, 'prompt')) }];
    case 'embeddings': {
      return [{ role: 'input', parts: collectText(prop(body, 'input')) }];
    }
  }
}
