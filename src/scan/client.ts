import type { DetectContext, Unresolved } from './call-site.js';
import type { CalleeChain } from './detector.js';
import { asNumber, asString, prop, type Value } from './value.js';

export interface ClientMatch {
  /** The SDK client instance, when the receiver resolved to `new X(...)` of one of the SDK's packages. */
  instance?: Extract<Value, { kind: 'instance' }>;
  /** The client's constructor options (first argument), when known. */
  options?: Value;
}

/**
 * Decides whether the receiver of `chain` (all names before the `tail` surface, e.g. `chat.completions.create`)
 * is a client of one of `modules`. A receiver that resolves to another package's client is not ours; one that
 * cannot be resolved (a parameter, an injected field) is accepted when the file imports one of `modules`, since
 * the surface itself is specific to the SDK.
 */
export function matchClient(chain: CalleeChain, tailLength: number, ctx: DetectContext, modules: readonly string[]): ClientMatch | undefined {
  const receiverIndex = chain.names.length - tailLength - 1;
  if (receiverIndex < 0) return modules.some((m) => ctx.packages.has(m)) ? {} : undefined;
  const receiver = ctx.resolve(chain.nodes[receiverIndex]!);
  if (receiver.kind === 'instance') {
    if (!modules.includes(receiver.module)) return undefined;
    return { instance: receiver, options: receiver.args[0] };
  }
  if (receiver.kind === 'module' || receiver.kind === 'moduleCall') return modules.includes(receiver.module) ? {} : undefined;
  return modules.some((m) => ctx.packages.has(m)) ? {} : undefined;
}

/** `maxRetries` set on the client or on the request options (second argument). */
export function maxRetriesOf(options: Value | undefined, requestOptions: Value | undefined): number | undefined {
  return asNumber(prop(requestOptions, 'maxRetries')) ?? asNumber(prop(options, 'maxRetries'));
}

/** The base URL the client sends to (option, or the unresolved expression). */
export function baseUrlOf(options: Value | undefined, names: readonly string[] = ['baseURL', 'baseUrl', 'basePath', 'endpoint']): { url?: string; expr?: string } {
  for (const name of names) {
    const value = prop(options, name);
    if (!value) continue;
    const url = asString(value);
    if (url !== undefined) return { url };
    return { expr: value.kind === 'unknown' ? value.expr : name };
  }
  return {};
}

/** Records an unresolved value for the warning list when `value` is unknown (or missing and required). */
export function noteUnresolved(what: Unresolved['what'], value: Value | undefined, into: Unresolved[], fallback: { expr: string; origin: Unresolved['origin'] }): void {
  if (value === undefined) {
    into.push({ what, expr: fallback.expr, reason: 'not set in the call', origin: fallback.origin });
  } else if (value.kind === 'unknown') {
    into.push({ what, expr: value.expr, reason: value.reason, origin: value.origin });
  } else if (value.kind === 'text' && value.parts.some((p) => typeof p !== 'string') && what !== 'prompt') {
    into.push({ what, expr: value.parts.map((p) => (typeof p === 'string' ? p : `\${${p.hole}}`)).join(''), reason: 'built from a runtime value', origin: value.origin });
  }
}
