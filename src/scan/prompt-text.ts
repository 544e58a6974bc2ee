import type { TextPart, Value } from './value.js';

const PLACEHOLDER = /\$\{\s*([^}]*?)\s*\}|\{\{\s*([^}]*?)\s*\}\}/g;

/** Splits prompt-file text at its runtime placeholders (`${x}`, `{{x}}`), each becoming a hole. */
export function placeholderParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    // The hole keeps the placeholder as written, so `.replace('{{x}}', value)` in code can find it again.
    parts.push({ hole: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** True for a hole that is a placeholder in prompt text (`{{x}}`, `${x}`), not a runtime expression. */
export function isPlaceholderHole(part: TextPart): part is { hole: string } {
  return typeof part !== 'string' && /^(\{\{[^}]*\}\}|\$\{[^}]*\})$/.test(part.hole);
}

/**
 * `text.replace(pattern, replacement)` on text with holes: placeholders can be matched (and filled), runtime holes
 * stay holes. Returns undefined when the pattern cannot be applied statically.
 */
export function replaceInText(parts: TextPart[], pattern: string | RegExp, replacement: TextPart[], all: boolean): TextPart[] {
  const runtimeHoles: TextPart[] = [];
  const sentinel = (part: TextPart): string => `\u0000${runtimeHoles.push(part) - 1}\u0000`;
  const encode = (list: TextPart[]): string => list.map((p) => (typeof p === 'string' ? p : isPlaceholderHole(p) ? p.hole : sentinel(p))).join('');
  const text = encode(parts);
  const replacementText = encode(replacement).replace(/\$/g, '$$$$');
  const replaced =
    typeof pattern === 'string'
      ? all
        ? text.split(pattern).join(replacementText.replace(/\$\$/g, '$'))
        : text.replace(pattern, replacementText)
      : text.replace(pattern, replacementText);
  const out: TextPart[] = [];
  for (const [i, piece] of replaced.split(/\u0000(\d+)\u0000/).entries()) {
    if (i % 2 === 1) out.push(runtimeHoles[Number(piece)]!);
    else if (piece) out.push(...placeholderParts(piece));
  }
  return out;
}

/**
 * A value as the JSON the SDK would send (tool schemas, structured content): the text a tokenizer sees.
 * Unknown pieces become holes.
 */
export function valueAsJsonText(value: Value | undefined): TextPart[] {
  const parts: TextPart[] = [];
  const emit = (v: Value | undefined): void => {
    if (!v) return;
    switch (v.kind) {
      case 'text':
        if (v.parts.every((p) => typeof p === 'string')) parts.push(JSON.stringify(v.parts.join('')));
        else parts.push('"', ...v.parts, '"');
        break;
      case 'number':
      case 'boolean':
        parts.push(String(v.value));
        break;
      case 'null':
        parts.push('null');
        break;
      case 'array':
        parts.push('[');
        v.items.forEach((item, i) => {
          if (i) parts.push(',');
          emit(item);
        });
        parts.push(']');
        break;
      case 'object': {
        parts.push('{');
        let first = true;
        for (const [key, item] of v.props) {
          if (!first) parts.push(',');
          first = false;
          parts.push(`${JSON.stringify(key)}:`);
          emit(item);
        }
        parts.push('}');
        break;
      }
      default:
        parts.push({ hole: v.kind === 'unknown' ? v.expr : v.kind });
    }
  };
  emit(value);
  return parts;
}
