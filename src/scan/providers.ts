/**
 * Which provider bills a call made through an OpenAI-compatible client, from the client's base URL. The ids are
 * the price data's provider ids, so pricing looks the model up in the right list.
 */
const BASE_URL_PROVIDERS: Array<[RegExp, string]> = [
  [/(^|\/\/)(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)(:|\/|$)|ollama|:11434|lmstudio|:1234\//i, 'local'],
  [/openai\.azure\.com|azure-api\.net|cognitiveservices\.azure\.com|services\.ai\.azure\.com/i, 'azure'],
  [/models\.github\.ai|models\.inference\.ai\.azure\.com/i, 'github-models'],
  [/api\.groq\.com/i, 'groq'],
  [/openrouter\.ai/i, 'openrouter'],
  [/api\.perplexity\.ai/i, 'perplexity'],
  [/api\.deepseek\.com/i, 'deepseek'],
  [/api\.together\.(xyz|ai)/i, 'together'],
  [/api\.x\.ai/i, 'x-ai'],
  [/api\.mistral\.ai/i, 'mistral'],
  [/api\.fireworks\.ai/i, 'fireworks'],
  [/api\.cerebras\.ai/i, 'cerebras'],
  [/generativelanguage\.googleapis\.com|aiplatform\.googleapis\.com/i, 'google'],
  [/api\.moonshot\./i, 'moonshotai'],
  [/api\.anthropic\.com/i, 'anthropic'],
  [/api\.openai\.com/i, 'openai'],
];

export function providerFromBaseUrl(url: string): string | undefined {
  return BASE_URL_PROVIDERS.find(([pattern]) => pattern.test(url))?.[1];
}

/** Providers whose marginal cost per token is zero (a model served on the team's own machine). */
export const ZERO_COST_PROVIDERS = new Set(['local']);

/**
 * Price-data provider id for a provider name as routers and SDKs write it: the prefix of a gateway id
 * (`xai/grok-2`), a registry key (`openai:gpt-4o`), a package suffix (`@ai-sdk/amazon-bedrock`). Unknown names pass
 * through, so the same model reached by two routes gets one provider id and compares equal.
 */
export function providerFromName(name: string): string {
  const key = name.toLowerCase();
  return PROVIDER_NAMES[key] ?? key;
}

const PROVIDER_NAMES: Record<string, string> = {
  xai: 'x-ai',
  grok: 'x-ai',
  'amazon-bedrock': 'aws',
  bedrock: 'aws',
  amazon: 'aws',
  vertex: 'google',
  'google-vertex': 'google',
  'google-genai': 'google',
  gemini: 'google',
  'azure-openai': 'azure',
  togetherai: 'together',
  'together-ai': 'together',
  mistralai: 'mistral',
  'fireworks-ai': 'fireworks',
  ollama: 'local',
  lmstudio: 'local',
  'github-models': 'github-models',
};
