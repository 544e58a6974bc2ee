import { ts } from 'ts-morph';
import type { PromptSegment } from './call-site.js';
import { assignedExpression, unwrap } from './follow.js';
import { hasCacheControl } from './messages.js';
import type { Value } from './value.js';

/**
 * Where a call's code puts prompt-cache breakpoints, as static evidence: literal blocks the resolver reads, and
 * breakpoints placed by code the resolver cannot evaluate (a `.map((m, i) => i === last ? {...m, cache_control} : m)`
 * over the conversation, `messages[lastUserIndex].content = [{ ..., cache_control }]` before the call), plus the
 * model ids a caching path is limited to (a `switch` or `includes()` on the call's model). A breakpoint that appears,
 * disappears or moves changes what the provider caches, even when the static prefix priced today is the same.
 */
export interface CachePlacement {
  /** Breakpoints in request order (`tools[-1]`, `system[0]`, `messages[user -1]`): the cached prefix ends at the last. */
  breakpoints: string[];
  /** Model ids that take this caching path, when a guard on the call's model decides it. */
  models?: string[];
}

/** The request parts a detector reads, by property name in its request body (`tools`, `system`, `messages`). */
export interface CacheParts {
  tools?: string;
  system?: string;
  messages?: string;
}

/** Property names that mark a cache breakpoint in any SDK's request shape. */
const MARKERS = new Set(['cache_control', 'cachePoint', 'cacheControl']);

/**
 * The cache placement of one call: `body` is the request body as written (an object literal, or a name assigned
 * one), `parts` the property names of its tools, system and messages, `resolved` what the resolver made of them.
 * Returns undefined when nothing in the call's code asks for caching.
 */
export function cachePlacementOf(call: ts.CallExpression, body: ts.Expression | undefined, parts: CacheParts, resolved: { tools?: Value; prompt: PromptSegment[] }): CachePlacement | undefined {
  const literal = body ? objectLiteralOf(body) : undefined;
  const breakpoints: string[] = [];
  const add = (label: string): void => {
    if (!breakpoints.includes(label)) breakpoints.push(label);
  };
  for (const part of ['tools', 'system', 'messages'] as const) {
    const name = parts[part];
    if (!name) continue;
    const written = literal ? propertyInitializer(literal, name) : undefined;
    for (const at of written ? placedInCode(written, call) : []) add(`${part}[${at}]`);
  }
  // Literal blocks the resolver read (also when the body was built where the syntax above cannot follow).
  if (resolved.tools?.kind === 'array') resolved.tools.items.forEach((item, i) => hasCacheControl(item) && add(`tools[${i}]`));
  let system = 0;
  let message = 0;
  for (const segment of resolved.prompt) {
    const label = segment.role === 'system' ? `system[${system++}]` : `messages[${message++}]`;
    if (segment.cacheBreakpoint) add(label);
  }
  if (breakpoints.length === 0) return undefined;
  const order = (label: string): number => (label.startsWith('tools') ? 0 : label.startsWith('system') ? 1 : 2);
  breakpoints.sort((a, b) => order(a) - order(b));
  const modelNode = literal ? propertyInitializer(literal, 'model') : undefined;
  const models = modelNode ? guardedModels(call, modelNode) : undefined;
  return { breakpoints, ...(models ? { models } : {}) };
}

/** The object literal a body expression is, directly or through a local name. */
function objectLiteralOf(expr: ts.Expression): ts.ObjectLiteralExpression | undefined {
  let current: ts.Expression | undefined = unwrap(expr);
  for (let depth = 0; current && depth < 4; depth++) {
    if (ts.isObjectLiteralExpression(current)) return current;
    current = assignedExpression(current);
  }
  return undefined;
}

function propertyInitializer(literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of literal.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/**
 * Positions in an array-valued expression where code (not a literal the resolver reads) places a breakpoint:
 * a `.map` callback that marks some elements, or an assignment to an element of the array before the call.
 */
function placedInCode(expr: ts.Expression, call: ts.CallExpression, depth = 0): string[] {
  const node = unwrap(expr);
  const found: string[] = [];
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'map') {
    const callback = node.arguments[0];
    if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) found.push(...markedByCallback(callback, node.expression.expression));
    found.push(...placedInCode(node.expression.expression, call, depth + 1));
  }
  if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
    found.push(...markedByAssignment(node, call));
    const assigned = depth < 4 ? assignedExpression(node) : undefined;
    if (assigned && !ts.isArrayLiteralExpression(assigned)) found.push(...placedInCode(assigned, call, depth + 1));
  }
  return found;
}

