// https://github.com/mistralai/client-ts (v1+: `new Mistral()`, chat.complete / stream / parse, embeddings.create,
// agents.complete, fim.complete) and the legacy 0.x `MistralClient` (chat, chatStream, embeddings)
import { chatBodySite } from '../chat-body.js';
import { baseUrlOf, matchClient } from '../client.js';
import { endsWith, type Detector } from '../detector.js';
import { messagesToSegments } from '../messages.js';
import { providerFromBaseUrl } from '../providers.js';
import { collectText, prop } from '../value.js';

const PACKAGES = ['@mistralai/mistralai'] as const;

interface Surface {
  tail: string[];
  operation: 'chat' | 'completion' | 'embedding';
  legacy?: boolean;
}

const SURFACES: Surface[] = [
  ...['complete', 'stream', 'parse', 'parseStream'].map((m) => ({ tail: ['chat', m], operation: 'chat' as const })),
  ...['complete', 'stream'].map((m) => ({ tail: ['agents', m], operation: 'chat' as const })),
  ...['complete', 'stream'].map((m) => ({ tail: ['fim', m], operation: 'completion' as const })),
  { tail: ['embeddings', 'create'], operation: 'embedding' },
  { tail: ['chat'], operation: 'chat', legacy: true },
  { tail: ['chatStream'], operation: 'chat', legacy: true },
  { tail: ['embeddings'], operation: 'embedding', legacy: true },
];

export const mistralDetector = {
  family: 'mistral',
  docs: 'https://github.com/mistralai/client-ts/blob/main/README.md',
  packages: PACKAGES,
  keywords: ['@mistralai/mistralai'],
  methods: ['complete', 'stream', 'parse', 'parseStream', 'create', 'chat', 'chatStream', 'embeddings'],
  detect(call, chain, ctx) {
    const surface = SURFACES.find((s) => endsWith(chain.names, s.tail) && chain.names.length > s.tail.length);
    if (!surface) return undefined;
    const client = matchClient(chain, surface.tail.length, ctx, PACKAGES);
    if (!client) return undefined;
    // The legacy client's `chat()` is a method of `MistralClient`; on v1 `chat` is a namespace, never called.
    if (surface.legacy && client.instance && client.instance.className !== 'MistralClient' && client.instance.className !== 'default') return undefined;
    const bodyNode = call.arguments[0];
    const body = bodyNode ? ctx.resolve(bodyNode) : undefined;
    const options = client.instance?.args[0];
    const { url } = baseUrlOf(options, ['serverURL', 'serverUrl', 'endpoint']);
    const provider = url ? (providerFromBaseUrl(url) ?? 'mistral') : 'mistral';
    const prompt =
      surface.operation === 'embedding'
        ? [{ role: 'input' as const, parts: collectText(prop(body, 'inputs') ?? prop(body, 'input')) }]
        : surface.tail[0] === 'fim'
          ? [{ role: 'user' as const, parts: [...collectText(prop(body, 'prompt')), ...collectText(prop(body, 'suffix'))] }]
          : messagesToSegments(prop(body, 'messages'));
    return chatBodySite({
      sdk: 'mistral',
      method: `mistral.${surface.tail.join('.')}`,
      operation: surface.operation,
      origin: ctx.origin(call),
      body,
      bodyNode,
      provider,
      ...(url ? { providerEvidence: `serverURL ${url}` } : {}),
      capNames: ['maxTokens', 'max_tokens'],
      prompt,
    });
  },
} satisfies Detector;
