// https://github.com/anthropics/anthropic-sdk-typescript (messages, beta.messages, message batches; Bedrock and Vertex clients)
import { cachePlacementOf } from '../cache-placement.js';
import type { CallSiteDraft, PromptSegment } from '../call-site.js';
import { baseUrlOf, matchClient, maxRetriesOf, noteUnresolved } from '../client.js';
import { endsWith, type Detector } from '../detector.js';
import { asksOneHourCache, contentParts, hasCacheControl, messagesToSegments } from '../messages.js';
import { valueAsJsonText } from '../prompt-text.js';
import { providerFromBaseUrl } from '../providers.js';
import { collectText, originFiles, prop, type Value } from '../value.js';

const PACKAGES = ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk', '@anthropic-ai/foundry-sdk'] as const;

/** The cloud a client class bills through. */
const CLIENT_PROVIDERS: Record<string, string> = {
  '@anthropic-ai/bedrock-sdk': 'aws',
  '@anthropic-ai/vertex-sdk': 'google',
  '@anthropic-ai/foundry-sdk': 'azure',
};

interface Surface {
  tail: string[];
  operation: CallSiteDraft['operation'];
  batch?: boolean;
  legacy?: boolean;
}

const SURFACES: Surface[] = [
  { tail: ['messages', 'batches', 'create'], operation: 'chat', batch: true },
  ...['create', 'stream', 'parse', 'toolRunner'].map((m) => ({ tail: ['messages', m], operation: 'chat' as const })),
  { tail: ['completions', 'create'], operation: 'completion', legacy: true },
];

export const anthropicDetector = {
  family: 'anthropic',
  docs: 'https://github.com/anthropics/anthropic-sdk-typescript/blob/main/api.md',
  packages: PACKAGES,
  keywords: ['anthropic'],
  methods: ['create', 'stream', 'parse', 'toolRunner'],
  detect(call, chain, ctx) {
    const surface = SURFACES.find((s) => endsWith(chain.names, s.tail));
    if (!surface) return undefined;
    // `beta.messages.create` and the 2024 `beta.promptCaching.messages.create` are the same call to the bill.
    const namespaceLength = countNamespace(chain.names, surface.tail.length);
    const client = matchClient(chain, surface.tail.length + namespaceLength, ctx, PACKAGES);
    if (!client) return undefined;
    const origin = ctx.origin(call);
    const argNode = call.arguments[0];
    const arg = argNode ? ctx.resolve(argNode) : undefined;
    const requestOptions = call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined;
    // A batch sends many requests; the first one's params stand for all (traffic counts the requests).
    const body = surface.batch ? firstBatchParams(arg) : arg;
    const unresolved: CallSiteDraft['unresolved'] = [];
    if (body && body.kind !== 'object') unresolved.push({ what: 'params', expr: argNode!.getText().slice(0, 80), reason: 'request built at run time', origin });

    const options = client.instance?.args[0];
    const model = prop(body, 'model');
    noteUnresolved('model', model, unresolved, { expr: 'model', origin });
    const clientProvider = client.instance ? CLIENT_PROVIDERS[client.instance.module] : undefined;
    const { url } = baseUrlOf(options, ['baseURL']);
    const provider = clientProvider ?? (url ? (providerFromBaseUrl(url) ?? 'anthropic') : 'anthropic');

    const cap = surface.legacy ? prop(body, 'max_tokens_to_sample') : prop(body, 'max_tokens');
    const tools = prop(body, 'tools');
    const prompt = surface.legacy ? [{ role: 'user' as const, parts: collectText(prop(body, 'prompt')) }] : promptOf(body);
    if (prop(body, 'cache_control') !== undefined && prompt.length > 0) prompt[prompt.length - 1] = { ...prompt[prompt.length - 1]!, cacheBreakpoint: true };
    // Breakpoints placed by code (a `.map` over the conversation, an assignment to `messages[i]`) count as much as literal ones.
    const cachePlacement = cachePlacementOf(call, surface.batch ? undefined : argNode, { tools: 'tools', system: 'system', messages: 'messages' }, { tools, prompt });
    const explicitCaching = prop(body, 'cache_control') !== undefined || prompt.some((s) => s.cacheBreakpoint) || hasCacheControl(tools) || cachePlacement !== undefined;
    const dependencies = new Set<string>();
    for (const v of [model, cap, prop(body, 'system'), prop(body, 'messages'), tools]) originFiles(v, dependencies);
    const retries = maxRetriesOf(options, requestOptions);

    return {
      sdk: 'anthropic',
      // The namespace is left out so a move to `beta.messages.create` keeps the site's id (and is no change).
      method: `anthropic.${surface.tail.join('.')}`,
      operation: surface.operation,
      origin,
      model,
      provider,
      ...(url ? { providerEvidence: `baseURL ${url}` } : {}),
      maxOutputTokens: cap,
      prompt,
      tools: tools ? valueAsJsonText(tools) : [],
      explicitCaching,
      ...(explicitCaching && asksOneHourCache(body) ? { cacheTtl: '1h' as const } : {}),
      ...(cachePlacement ? { cachePlacement } : {}),
      batch: surface.batch === true,
      ...(retries !== undefined ? { maxRetries: retries } : {}),
      dependencies,
      unresolved,
    };
  },
} satisfies Detector;

/** How many namespace names (`beta`, `promptCaching`) sit between the client and the surface. */
function countNamespace(names: readonly string[], tailLength: number): number {
  let count = 0;
  for (let i = names.length - tailLength - 1; i >= 1 && (names[i] === 'beta' || names[i] === 'promptCaching'); i--) count++;
  return count;
}

function firstBatchParams(arg: Value | undefined): Value | undefined {
  const requests = prop(arg, 'requests');
  const first = requests?.kind === 'array' ? requests.items[0] : undefined;
  return prop(first, 'params') ?? first;
}

function promptOf(body: Value | undefined): PromptSegment[] {
  const segments: PromptSegment[] = [];
  const system = prop(body, 'system');
  if (system?.kind === 'array') {
    // System as text blocks: each block may end a cached prefix.
    for (const block of system.items) {
      segments.push({ role: 'system', parts: contentParts(prop(block, 'text') ?? block), ...(hasCacheControl(block) ? { cacheBreakpoint: true } : {}) });
    }
  } else if (system) segments.push({ role: 'system', parts: collectText(system) });
  segments.push(...messagesToSegments(prop(body, 'messages')));
  return segments;
}
