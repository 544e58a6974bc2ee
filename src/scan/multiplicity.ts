import { ts } from 'ts-morph';
import { namedFunction, type NamedFunction } from './callers.js';
import type { Resolver } from './resolve.js';
import { asNumber, prop, type Origin, type Value } from './value.js';

/**
 * How many model calls one invocation of a call site makes: loops around the call or around the functions that
 * wrap it (followed up the local call graph, across files where imports can be followed), tool loops run by the
 * SDK (`runTools`, `toolRunner`), and retry helpers wrapped around a client that already retries.
 */

/** One loop that repeats the call, outermost first in `Multiplicity.loops`. */
export interface LoopFrame {
  /** `for`, `for...of`, `while`, `.map`, ... as written. */
  kind: string;
  /** Iterations when the code fixes them (`for (let i = 0; i < 10; i++)`, a literal array); undefined otherwise. */
  iterations?: number;
  origin: Origin;
  /** The function whose call sits in this loop (empty for a loop in the site's own function). */
  via?: string;
}

/** A retry helper or a hand-written retry loop around the call. */
export interface RetryWrapper {
  helper: string;
  /** Extra attempts the wrapper makes on failure. */
  retries: number;
  origin: Origin;
}

export interface Multiplicity {
  loops: LoopFrame[];
  /** Functions between the call and the loop that repeats it, innermost first (`summarise`, `processAll`). */
  via: string[];
  retryWrappers: RetryWrapper[];
  /** A tool loop the SDK runs: steps per invocation (undefined: no bound in code) and the option that sets it. */
  toolLoop?: { steps?: number; bound: string };
}

/** Array methods that run their callback once per element. */
const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'reduce', 'reduceRight']);

/** Retry helpers and how many retries each makes when its options do not say. */
const RETRY_HELPERS: Record<string, { option: string[]; defaultRetries: number; attempts?: boolean }> = {
  pRetry: { option: ['retries'], defaultRetries: 10 },
  retry: { option: ['retries', 'maxRetries', 'attempts'], defaultRetries: 10 },
  asyncRetry: { option: ['retries'], defaultRetries: 10 },
  backOff: { option: ['numOfAttempts'], defaultRetries: 9, attempts: true },
  withRetry: { option: ['retries', 'maxRetries', 'attempts'], defaultRetries: 3 },
  withRetries: { option: ['retries', 'maxRetries', 'attempts'], defaultRetries: 3 },
  retryWithBackoff: { option: ['retries', 'maxRetries', 'attempts'], defaultRetries: 3 },
  withBackoff: { option: ['retries', 'maxRetries', 'attempts'], defaultRetries: 3 },
  exponentialBackoff: { option: ['retries', 'maxRetries', 'attempts'], defaultRetries: 3 },
};

const RETRY_LOOP_VARIABLE = /attempt|retr|tries/i;
/** How far up the call graph a loop around a wrapper is looked for. */
const MAX_CALLER_DEPTH = 4;
/** OpenAI's `runTools` stops after this many chat completions unless `maxChatCompletions` says otherwise. */
const OPENAI_RUN_TOOLS_DEFAULT = 10;

/**
 * Finds the loops and wrappers around call sites of one snapshot. Callers, in this file and in files importing
 * it, come from the resolver's callers index (which keeps tests, mocks and build output out of the graph).
 */
export class MultiplicityAnalyser {
  private readonly callerCache = new Map<ts.Node, Usage[]>();

  constructor(private readonly resolver: Resolver) {}

  analyse(call: ts.CallExpression | ts.NewExpression, chain: readonly string[]): Multiplicity {
    const best = this.repeatsOf(call, 0, new Set());
    const result: Multiplicity = { loops: best.loops, via: best.via, retryWrappers: best.retries };
    const toolLoop = ts.isCallExpression(call) ? toolLoopOf(call, chain, this.resolver) : undefined;
    if (toolLoop) result.toolLoop = toolLoop;
    return result;
  }

