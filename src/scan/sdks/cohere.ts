// https://github.com/cohere-ai/cohere-typescript (v1 `CohereClient`: chat, chatStream, generate, embed with
// `preamble` and `chatHistory`; v2 `CohereClientV2`: chat with `messages`; the 5.x-era default export `cohere.generate`)
import type { PromptSegment } from '../call-site.js';
import { chatBodySite } from '../chat-body.js';
import { matchClient } from '../client.js';
import type { Detector } from '../detector.js';
import { messagesToSegments } from '../messages.js';
import { collectText, prop, type Value } from '../value.js';

const PACKAGES = ['cohere-ai'] as const;

const METHODS: Record<string, 'chat' | 'completion' | 'embedding'> = {
  chat: 'chat',
  chatStream: 'chat',
  generate: 'completion',
  generateStream: 'completion',
  embed: 'embedding',
};

/** The v1 chat API's default model when the request names none. */
const V1_CHAT_DEFAULT_MODEL = 'command-r-plus';

export const cohereDetector = {
  family: 'cohere',
  docs: 'https://docs.cohere.com/reference/chat',
  packages: PACKAGES,
  keywords: ['cohere-ai'],
  methods: Object.keys(METHODS),
  detect(call, chain, ctx) {
    const method = chain.names[chain.names.length - 1]!;
    const operation = METHODS[method];
    if (!operation || chain.names.length < 2) return undefined;
    const client = matchClient(chain, 1, ctx, PACKAGES);
    if (!client) return undefined;
    const v2 = client.instance?.className === 'CohereClientV2' || chain.names.includes('v2');
    const bodyNode = call.arguments[0];
    const body = bodyNode ? ctx.resolve(bodyNode) : undefined;
    return chatBodySite({
      sdk: 'cohere',
      method: `cohere.${v2 ? 'v2.' : ''}${method}`,
      operation,
      origin: ctx.origin(call),
      body,
      bodyNode,
      provider: 'cohere',
      capNames: ['maxTokens', 'max_tokens'],
      prompt: promptOf(operation, body),
      ...(operation === 'chat' && !v2 ? { defaultModel: V1_CHAT_DEFAULT_MODEL } : {}),
      choicesName: 'numGenerations',
    });
  },
} satisfies Detector;

function promptOf(operation: 'chat' | 'completion' | 'embedding', body: Value | undefined): PromptSegment[] {
  if (operation === 'embedding') return [{ role: 'input', parts: collectText(prop(body, 'texts') ?? prop(body, 'inputs')) }];
  if (operation === 'completion') return [{ role: 'user', parts: collectText(prop(body, 'prompt')) }];
  const messages = prop(body, 'messages');
  if (messages) return messagesToSegments(messages);
  // v1: `preamble` is the system prompt, `chatHistory` the earlier turns (`{ role: 'USER' | 'CHATBOT', message }`).
  const segments: PromptSegment[] = [];
  const preamble = prop(body, 'preamble') ?? prop(body, 'preambleOverride');
  if (preamble) segments.push({ role: 'system', parts: collectText(preamble) });
  const history = prop(body, 'chatHistory');
  if (history?.kind === 'array') {
    for (const turn of history.items) segments.push({ role: /chatbot/i.test(collectText(prop(turn, 'role')).join('')) ? 'assistant' : 'user', parts: collectText(prop(turn, 'message')) });
  } else if (history) segments.push({ role: 'user', parts: [{ hole: 'chatHistory' }] });
  const documents = prop(body, 'documents');
  if (documents) segments.push({ role: 'user', parts: documents.kind === 'array' ? documents.items.flatMap((d) => collectText(prop(d, 'text') ?? prop(d, 'snippet') ?? d)) : [{ hole: 'documents' }] });
  segments.push({ role: 'user', parts: collectText(prop(body, 'message')) });
  return segments;
}
