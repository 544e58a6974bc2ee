import { BpeCounter } from './bpe.js';

export type Encoding = 'o200k_base' | 'cl100k_base';

/** How a model's tokens are counted, and whether the count is exact or an estimate. */
export interface TokenizerChoice {
  encoding: Encoding;
  /** Multiplier applied to the count (1 for OpenAI models, whose tokenizers ship offline). */
  factor: number;
  estimate: boolean;
}

/**
 * OpenAI models use their own tokenizer: o200k for the GPT-4o generation and later (gpt-4o, gpt-4.1, gpt-5,
 * o-series), cl100k for gpt-4, gpt-3.5 and the text-embedding models. Other families' tokenizers are not available
 * offline, so they are counted with o200k and marked `estimate`. Their factor is 1: no vendor publishes a ratio to
 * o200k, and a guessed one would bias every figure in a direction we cannot check; the report says it is an
 * estimate instead.
 */
export function tokenizerFor(model: string | undefined): TokenizerChoice {
  const id = (model ?? '').toLowerCase().replace(/^(openai|azure)[/:]/, '');
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4|chatgpt-4o|codex)/.test(id)) return { encoding: 'o200k_base', factor: 1, estimate: false };
  if (/^(gpt-4|gpt-3\.5|text-embedding|text-davinci|davinci|babbage)/.test(id)) return { encoding: 'cl100k_base', factor: 1, estimate: false };
  return { encoding: 'o200k_base', factor: 1, estimate: true };
}

/**
 * Counts tokens with js-tiktoken's rank tables (see `bpe.ts` for why not its encoder). Rank tables load once, on
 * first use (they are megabytes: the CLI's `--version` never pays for them), and counts are cached by content,
 * since base and head share most prompt text.
 */
export class TokenCounter {
  private readonly encoders = new Map<Encoding, BpeCounter>();
  private readonly cache = new Map<string, number>();

  /** Loads the rank tables for the encodings that will be used. */
  async load(encodings: Iterable<Encoding>): Promise<void> {
    for (const encoding of new Set(encodings)) {
      if (!this.encoders.has(encoding)) this.encoders.set(encoding, await loadEncoder(encoding));
    }
  }

  count(text: string, encoding: Encoding): number {
    if (text === '') return 0;
    const key = `${encoding}\0${text}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const encoder = this.encoders.get(encoding);
    if (!encoder) throw new Error(`internal: tokenizer ${encoding} used before load()`);
    const count = encoder.count(text);
    this.cache.set(key, count);
    return count;
  }
}

// Reading a rank table takes tens of milliseconds: once per process is enough.
const loaded = new Map<Encoding, Promise<BpeCounter>>();

function loadEncoder(encoding: Encoding): Promise<BpeCounter> {
  let encoder = loaded.get(encoding);
  if (!encoder) {
    encoder = (async () => {
      const ranks = encoding === 'o200k_base' ? (await import('js-tiktoken/ranks/o200k_base')).default : (await import('js-tiktoken/ranks/cl100k_base')).default;
      return new BpeCounter(ranks);
    })();
    loaded.set(encoding, encoder);
  }
  return encoder;
}