  /**
   * Loops between `node` and its named function, then, through the callers of that function, the loops around
   * them. Of several callers the one that repeats the call most wins (the site's traffic is one flow's); retry
   * wrappers count on the way up the same path.
   */
  private repeatsOf(node: ts.Node, depth: number, seen: Set<ts.Node>): { loops: LoopFrame[]; via: string[]; retries: RetryWrapper[] } {
    const retries: RetryWrapper[] = [];
    const { loops, fn } = this.localLoops(node, retries);
    if (!fn || depth >= MAX_CALLER_DEPTH || seen.has(fn.node)) return { loops, via: [], retries };
    seen.add(fn.node);
    let best: { loops: LoopFrame[]; via: string[]; retries: RetryWrapper[] } | undefined;
    let bestScore = 0;
    for (const usage of this.usagesOf(fn)) {
      const outer = this.repeatsOf(usage.node, depth + 1, seen);
      const outerLoops = [...outer.loops, ...(usage.loop ? [usage.loop] : [])].map((l) => ({ ...l, via: l.via ?? fn.name }));
      const score = scoreOf(outerLoops) * (1 + outer.retries.length);
      if (score > bestScore) {
        bestScore = score;
        best = { loops: outerLoops, via: [fn.name, ...outer.via], retries: outer.retries };
      }
    }
    seen.delete(fn.node);
    if (!best || bestScore <= 1) return { loops, via: [], retries };
    return { loops: [...best.loops, ...loops], via: best.loops.length ? best.via : [], retries: [...best.retries, ...retries] };
  }

  /** Loops from `node` up to the named function that contains it (callbacks of array methods are loops). */
  private localLoops(node: ts.Node, retries: RetryWrapper[]): { loops: LoopFrame[]; fn?: NamedFunction } {
    const loops: LoopFrame[] = [];
    let child: ts.Node = node;
    for (let current = node.parent; current; child = current, current = current.parent) {
      if (isLoopStatement(current) && inLoopBody(current, child)) {
        const retryLoop = retryLoopOf(current, this.resolver);
        if (retryLoop) retries.push({ ...retryLoop, origin: this.resolver.origin(current) });
        else loops.unshift(this.loopFrame(current));
        continue;
      }
      if (ts.isFunctionLike(current)) {
        const named = namedFunction(current);
        if (named) return { loops, fn: named };
        const parentCall = current.parent && ts.isCallExpression(current.parent) ? current.parent : undefined;
        if (parentCall) {
          const iteration = this.iterationCall(parentCall, current);
          if (iteration) loops.unshift(iteration);
          const retry = this.retryHelper(parentCall);
          if (retry) retries.push(retry);
        }
      }
    }
    return { loops };
  }

  private loopFrame(statement: ts.IterationStatement): LoopFrame {
    const origin = this.resolver.origin(statement);
    if (ts.isForStatement(statement)) return withIterations({ kind: 'for', origin }, forBound(statement, this.resolver));
    if (ts.isForOfStatement(statement)) return withIterations({ kind: 'for...of', origin }, arrayLength(statement.expression, this.resolver));
    if (ts.isForInStatement(statement)) return { kind: 'for...in', origin };
    if (ts.isDoStatement(statement)) return { kind: 'do...while', origin };
    return { kind: 'while', origin };
  }

