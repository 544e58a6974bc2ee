import { ts } from 'ts-morph';
import { findDeclaration } from './scope.js';
import type { DetectContext } from './call-site.js';

/**
 * The expression a local name or `this` field was assigned from, as syntax: a variable's initializer, a class
 * field's initializer, or the constructor's `this.x = ...`. Detectors that follow an SDK object from where it is
 * made to where it is used (a LangChain model to `invoke`, a Gemini model to `generateContent`) walk with this,
 * because those objects are built by calls whose result the value resolver does not model.
 */
export function assignedExpression(expr: ts.Expression): ts.Expression | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isAwaitExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
  if (ts.isIdentifier(expr)) {
    const declaration = findDeclaration(expr.text, expr);
    if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer) return unwrap(declaration.initializer);
    return undefined;
  }
  if (ts.isPropertyAccessExpression(expr) && expr.expression.kind === ts.SyntaxKind.ThisKeyword) return fieldInitializer(expr);
  return undefined;
}

/** Strips `await`, parentheses, `as` and `!` around an expression. */
export function unwrap(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr) || ts.isAwaitExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
  return expr;
}

function fieldInitializer(access: ts.PropertyAccessExpression): ts.Expression | undefined {
  let cls: ts.Node | undefined = access.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  const name = access.name.text;
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && member.name.getText() === name && member.initializer) return unwrap(member.initializer);
  }
  for (const member of cls.members) {
    if (!ts.isConstructorDeclaration(member) || !member.body) continue;
    for (const statement of member.body.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) return unwrap(right);
    }
  }
  return undefined;
}

/**
 * Keys of the constructions in a file that an invocation in the same file reaches: a detector prices those at the
 * invocation and skips the construction, so no call is counted twice. Walked once per file and detector family.
 * `reach` maps the receiver of a call named in `methods` to the keys it reaches.
 */
export function reachedInFile(family: string, ctx: DetectContext, methods: readonly string[], reach: (receiver: ts.Expression) => Iterable<string>): Set<string> {
  let byFamily = reachedCache.get(ctx);
  if (!byFamily) reachedCache.set(ctx, (byFamily = new Map()));
  let reached = byFamily.get(family);
  if (reached) return reached;
  const found = new Set<string>();
  byFamily.set(family, found);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && methods.includes(node.expression.name.text)) {
      for (const key of reach(node.expression.expression)) found.add(key);
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sourceFile);
  reached = found;
  return reached;
}

const reachedCache = new WeakMap<DetectContext, Map<string, Set<string>>>();
