import { unknown, type Origin, type Value } from './value.js';

/**
 * The standard-library helpers that build a config object from data written in the code: `Object.keys`,
 * `Object.values`, `Object.entries` and `Object.fromEntries`, `new Set(list)`, `typeof`. Internal to the resolver,
 * which evaluates callbacks (`.map`, `.reduce`) itself; these only reshape values already known. Undefined when the
 * input is not a value known in the code, so the resolver falls back to "the result of a call".
 */
export function objectHelper(name: string, arg: Value, origin: Origin): Value | undefined {
  if (name === 'fromEntries') return fromEntries(arg, origin);
  if (arg.kind !== 'object' || arg.opaqueSpread) return undefined;
  const keys = [...arg.props.keys()];
  switch (name) {
    case 'keys':
      return { kind: 'array', items: keys.map((key) => ({ kind: 'text', parts: [key], origin })), origin };
    case 'values':
      return { kind: 'array', items: [...arg.props.values()], origin };
    case 'entries':
      return { kind: 'array', items: [...arg.props].map(([key, value]) => ({ kind: 'array', items: [{ kind: 'text', parts: [key], origin }, value], origin })), origin };
    default:
      return undefined;
  }
}

/** `Object.fromEntries(list)`: entries whose key is not known make the object's other keys possible (an opaque spread). */
function fromEntries(list: Value, origin: Origin): Value | undefined {
  if (list.kind === 'object') return list;
  if (list.kind !== 'array') return undefined;
  const props = new Map<string, Value>();
  let opaqueSpread = list.opaqueSpread === true;
  for (const entry of list.items) {
    const key = entry.kind === 'array' ? literalKey(entry.items[0]) : undefined;
    if (entry.kind !== 'array' || key === undefined) {
      opaqueSpread = true;
      continue;
    }
    props.set(key, entry.items[1] ?? { kind: 'null', origin });
  }
  return { kind: 'object', props, origin, ...(opaqueSpread ? { opaqueSpread } : {}) };
}

/** `new Set(list)` of literal items, as the list of its distinct items in insertion order (what iterating it gives). */
export function distinctItems(list: Value, origin: Origin): Value | undefined {
  if (list.kind !== 'array' || list.opaqueSpread) return undefined;
  const seen = new Set<string>();
  const items: Value[] = [];
  for (const item of list.items) {
    const key = literalKey(item) ?? (item.kind === 'null' ? 'null' : undefined);
    if (key === undefined) return undefined;
    const typed = `${item.kind}:${key}`;
    if (seen.has(typed)) continue;
    seen.add(typed);
    items.push(item);
  }
  return { kind: 'array', items, origin };
}

/** `typeof value`, when the kind of value is known. */
export function typeOf(value: Value, expr: string, origin: Origin): Value {
  const name = ((): string | undefined => {
    switch (value.kind) {
      case 'text':
        return 'string';
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'object':
      case 'array':
        return 'object';
      case 'function':
        return 'function';
      case 'null':
        // Missing and undefined are the same value to the resolver.
        return 'undefined';
      default:
        return undefined;
    }
  })();
  return name === undefined ? unknown(expr, 'a type known only at run time', origin) : { kind: 'text', parts: [name], origin };
}

function literalKey(value: Value | undefined): string | undefined {
  if (value?.kind === 'text' && value.parts.every((p) => typeof p === 'string')) return value.parts.join('');
  if (value?.kind === 'number' || value?.kind === 'boolean') return String(value.value);
  return undefined;
}
