import { ts } from 'ts-morph';
import type { Resolver } from './resolve.js';
import { asNumber, asString, prop, type Value } from './value.js';

/** Reasoning the call asks for: billed as output tokens, bounded by a budget when the code sets one. */
export interface ReasoningInfo {
  /** The option as written (`thinking.budget_tokens`, `reasoning_effort`). */
  knob: string;
  effort?: string;
  /** Most reasoning tokens a call may spend (`budget_tokens`, `thinkingBudget`). */
  budget?: number;
  /** The code turns reasoning off (`thinking: { type: 'disabled' }`, `thinkingBudget: 0`, effort `none`). */
  disabled?: boolean;
  /** The model decides how much to think (`thinkingBudget: -1`): no bound in code. */
  dynamic?: boolean;
}

/** Where each SDK family puts its reasoning options, in the request body or the options object. */
const BUDGET_PATHS: string[][] = [
  ['thinking', 'budget_tokens'],
  ['thinking', 'budgetTokens'],
  ['providerOptions', 'anthropic', 'thinking', 'budgetTokens'],
  ['providerOptions', 'google', 'thinkingConfig', 'thinkingBudget'],
  ['providerOptions', 'bedrock', 'reasoningConfig', 'budgetTokens'],
  ['config', 'thinkingConfig', 'thinkingBudget'],
  ['generationConfig', 'thinkingConfig', 'thinkingBudget'],
  ['thinkingConfig', 'thinkingBudget'],
  ['additionalModelRequestFields', 'reasoning_config', 'budget_tokens'],
  ['additionalModelRequestFields', 'thinking', 'budget_tokens'],
];
const EFFORT_PATHS: string[][] = [
  ['reasoning_effort'],
  ['reasoning', 'effort'],
  ['reasoningEffort'],
  ['providerOptions', 'openai', 'reasoningEffort'],
  ['config', 'thinkingConfig', 'thinkingLevel'],
  ['thinkingConfig', 'thinkingLevel'],
];

/** The reasoning options of a call's first argument (request body or options), when it has any. */
export function reasoningOf(call: ts.CallExpression | ts.NewExpression, resolver: Resolver): ReasoningInfo | undefined {
  const argument = call.arguments?.[0];
  return argument ? reasoningIn(resolver.resolve(argument)) : undefined;
}

/**
 * The reasoning options of a request body, options object or settings object a detector has read (a Gemini chat's
 * `config`, a LangChain model's constructor options, a Bedrock vendor body), when it has any.
 */
export function reasoningIn(body: Value | undefined): ReasoningInfo | undefined {
  if (body?.kind !== 'object') return undefined;
  for (const path of BUDGET_PATHS) {
    const value = prop(body, ...path);
    if (value === undefined) continue;
    const written = asNumber(value);
    // Gemini's `thinkingBudget: -1` is dynamic thinking: the model decides, so nothing in code bounds it.
    const dynamic = written !== undefined && written < 0;
    const budget = dynamic ? undefined : written;
    const holder = prop(body, ...path.slice(0, -1));
    const disabled = asString(prop(holder, 'type')) === 'disabled' || budget === 0;
    return { knob: path.join('.'), ...(budget !== undefined ? { budget } : {}), ...(disabled ? { disabled } : {}), ...(dynamic ? { dynamic } : {}) };
  }
  const thinking: Value | undefined = prop(body, 'thinking');
  if (thinking && asString(prop(thinking, 'type')) === 'disabled') return { knob: 'thinking.type', disabled: true };
  if (thinking && asString(prop(thinking, 'type')) === 'adaptive') return { knob: 'thinking.type' };
  for (const path of EFFORT_PATHS) {
    const value = prop(body, ...path);
    if (value === undefined) continue;
    const effort = asString(value);
    return { knob: path.join('.'), ...(effort !== undefined ? { effort } : {}), ...(effort === 'none' ? { disabled: true } : {}) };
  }
  return undefined;
}

/**
 * The reasoning setting as facts compare it: `budget 2048`, `effort high`, `off`, `dynamic`, `on`. The knob's name is
 * left out, so the same setting moved to another spelling (`reasoning_effort` to `reasoning.effort`) is no change.
 */
export function describeReasoning(info: ReasoningInfo): string {
  if (info.disabled) return 'off';
  if (info.dynamic) return 'dynamic';
  if (info.budget !== undefined) return `budget ${info.budget}`;
  if (info.effort !== undefined) return `effort ${info.effort}`;
  return 'on';
}
