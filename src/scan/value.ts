/**
 * What the resolver knows about an expression without running it. Text keeps its runtime holes (`${x}`, a
 * variable, `{{x}}` in a prompt file) as `hole` parts, so a prompt can be counted with the holes priced at the
 * configured dynamic size.
 */

/** A place in the repository, for warnings and for "what changed" attribution. */
export interface Origin {
  file: string;
  line: number;
}

/** Static text, or a hole for a value known only at run time; `problem` says why a hole should not be there. */
export type TextPart = string | { hole: string; problem?: { message: string; origin: Origin } };

export type Value =
  /** `json`: the value this text is the serialisation of (`JSON.stringify(body)`), so a request body stays readable. */
  | { kind: 'text'; parts: TextPart[]; origin: Origin; files?: string[]; json?: Value }
  | { kind: 'number'; value: number; origin: Origin }
  | { kind: 'boolean'; value: boolean; origin: Origin }
  | { kind: 'null'; origin: Origin }
  | { kind: 'object'; props: Map<string, Value>; origin: Origin; opaqueSpread?: boolean }
  | { kind: 'array'; items: Value[]; origin: Origin; opaqueSpread?: boolean }
  /** A binding imported from a package (not a relative file): `import OpenAI from 'openai'`. */
  | { kind: 'module'; module: string; name: string; origin: Origin }
  /** `new X(args)` where X is a module binding: an SDK client. */
  | { kind: 'instance'; module: string; className: string; args: Value[]; origin: Origin }
  /** A call of a module binding, e.g. `openai('gpt-4o')` from `@ai-sdk/openai`; `path` holds member names after the binding. */
  | {
      kind: 'moduleCall';
      module: string;
      name: string;
      path: string[];
      args: Value[];
      origin: Origin;
      /**
       * Set when the function called is (a member of) the result of another module call: for `groq('llama')` and
       * `groq.chat('llama')` with `groq = createOpenAI({ baseURL })`, `receiver` is that `createOpenAI` call and
       * `path` the members read from its result (`[]`, `['chat']`). `name` and `module` are the receiver's.
       */
      receiver?: Extract<Value, { kind: 'moduleCall' }>;
      /** A member read from `receiver` that has not been called yet (`groq.chat` before `('llama')`). */
      pending?: boolean;
    }
  | { kind: 'function'; origin: Origin }
  /** `problem`: the value should have been known (a prompt file that is missing or too large): warn about it. */
  | { kind: 'unknown'; expr: string; reason: string; origin: Origin; problem?: boolean };

export function unknown(expr: string, reason: string, origin: Origin, problem?: boolean): Value {
  return { kind: 'unknown', expr: truncate(expr), reason, origin, ...(problem ? { problem } : {}) };
}