/** Indices a `.map((item, index) => ...)` callback marks: the conditions on `index` of the branches that add a marker. */
function markedByCallback(callback: ts.ArrowFunction | ts.FunctionExpression, array: ts.Expression): string[] {
  const indexName = callback.parameters[1] && ts.isIdentifier(callback.parameters[1].name) ? callback.parameters[1].name.text : undefined;
  const found: string[] = [];
  const visit = (node: ts.Node, conditions: ts.Expression[]): void => {
    if (ts.isConditionalExpression(node)) {
      visit(node.condition, conditions);
      visit(node.whenTrue, [...conditions, node.condition]);
      visit(node.whenFalse, conditions);
      return;
    }
    if (ts.isIfStatement(node)) {
      visit(node.thenStatement, [...conditions, node.expression]);
      if (node.elseStatement) visit(node.elseStatement, conditions);
      return;
    }
    if (isMarker(node)) {
      // A marker in a branch decided by the index marks those indices; one decided by something else (the block
      // type, the model) is one breakpoint the code places per element it holds for.
      const on = conditions.flatMap((c) => indicesIn(c, indexName, array));
      const labels = on.length > 0 ? on : conditions.length > 0 ? [`where ${normalise(conditions[conditions.length - 1]!)}`] : ['each'];
      for (const label of labels) if (!found.includes(label)) found.push(label);
      return;
    }
    // A nested `.map` over an element's content blocks marks the element itself: it stays under the outer conditions.
    ts.forEachChild(node, (child) => visit(child, conditions));
  };
  visit(callback.body, []);
  return found;
}

/** `index === A || index === B`: the described positions A and B. */
function indicesIn(condition: ts.Expression, indexName: string | undefined, array: ts.Expression): string[] {
  const node = unwrap(condition);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
    return [...indicesIn(node.left, indexName, array), ...indicesIn(node.right, indexName, array)];
  }
  if (!indexName || !ts.isBinaryExpression(node)) return [];
  if (node.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && node.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken) return [];
  const other = isName(node.left, indexName) ? node.right : isName(node.right, indexName) ? node.left : undefined;
  return other ? [describeIndex(other, array)] : [];
}

/** Statements before the call that set a marker on an element of the array: `messages[i].content = [{ ..., cache_control }]`. */
function markedByAssignment(array: ts.Expression, call: ts.CallExpression): string[] {
  const body = enclosingBody(call);
  if (!body) return [];
  const name = array.getText();
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.getStart() >= call.getStart()) return;
    if (ts.isFunctionLike(node) && node !== body.parent) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && containsMarker(node)) {
      const index = elementIndexOf(node.left, name);
      if (index) {
        const label = describeIndex(index, array);
        if (!found.includes(label)) found.push(label);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** The index of `name[index]`, `name[index].content`, `name.at(index)!.x` on the left of an assignment. */
function elementIndexOf(target: ts.Expression, name: string): ts.Expression | undefined {
  let current: ts.Expression = unwrap(target);
  for (let depth = 0; depth < 6; depth++) {
    if (ts.isElementAccessExpression(current) && unwrap(current.expression).getText() === name) return current.argumentExpression;
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && current.expression.name.text === 'at' && unwrap(current.expression.expression).getText() === name) return current.arguments[0];
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = unwrap(current.expression);
    else return undefined;
  }
  return undefined;
}

/**
 * A position as a label that survives renames: `0`, `-1` (from the end), `user -2` (the second-to-last user
 * message, from an index list filtered by role), else the expression's text.
 */
function describeIndex(expr: ts.Expression, array: ts.Expression, depth = 0): string {
  const node = unwrap(expr);
  if (ts.isNumericLiteral(node)) return node.text;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return `-${node.operand.text}`;
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return describeIndex(node.left, array, depth + 1);
    if (op === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.right) && isLength(node.left)) return `-${node.right.text}`;
  }
  if (isLength(node)) return '-0';
  if (ts.isElementAccessExpression(node)) {
    // An entry of a list of indices (`userIndices[userIndices.length - 2]`): which role the list holds.
    const position = describeIndex(node.argumentExpression, array, depth + 1);
    const role = roleOf(node.expression, depth);
    return role ? `${role} ${position}` : position;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    const role = roleIn(node);
    if (method === 'findLastIndex' || method === 'lastIndexOf') return role ? `${role} -1` : '-1';
    if (method === 'findIndex' || method === 'indexOf') return role ? `${role} 0` : '0';
    if (method === 'at' && node.arguments[0]) return describeIndex(node.arguments[0], array, depth + 1);
  }
  if (ts.isIdentifier(node) && depth < 4) {
    const assigned = assignedExpression(node);
    if (assigned) return describeIndex(assigned, array, depth + 1);
  }
  return normalise(node);
}