  /** `items.map(fn)`, `Array.from({ length: n }, fn)`: a loop frame when `fn` is the callback. */
  private iterationCall(call: ts.CallExpression, callback: ts.Node): LoopFrame | undefined {
    const callee = call.expression;
    if (!call.arguments.some((a) => a === callback)) return undefined;
    const origin = this.resolver.origin(call);
    if (ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text) && call.arguments[0] === callback) {
      return withIterations({ kind: `.${callee.name.text}`, origin }, arrayLength(callee.expression, this.resolver));
    }
    if (ts.isPropertyAccessExpression(callee) && callee.getText() === 'Array.from' && call.arguments[1] === callback) {
      return withIterations({ kind: 'Array.from', origin }, arrayLength(call.arguments[0]!, this.resolver));
    }
    return undefined;
  }

  private retryHelper(call: ts.CallExpression): RetryWrapper | undefined {
    const name = ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined;
    const helper = name ? RETRY_HELPERS[name] : undefined;
    if (!helper || !name) return undefined;
    const options = call.arguments.slice(1).map((a) => this.resolver.resolve(a));
    let retries = helper.defaultRetries;
    for (const option of helper.option) {
      const value = options.map((o) => asNumber(prop(o, option)) ?? asNumber(o.kind === 'number' ? o : undefined)).find((n) => n !== undefined);
      if (value !== undefined) {
        retries = helper.attempts || option === 'attempts' ? Math.max(0, value - 1) : value;
        break;
      }
    }
    return { helper: name, retries, origin: this.resolver.origin(call) };
  }

  /** Where a named function is called (or handed to an array method as the callback), in this and importing files. */
  private usagesOf(fn: NamedFunction): Usage[] {
    const cached = this.callerCache.get(fn.node);
    if (cached) return cached;
    const usages: Usage[] = [];
    this.callerCache.set(fn.node, usages);
    for (const reference of this.resolver.callers.referencesOf(fn)) {
      const parent = reference.parent;
      if (ts.isCallExpression(reference)) usages.push({ node: reference });
      else if (ts.isCallExpression(parent) && parent.expression === reference) usages.push({ node: parent });
      else if (ts.isCallExpression(parent) && parent.arguments.includes(reference as ts.Expression)) {
        const loop = this.iterationCall(parent, reference);
        if (loop) usages.push({ node: parent, loop });
      }
    }
    return usages;
  }
}

interface Usage {
  node: ts.Node;
  /** The loop an array method adds when the function itself is the callback (`docs.map(summarise)`). */
  loop?: LoopFrame;
}

