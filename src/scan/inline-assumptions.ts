import { ts } from 'ts-morph';
import type { TrafficSettings } from '../config/schema.js';

/** Short names accepted in `// llm-cost:` comments, beside the config's own key names. */
const ALIASES: Record<string, keyof TrafficSettings> = {
  calls: 'callsPerMonth',
  callspermonth: 'callsPerMonth',
  output: 'expectedOutputTokens',
  expectedoutputtokens: 'expectedOutputTokens',
  dynamic: 'dynamicInputTokens',
  dynamicinputtokens: 'dynamicInputTokens',
  turns: 'turnsPerConversation',
  turnsperconversation: 'turnsPerConversation',
  loop: 'loopIterations',
  loopiterations: 'loopIterations',
  cache: 'cacheHitRate',
  cachehitrate: 'cacheHitRate',
  retry: 'retryRate',
  retryrate: 'retryRate',
};

export interface InlineAssumptions {
  values: TrafficSettings;
  /** Keys the comment names that mean nothing, for a warning. */
  unknownKeys: string[];
}

/**
 * Reads `// llm-cost: callsPerMonth=50000 output=300` from the comments just above the statement holding a call:
 * assumptions that override the config for that one site.
 */
export function inlineAssumptions(call: ts.Node): InlineAssumptions | undefined {
  let statement: ts.Node = call;
  while (statement.parent && !ts.isSourceFile(statement.parent) && !ts.isBlock(statement.parent) && !ts.isObjectLiteralExpression(statement.parent)) statement = statement.parent;
  const text = call.getSourceFile().text;
  const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  const values: TrafficSettings = {};
  const unknownKeys: string[] = [];
  let found = false;
  for (const range of comments) {
    const match = /llm-cost:\s*(.*?)(?:\*\/)?$/m.exec(text.slice(range.pos, range.end));
    if (!match) continue;
    found = true;
    for (const pair of match[1]!.split(/[\s,]+/).filter(Boolean)) {
      const [rawKey, rawValue] = pair.split('=');
      const key = ALIASES[(rawKey ?? '').toLowerCase()];
      const value = Number(rawValue?.replace(/_/g, ''));
      if (!key || rawValue === undefined || !Number.isFinite(value) || value < 0) unknownKeys.push(pair);
      else values[key] = value;
    }
  }
  return found ? { values, unknownKeys } : undefined;
}
