import { findProvider } from '@pydantic/genai-prices';

/**
 * A price-data-driven model ladder: the models of the same provider and family (the id without its tier word:
 * `gpt-4.1` for `gpt-4.1-mini`, `claude-4-5` for `claude-haiku-4-5`) in the bundled price data, so a new tier
 * in the data is a new rung without a code change. When a family has one member, the generation (`claude-4`)
 * is the family. Special-purpose models (audio, realtime, image, search, fine-tunes, previews) are never rungs.
 */

const TIER_WORDS = new Set(['mini', 'nano', 'haiku', 'sonnet', 'opus', 'flash', 'lite', 'pro', 'large', 'small', 'medium', 'latest', 'instant']);
const SPECIAL_PURPOSE = /audio|realtime|tts|transcribe|image|search|preview|ft:|deep-research|computer|codex|moderation|whisper|instruct|vision|:|\.ft-|safeguard|gpt-oss/i;
/** Our provider names where the price data's differ. */
const PRICE_PROVIDER: Record<string, string> = { 'github-models': 'openai', azure: 'openai' };

/** The family key of a model id: its words without tier names, version dates and `latest`. */
export function familyKey(id: string): string {
  return id
    .toLowerCase()
    .replace(/@\d{8}$/, '')
    .split(/[-_]/)
    .filter((word) => !TIER_WORDS.has(word) && !/^\d{8}$/.test(word) && !/^\d{4}$/.test(word))
    .join('-');
}

/**
 * Other models of the provider, closest family first: the same family key, then the same generation (the key
 * without its last number). The caller prices them for its own call and keeps the cheaper ones.
 */
export function ladderCandidates(modelId: string, provider: string): string[][] {
  const data = findProvider({ providerId: PRICE_PROVIDER[provider] ?? provider });
  if (!data) return [];
  const embedding = /embed/i.test(modelId);
  const models = data.models.filter((m) => !m.deprecated && m.id !== modelId && !SPECIAL_PURPOSE.test(m.id) && /embed/i.test(m.id) === embedding);
  const key = familyKey(modelId);
  const family = models.filter((m) => familyKey(m.id) === key).map((m) => m.id);
  // `gpt-5.2` -> `gpt-5`, `claude-4-1` -> `claude-4`; a key without a minor version has no wider generation.
  const generationKey = /\d\.\d+$/.test(key) ? key.replace(/\.\d+$/, '') : /-\d+-\d+$/.test(key) ? key.replace(/-\d+$/, '') : undefined;
  const inGeneration = (k: string): boolean => generationKey !== undefined && k !== key && (k === generationKey || k.startsWith(`${generationKey}-`) || k.startsWith(`${generationKey}.`));
  const generation = models.filter((m) => inGeneration(familyKey(m.id))).map((m) => m.id);
  return [family, generation].filter((rung) => rung.length > 0);
}