function isLength(node: ts.Expression): boolean {
  const inner = unwrap(node);
  return ts.isPropertyAccessExpression(inner) && inner.name.text === 'length';
}

/** The role a list of indices is filtered by, following the list to where it is built. */
function roleOf(list: ts.Expression, depth: number): string | undefined {
  const node = unwrap(list);
  const built = ts.isIdentifier(node) && depth < 4 ? assignedExpression(node) : node;
  return built ? roleIn(built) : undefined;
}

function roleIn(node: ts.Node): string | undefined {
  let role: string | undefined;
  const visit = (child: ts.Node): void => {
    if (role) return;
    if (ts.isStringLiteralLike(child) && ['user', 'assistant', 'system', 'tool'].includes(child.text)) role = child.text;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return role;
}

/**
 * The model ids a call is limited to by a guard on its model: the `case` labels of a `switch` over the same
 * expression the call sends as `model` (falling-through labels included), or an `if` on `[...].includes(model)` /
 * `model === 'x' || ...`. Undefined when no such guard encloses the call.
 */
function guardedModels(call: ts.Node, model: ts.Expression): string[] | undefined {
  const modelText = unwrap(model).getText();
  for (let node: ts.Node = call; node.parent && !ts.isFunctionLike(node); node = node.parent) {
    const parent = node.parent;
    if (ts.isCaseClause(node) && ts.isCaseBlock(parent) && unwrap(parent.parent.expression).getText() === modelText) {
      const clauses = parent.clauses;
      const labels: string[] = [];
      for (let i = clauses.indexOf(node); i >= 0; i--) {
        const clause = clauses[i]!;
        if (i !== clauses.indexOf(node) && clause.statements.length > 0) break;
        if (ts.isDefaultClause(clause)) return undefined;
        const label = ts.isStringLiteralLike(clause.expression) ? clause.expression.text : undefined;
        if (label === undefined) return undefined;
        labels.unshift(label);
      }
      return labels;
    }
    if (ts.isIfStatement(parent) && parent.thenStatement === node) {
      const labels = modelsIn(parent.expression, modelText);
      if (labels) return labels;
    }
  }
  return undefined;
}

function modelsIn(condition: ts.Expression, modelText: string): string[] | undefined {
  const node = unwrap(condition);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    const left = modelsIn(node.left, modelText);
    const right = modelsIn(node.right, modelText);
    return left && right ? [...left, ...right] : undefined;
  }
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
    const other = unwrap(node.left).getText() === modelText ? node.right : unwrap(node.right).getText() === modelText ? node.left : undefined;
    return other && ts.isStringLiteralLike(other) ? [other.text] : undefined;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'includes' && node.arguments[0] && unwrap(node.arguments[0]).getText() === modelText) {
    let list: ts.Expression | undefined = unwrap(node.expression.expression);
    for (let depth = 0; list && ts.isIdentifier(list) && depth < 4; depth++) list = assignedExpression(list);
    if (list && ts.isArrayLiteralExpression(list) && list.elements.every(ts.isStringLiteralLike)) return list.elements.map((e) => (e as ts.StringLiteralLike).text);
  }
  return undefined;
}

function isMarker(node: ts.Node): boolean {
  return (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && MARKERS.has(propertyNameText(node.name) ?? '');
}

function containsMarker(node: ts.Node): boolean {
  if (isMarker(node)) return true;
  if (ts.isPropertyAccessExpression(node) && MARKERS.has(node.name.text)) return true;
  return ts.forEachChild(node, (child) => (containsMarker(child) ? true : undefined)) ?? false;
}

function isName(node: ts.Expression, name: string): boolean {
  const inner = unwrap(node);
  return ts.isIdentifier(inner) && inner.text === name;
}

function enclosingBody(node: ts.Node): ts.Block | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const body = (current as ts.FunctionLikeDeclaration).body;
      return body && ts.isBlock(body) ? body : undefined;
    }
  }
  return undefined;
}

function normalise(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}

/** The placement as one line for facts and reports: `system[0], messages[user -1] (models a, b)`. */
export function describePlacement(placement: CachePlacement): string {
  const models = placement.models ? ` (models ${placement.models.join(', ')})` : '';
  return `${placement.breakpoints.join(', ')}${models}`;
}
