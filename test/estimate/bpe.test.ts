import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, test } from 'vitest';
import { BpeCounter } from '../../src/estimate/bpe.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Real text of every kind the scanner counts: prose, code, JSON, Markdown, plus the awkward cases. */
function samples(): string[] {
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|md|json|ya?ml|js)$/.test(name) && statSync(full).size < 60_000) texts.push(readFileSync(full, 'utf8'));
    }
  };
  for (const dir of ['src', 'example', 'test/fixtures']) walk(join(root, dir));
  texts.push(readFileSync(join(root, 'README.md'), 'utf8'));
  texts.push('', ' ', '\n\n\n', 'naïve café — 日本語のテキスト 🤖🎉 مرحبا', '<|endoftext|> then text <|endoftext|>', 'a'.repeat(3000), '    indented\n\tcode {{placeholder}} ${x}');
  return texts;
}

describe('BpeCounter', () => {
  test.each([
    ['o200k_base', o200k],
    ['cl100k_base', cl100k],
  ])('counts exactly what js-tiktoken counts (%s)', (_name, ranks) => {
    const reference = new Tiktoken(ranks);
    const counter = new BpeCounter(ranks);
    const texts = samples();
    expect(texts.length).toBeGreaterThan(50);
    for (const text of texts) expect(counter.count(text)).toBe(reference.encode(text, 'all').length);
  });
});
