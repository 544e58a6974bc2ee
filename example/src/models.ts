/** The models each feature uses: one place to change them. */
export const MODELS = {
  reply: 'gpt-4.1',
  summary: 'claude-haiku-4-5',
  embedding: 'text-embedding-3-small',
} as const;
