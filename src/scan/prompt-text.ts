import type { TextPart, Value } from './value.js';

const PLACEHOLDER = /\$\{\s*([^}]*?)\s*\}|\{\{\s*([^}]*?)\s*\}\}/g;

/** Splits prompt-file text at its runtime placeholders (`${x}`, `{{x}}`), each becoming a hole. */
export function placeholderParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ hole: match[1] ?? match[2] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
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