function truncate(expr: string): string {
  const oneLine = expr.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/** The text when it has no holes. */
export function asString(value: Value | undefined): string | undefined {
  if (value?.kind !== 'text') return undefined;
  return value.parts.every((p) => typeof p === 'string') ? value.parts.join('') : undefined;
}

export function asNumber(value: Value | undefined): number | undefined {
  return value?.kind === 'number' ? value.value : undefined;
}

export function prop(value: Value | undefined, ...path: string[]): Value | undefined {
  let current = value;
  for (const key of path) {
    if (current?.kind !== 'object') return undefined;
    current = current.props.get(key);
  }
  return current;
}

/** The first of several alternative property names that is present (`max_completion_tokens` wins over `max_tokens`). */
export function firstProp(value: Value | undefined, names: readonly string[]): { name: string; value: Value } | undefined {
  for (const name of names) {
    const found = prop(value, name);
    if (found !== undefined) return { name, value: found };
  }
  return undefined;
}

/** Text parts of any value that can hold prompt text: strings, arrays and objects of them, in source order. */
export function collectText(value: Value | undefined, into: TextPart[] = []): TextPart[] {
  if (!value) return into;
  switch (value.kind) {
    case 'text':
      into.push(...value.parts);
      break;
    case 'array':
      for (const item of value.items) collectText(item, into);
      if (value.opaqueSpread) into.push({ hole: '...spread' });
      break;
    case 'object':
      for (const [key, item] of value.props) if (key === 'text' || key === 'content') collectText(item, into);
      break;
    case 'unknown':
      into.push(holeFor(value));
      break;
    default:
      break;
  }
  return into;
}

/** Files (other than the call's own) that a value was read from: constants modules, prompt files, JSON. */
export function originFiles(value: Value | undefined, into: Set<string> = new Set()): Set<string> {
  if (!value) return into;
  into.add(value.origin.file);
  if (value.kind === 'text') for (const f of value.files ?? []) into.add(f);
  if (value.kind === 'object') for (const item of value.props.values()) originFiles(item, into);
  if (value.kind === 'array') for (const item of value.items) originFiles(item, into);
  return into;
}

/** The hole an unknown value leaves in text, carrying the problem when it should have been known. */
export function holeFor(value: Extract<Value, { kind: 'unknown' }>, expr = value.expr): TextPart {
  return value.problem ? { hole: expr, problem: { message: `${value.expr}: ${value.reason}`, origin: value.origin } } : { hole: expr };
}

/** The value every caller passes, when they all pass the same one. */
export function agreedValue(values: Value[]): Value | undefined {
  const first = values[0];
  if (!first) return undefined;
  const key = valueKey(first);
  return values.every((v) => valueKey(v) === key) ? first : undefined;
}

/** Equal keys for values that price the same: plain data by content, anything else by where it was written. */
export function valueKey(value: Value): string {
  switch (value.kind) {
    case 'text':
      return `t:${JSON.stringify(value.parts.map((p) => (typeof p === 'string' ? p : { hole: p.hole })))}`;
    case 'number':
    case 'boolean':
      return `${value.kind}:${value.value}`;
    case 'null':
      return 'null';
    case 'object':
      return `o:{${[...value.props].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${valueKey(v)}`).join(',')}${value.opaqueSpread ? ',...' : ''}}`;
    case 'array':
      return `a:[${value.items.map(valueKey).join(',')}${value.opaqueSpread ? ',...' : ''}]`;
    case 'module':
      return `m:${value.module}:${value.name}`;
    case 'unknown':
      return `u:${value.expr}@${value.origin.file}:${value.origin.line}`;
    default:
      return `${value.kind}@${value.origin.file}:${value.origin.line}`;
  }
}

/** A value as a report names it: `'gpt-4o'`, `500`, or the expression it could not follow. */
export function describeValue(value: Value): string {
  switch (value.kind) {
    case 'text':
      return `'${value.parts.map((p) => (typeof p === 'string' ? p : `\${${p.hole}}`)).join('').slice(0, 60)}'`;
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'nothing';
    case 'unknown':
      return `\`${value.expr}\``;
    default:
      return `an ${value.kind}`;
  }
}

/** Unknown until run time: an unknown, a missing value, or a member of a package call's result. */
export function isRuntimeValue(value: Value): boolean {
  return value.kind === 'unknown' || value.kind === 'null' || (value.kind === 'moduleCall' && value.pending === true);
}

/** Data written in the code: text, numbers, objects, arrays. */
export function isPlainData(value: Value): boolean {
  return value.kind === 'text' || value.kind === 'number' || value.kind === 'boolean' || value.kind === 'object' || value.kind === 'array';
}

/** Adjacent static parts joined, empty ones dropped. */
export function mergeParts(parts: TextPart[]): TextPart[] {
  const merged: TextPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else if (part !== '') merged.push(part);
  }
  return merged;
}

/** `text.trim()` (or `trimStart` / `trimEnd`) on text with holes: only static ends are trimmed. */
export function trimText(value: Extract<Value, { kind: 'text' }>, how: string): Value {
  const parts = [...value.parts];
  if (how !== 'trimEnd' && typeof parts[0] === 'string') parts[0] = parts[0].trimStart();
  const lastIndex = parts.length - 1;
  if (how !== 'trimStart' && typeof parts[lastIndex] === 'string') parts[lastIndex] = (parts[lastIndex] as string).trimEnd();
  return { ...value, parts };
}

/** `''`, `0` and `false`: what `||` skips. */
export function isFalsy(value: Value): boolean {
  return (value.kind === 'text' && value.parts.length === 0) || (value.kind === 'number' && value.value === 0) || (value.kind === 'boolean' && !value.value);
}

/** Equal text or numbers (two branches of a condition that agree). */
export function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'text' && b.kind === 'text') return JSON.stringify(a.parts) === JSON.stringify(b.parts);
  if (a.kind === 'number' && b.kind === 'number') return a.value === b.value;
  return false;
}

/** A JSON document as a value (JSON imported as a module, a JSON prompt or config file). */
export function fromJson(json: unknown, origin: Origin): Value {
  if (typeof json === 'string') return { kind: 'text', parts: [json], origin };
  if (typeof json === 'number') return { kind: 'number', value: json, origin };
  if (typeof json === 'boolean') return { kind: 'boolean', value: json, origin };
  if (json === null) return { kind: 'null', origin };
  if (Array.isArray(json)) return { kind: 'array', items: json.map((j) => fromJson(j, origin)), origin };
  if (typeof json === 'object') {
    const props = new Map<string, Value>();
    for (const [key, value] of Object.entries(json as Record<string, unknown>)) props.set(key, fromJson(value, origin));
    return { kind: 'object', props, origin };
  }
  return unknown(String(json), 'not JSON', origin);
}
