import Anthropic from '@anthropic-ai/sdk';
import { MODELS } from './models';

const anthropic = new Anthropic();

const SYSTEM = `You summarise support conversations for the next agent who picks up the ticket.
Write three bullet points: what the customer wants, what was tried, and what is still open.`;

/** Summarises a closed conversation for the ticket history. */
export async function summariseConversation(transcript: string) {
  const message = await anthropic.messages.create({
    model: MODELS.summary,
    max_tokens: 300,
    system: SYSTEM,
    messages: [{ role: 'user', content: transcript }],
  });
  return message.content;
}
