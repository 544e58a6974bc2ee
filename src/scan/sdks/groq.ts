// https://github.com/groq/groq-typescript (`groq-sdk`: OpenAI-shaped chat.completions.create, embeddings.create)
import { chatBodySite } from '../chat-body.js';
import { maxRetriesOf, matchClient } from '../client.js';
import { endsWith, type Detector } from '../detector.js';
import { messagesToSegments } from '../messages.js';
import { collectText, prop } from '../value.js';

const PACKAGES = ['groq-sdk'] as const;

export const groqDetector = {
  family: 'groq',
  docs: 'https://console.groq.com/docs/libraries',
  packages: PACKAGES,
  keywords: ['groq-sdk'],
  methods: ['create'],
  detect(call, chain, ctx) {
    const chat = endsWith(chain.names, ['chat', 'completions', 'create']);
    if (!chat && !endsWith(chain.names, ['embeddings', 'create'])) return undefined;
    const client = matchClient(chain, chat ? 3 : 2, ctx, PACKAGES);
    if (!client) return undefined;
    const bodyNode = call.arguments[0];
    const body = bodyNode ? ctx.resolve(bodyNode) : undefined;
    const retries = maxRetriesOf(client.instance?.args[0], call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined);
    return chatBodySite({
      sdk: 'groq',
      method: chat ? 'groq.chat.completions.create' : 'groq.embeddings.create',
      operation: chat ? 'chat' : 'embedding',
      origin: ctx.origin(call),
      body,
      bodyNode,
      provider: 'groq',
      capNames: ['max_completion_tokens', 'max_tokens'],
      prompt: chat ? messagesToSegments(prop(body, 'messages')) : [{ role: 'input', parts: collectText(prop(body, 'input')) }],
      ...(retries !== undefined ? { maxRetries: retries } : {}),
      choicesName: 'n',
    });
  },
} satisfies Detector;
