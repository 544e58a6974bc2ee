import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MODELS } from './models';

const openai = new OpenAI();
const template = readFileSync(path.join(__dirname, '../prompts/support-reply.md'), 'utf8');

/** Drafts an answer to a support question from the retrieved articles. */
export async function draftReply(question: string, articles: string[]) {
  const prompt = template.replace('{{articles}}', articles.join('\n\n')).replace('{{question}}', question);
  const completion = await openai.chat.completions.create({
    model: process.env.REPLY_MODEL ?? MODELS.reply,
    max_completion_tokens: 600,
    messages: [{ role: 'user', content: prompt }],
  });
  return completion.choices[0]?.message.content ?? '';
}