function isLoopStatement(node: ts.Node): node is ts.IterationStatement {
  return ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** True when `child` is the part of the loop that repeats (the body, or a for loop's condition and step). */
function inLoopBody(loop: ts.IterationStatement, child: ts.Node): boolean {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return child === loop.statement;
  if (ts.isForStatement(loop)) return child !== loop.initializer;
  return true;
}

function withIterations(frame: LoopFrame, iterations: number | undefined): LoopFrame {
  return iterations !== undefined && iterations >= 0 ? { ...frame, iterations } : frame;
}

/** `for (let i = A; i < B; i++)` (or `<=`, `i += 1`): B - A iterations when both are known. */
function forBound(statement: ts.ForStatement, resolver: Resolver): number | undefined {
  const declaration = statement.initializer && ts.isVariableDeclarationList(statement.initializer) ? statement.initializer.declarations[0] : undefined;
  if (!declaration || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const variable = declaration.name.text;
  const start = asNumber(resolver.resolve(declaration.initializer));
  const condition = statement.condition;
  if (start === undefined || !condition || !ts.isBinaryExpression(condition) || !ts.isIdentifier(condition.left) || condition.left.text !== variable) return undefined;
  const end = asNumber(resolver.resolve(condition.right));
  if (end === undefined) return undefined;
  const step = stepOf(statement.incrementor, variable);
  if (step === undefined) return undefined;
  const op = condition.operatorToken.kind;
  if (op === ts.SyntaxKind.LessThanToken) return Math.max(0, Math.ceil((end - start) / step));
  if (op === ts.SyntaxKind.LessThanEqualsToken) return Math.max(0, Math.floor((end - start) / step) + 1);
  return undefined;
}

function stepOf(incrementor: ts.Expression | undefined, variable: string): number | undefined {
  if (!incrementor) return undefined;
  if ((ts.isPostfixUnaryExpression(incrementor) || ts.isPrefixUnaryExpression(incrementor)) && incrementor.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(incrementor.operand) && incrementor.operand.text === variable) return 1;
  if (ts.isBinaryExpression(incrementor) && incrementor.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && ts.isIdentifier(incrementor.left) && incrementor.left.text === variable && ts.isNumericLiteral(incrementor.right)) {
    const step = Number(incrementor.right.text);
    return step > 0 ? step : undefined;
  }
  return undefined;
}

/** Elements of an array known from the code: a literal (no runtime spread), `Array.from({ length: n })`, `new Array(n)`. */
function arrayLength(expression: ts.Expression, resolver: Resolver): number | undefined {
  let node: ts.Expression = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  if (ts.isCallExpression(node) && node.expression.getText() === 'Array.from' && node.arguments[0]) {
    const length = asNumber(prop(resolver.resolve(node.arguments[0]), 'length'));
    if (length !== undefined) return length;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['fill', 'keys'].includes(node.expression.name.text)) {
    return arrayLength(node.expression.expression, resolver);
  }
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'Array' && node.arguments?.length === 1) {
    return asNumber(resolver.resolve(node.arguments[0]!));
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'slice' && node.arguments.length === 2) {
    const [from, to] = node.arguments.map((a) => asNumber(resolver.resolve(a)));
    const inner = arrayLength(node.expression.expression, resolver);
    if (from !== undefined && to !== undefined && from >= 0 && to >= from) return inner === undefined ? undefined : Math.min(inner, to) - Math.min(inner, from);
  }
  const value: Value = resolver.resolve(node);
  return value.kind === 'array' && !value.opaqueSpread ? value.items.length : undefined;
}

/** `for (let attempt = 0; attempt < 3; attempt++) { try { ... } catch {} }`: retries, not repetitions. */
function retryLoopOf(loop: ts.IterationStatement, resolver: Resolver): { helper: string; retries: number } | undefined {
  let hasTry = false;
  const findTry = (n: ts.Node): void => {
    if (ts.isTryStatement(n)) hasTry = true;
    else if (!hasTry && !ts.isFunctionLike(n)) ts.forEachChild(n, findTry);
  };
  findTry(loop.statement);
  if (!hasTry) return undefined;
  if (ts.isForStatement(loop)) {
    const declaration = loop.initializer && ts.isVariableDeclarationList(loop.initializer) ? loop.initializer.declarations[0] : undefined;
    if (!declaration || !ts.isIdentifier(declaration.name) || !RETRY_LOOP_VARIABLE.test(declaration.name.text)) return undefined;
    const attempts = forBound(loop, resolver);
    return { helper: `retry loop (${declaration.name.text})`, retries: attempts === undefined ? 3 : Math.max(0, attempts - 1) };
  }
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
    const condition = loop.expression.getText();
    if (!RETRY_LOOP_VARIABLE.test(condition)) return undefined;
    const limit = ts.isBinaryExpression(loop.expression) ? asNumber(resolver.resolve(loop.expression.right)) : undefined;
    return { helper: `retry loop (${condition.slice(0, 40)})`, retries: limit === undefined ? 3 : Math.max(0, limit - 1) };
  }
  return undefined;
}

/** `runTools` (OpenAI: `maxChatCompletions`, default 10) and `toolRunner` (Anthropic: `max_iterations`, unbounded). */
function toolLoopOf(call: ts.CallExpression, chain: readonly string[], resolver: Resolver): Multiplicity['toolLoop'] {
  const method = chain[chain.length - 1];
  if (method === 'runTools') {
    const options = call.arguments[1] ? resolver.resolve(call.arguments[1]) : undefined;
    const bound = asNumber(prop(options, 'maxChatCompletions'));
    return bound !== undefined ? { steps: bound, bound: 'maxChatCompletions' } : { steps: OPENAI_RUN_TOOLS_DEFAULT, bound: 'runTools default (10 chat completions)' };
  }
  if (method === 'toolRunner') {
    const body = call.arguments[0] ? resolver.resolve(call.arguments[0]) : undefined;
    const bound = asNumber(prop(body, 'max_iterations'));
    return bound !== undefined ? { steps: bound, bound: 'max_iterations' } : { bound: 'toolRunner without max_iterations' };
  }
  return undefined;
}

/** Repetitions a list of loops implies, unknown bounds counted as 2 (only to rank callers against each other). */
function scoreOf(loops: LoopFrame[]): number {
  return loops.reduce((product, loop) => product * (loop.iterations ?? 2), 1);
}

/** The repetitions fixed by the code (product of known bounds), and whether some loop's bound is unknown. */
export function loopBounds(loops: readonly LoopFrame[]): { known: number; unknownLoops: number } {
  let known = 1;
  let unknownLoops = 0;
  for (const loop of loops) {
    if (loop.iterations === undefined) unknownLoops++;
    else known *= loop.iterations;
  }
  return { known, unknownLoops };
}
