import { ts } from 'ts-morph';
import type { Value } from './value.js';

type Decide = (node: ts.Expression) => Value;

/**
 * The `return` a function body reaches, when its path can be decided statically: a `switch` on a value known
 * for this call (`getDefaultModel('groq')` returning `MODEL_LIST.groq[0]`), `if` on a known condition, guards that
 * only throw. Undefined when the path depends on run-time values (the resolver then reports the call as unknown).
 */
export function reachedReturn(body: ts.Block, decide: Decide): ts.Expression | undefined {
  const outcome = walk(body.statements, decide);
  return outcome.kind === 'return' ? outcome.expression : undefined;
}

type Outcome = { kind: 'return'; expression: ts.Expression | undefined } | { kind: 'continue' } | { kind: 'undecided' } | { kind: 'break' };

function walk(statements: readonly ts.Statement[], decide: Decide): Outcome {
  for (const statement of statements) {
    const outcome = step(statement, decide);
    if (outcome.kind !== 'continue') return outcome;
  }
  return { kind: 'continue' };
}

function step(statement: ts.Statement, decide: Decide): Outcome {
  if (ts.isReturnStatement(statement)) return { kind: 'return', expression: statement.expression };
  // A path that throws returns nothing: the priced path is the one that goes on (`if (!key) throw ...`).
  if (ts.isThrowStatement(statement)) return { kind: 'continue' };
  if (ts.isBreakStatement(statement)) return { kind: 'break' };
  if (ts.isBlock(statement)) return walk(statement.statements, decide);
  if (ts.isTryStatement(statement)) return walk(statement.tryBlock.statements, decide);
  if (ts.isIfStatement(statement)) {
    const condition = conditionOf(statement.expression, decide);
    if (condition === true) return step(statement.thenStatement, decide);
    if (condition === false) return statement.elseStatement ? step(statement.elseStatement, decide) : { kind: 'continue' };
    // A guard whose branches return nothing (`if (!key) throw ...`) does not decide the value.
    if (!returns(statement.thenStatement) && !(statement.elseStatement && returns(statement.elseStatement))) return { kind: 'continue' };
    return { kind: 'undecided' };
  }
  if (ts.isSwitchStatement(statement)) {
    const discriminant = decide(statement.expression);
    const key = literalKey(discriminant);
    const clauses = statement.caseBlock.clauses;
    let start = -1;
    if (key !== undefined) {
      start = clauses.findIndex((clause) => ts.isCaseClause(clause) && literalKey(decide(clause.expression)) === key);
    } else if (discriminant.kind === 'unknown') return { kind: 'undecided' };
    if (start < 0) start = clauses.findIndex((clause) => ts.isDefaultClause(clause));
    if (start < 0) return { kind: 'continue' };
    // Fall through from the matching clause until a return or a break.
    for (const clause of clauses.slice(start)) {
      const outcome = walk(clause.statements, decide);
      if (outcome.kind === 'break') return { kind: 'continue' };
      if (outcome.kind !== 'continue') return outcome;
    }
    return { kind: 'continue' };
  }
  if (ts.isForStatement(statement) || ts.isForOfStatement(statement) || ts.isForInStatement(statement) || ts.isWhileStatement(statement) || ts.isDoStatement(statement)) {
    return returns(statement) ? { kind: 'undecided' } : { kind: 'continue' };
  }
  return { kind: 'continue' };
}

/** The truth of a condition when both sides are known: `===`, `!==`, `==`, `!=`, `!x`, `&&`, `||`, a known value. */
export function conditionOf(expression: ts.Expression, decide: Decide): boolean | undefined {
  while (ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = conditionOf(expression.operand, decide);
    return inner === undefined ? undefined : !inner;
  }
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const left = conditionOf(expression.left, decide);
      const right = conditionOf(expression.right, decide);
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return left === false || right === false ? false : left === true && right === true ? true : undefined;
      return left === true || right === true ? true : left === false && right === false ? false : undefined;
    }
    const equality = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];
    if (equality.includes(op)) {
      // Only an environment flag compares as unset; a caller's value (a selected model) stays unknown.
      const left = literalKey(unsetEnv(decide(expression.left), true));
      const right = literalKey(unsetEnv(decide(expression.right), true));
      if (left === undefined || right === undefined) return undefined;
      const equal = left === right;
      return op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken ? equal : !equal;
    }
    return undefined;
  }
  const value = unsetEnv(decide(expression));
  switch (value.kind) {
    case 'boolean':
      return value.value;
    case 'null':
      return false;
    case 'number':
      return value.value !== 0;
    case 'text':
      return value.parts.length === 0 ? false : value.parts.some((p) => typeof p === 'string' && p.length > 0) ? true : undefined;
    case 'object':
    case 'array':
    case 'function':
      return true;
    default:
      return undefined;
  }
}

/**
 * A run-time input (an environment variable, a caller's argument, an injected field or option) tested in a
 * condition is priced as unset: the default path, flags off, the same choice the resolver makes for
 * `process.env.X ?? 'default'` and `options.model || DEFAULT_MODEL`.
 */
function unsetEnv(value: Value, envOnly = false): Value {
  if (value.kind !== 'unknown') return value;
  return (envOnly ? value.reason.startsWith('environment variable') : RUNTIME_INPUT.test(value.reason)) ? { kind: 'null', origin: value.origin } : value;
}
const RUNTIME_INPUT = /^(environment variable|a function parameter|a field set at run time|destructured from a value known only at run time)/;

/** A comparable key for a literal value: text without holes, numbers, booleans, null. */
function literalKey(value: Value): string | undefined {
  switch (value.kind) {
    case 'text':
      return value.parts.every((p) => typeof p === 'string') ? `s:${value.parts.join('')}` : undefined;
    case 'number':
      return `n:${value.value}`;
    case 'boolean':
      return `b:${value.value}`;
    case 'null':
      return 'null';
    default:
      return undefined;
  }
}

function returns(node: ts.Node): boolean {
  if (ts.isReturnStatement(node)) return true;
  if (ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, (child) => (returns(child) ? true : undefined)) === true;
}
