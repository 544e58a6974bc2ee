import OpenAI from 'openai';
import { MODELS } from './models';

const openai = new OpenAI();

/** Embeds a customer question to search the knowledge base. */
export async function embedQuestion(question: string) {
  const response = await openai.embeddings.create({ model: MODELS.embedding, input: question });
  return response.data[0]?.embedding ?? [];
}
