/**
 * Counts tokens with js-tiktoken's rank tables, by the same byte-pair merge js-tiktoken runs, without building
 * its encoder. js-tiktoken's constructor decodes all 200,000 ranks into byte strings up front, which takes about
 * a second here, more than the rest of a scan; we only count, so the table is kept as the base64 strings it ships
 * in and each candidate merge is looked up by the base64 of its bytes. `test/estimate/bpe.test.ts` checks the
 * counts equal js-tiktoken's on real text.
 */
export interface RankTable {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

export class BpeCounter {
  private readonly ranks = new Map<string, number>();
  private readonly pattern: RegExp;
  private readonly special: RegExp | undefined;

  constructor(table: RankTable) {
    // Each line is `<prefix> <offset> <token> <token> ...`: consecutive ranks from the offset, base64 tokens.
    for (const line of table.bpe_ranks.split('\n')) {
      if (!line) continue;
      const fields = line.split(' ');
      const offset = Number.parseInt(fields[1]!, 10);
      for (let i = 2; i < fields.length; i++) this.ranks.set(fields[i]!, offset + i - 2);
    }
    this.pattern = new RegExp(table.pat_str, 'gu');
    const specials = Object.keys(table.special_tokens);
    this.special = specials.length ? new RegExp(specials.map((s) => s.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&')).join('|'), 'g') : undefined;
  }

  /** Tokens of `text`, special tokens (`<|endoftext|>`) counted as one token each, as `encode(text, 'all')` does. */
  count(text: string): number {
    let count = 0;
    let start = 0;
    if (this.special) {
      this.special.lastIndex = 0;
      for (const match of text.matchAll(this.special)) {
        count += this.countOrdinary(text.slice(start, match.index)) + 1;
        start = match.index + match[0].length;
      }
    }
    return count + this.countOrdinary(text.slice(start));
  }

  private countOrdinary(text: string): number {
    let count = 0;
    for (const match of text.matchAll(this.pattern)) {
      const bytes = Buffer.from(match[0], 'utf8');
      count += this.ranks.has(bytes.toString('base64')) ? 1 : this.mergedParts(bytes);
    }
    return count;
  }

  /** The number of tokens a piece merges into: js-tiktoken's `bytePairMerge`, lowest rank first. */
  private mergedParts(piece: Buffer): number {
    const starts: number[] = Array.from({ length: piece.length + 1 }, (_, i) => i);
    while (starts.length > 2) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < starts.length - 2; i++) {
        const rank = this.ranks.get(piece.subarray(starts[i]!, starts[i + 2]!).toString('base64'));
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) break;
      starts.splice(best + 1, 1);
    }
    return starts.length - 1;
  }
}
