import { ts } from 'ts-morph';
import type { PromptSegment } from './call-site.js';
import type { Resolver } from './resolve.js';
import { findDeclaration } from './scope.js';
import type { Origin } from './value.js';

/**
 * A conversation the call resends on every turn: the input of turn t holds the t-1 turns before it, so the
 * average input grows with `turnsPerConversation`. Recognised shapes:
 *
 * - `messages: [...history, message]` (a spread of an array the code does not fix), also `history.slice(-n)`,
 *   which keeps a window of n messages (truncation);
 * - `messages: this.messages` / a module-level array that the file `push`es onto;
 * - `previous_response_id` / `conversation` (OpenAI Responses: the server prepends the earlier turns);
 * - `chat.sendMessage(...)` on a chat session (`chats.create(...)`, `startChat(...)`), which keeps its history.
 */
export interface HistoryInfo {
  kind: 'spread' | 'push' | 'server' | 'chat-session';
  /** The expression that holds the conversation, as written. */
  expr: string;
  origin: Origin;
  /** Messages kept when the code truncates (`history.slice(-10)`): at most window / 2 earlier turns are resent. */
  window?: number;
  /** Prompt holes that stand for the history (priced by the turn model, not as dynamic values). */
  holeNames: string[];
}

const MESSAGE_KEYS = ['messages', 'input', 'contents', 'history', 'chatHistory'];
const SESSION_METHODS = new Set(['sendMessage', 'sendMessageStream']);

/** The accumulating conversation behind a call, or undefined when each call stands alone. */
export function historyOf(call: ts.CallExpression | ts.NewExpression, prompt: readonly PromptSegment[], resolver: Resolver): HistoryInfo | undefined {
  const callee = call.expression;
  if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee) && SESSION_METHODS.has(callee.name.text)) {
    return { kind: 'chat-session', expr: callee.expression.getText().slice(0, 60), origin: resolver.origin(call), holeNames: [] };
  }
  const body = objectLiteralOf(call.arguments?.[0]);
  if (!body) return undefined;
  for (const property of body.properties) {
    const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
    if ((name === 'previous_response_id' || name === 'conversation') && ts.isPropertyAssignment(property) && !isNullish(property.initializer)) {
      return { kind: 'server', expr: name, origin: resolver.origin(property), holeNames: [] };
    }
  }
  for (const key of MESSAGE_KEYS) {
    const property = body.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key);
    if (!property) continue;
    const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
    const found = value ? conversationIn(value, call, prompt, resolver) : undefined;
    if (found) return found;
  }
  return undefined;
}

function conversationIn(value: ts.Expression, call: ts.Node, prompt: readonly PromptSegment[], resolver: Resolver): HistoryInfo | undefined {
  const node = unwrap(value);
  if (ts.isArrayLiteralExpression(node)) {
    for (const element of node.elements) {
      if (!ts.isSpreadElement(element)) continue;
      const spread = unwrap(element.expression);
      const window = sliceWindow(spread);
      const source = window !== undefined ? sliceSource(spread) : spread;
      const resolved = resolver.resolve(source);
      // A spread of an array the code fixes (few-shot examples) is not a conversation.
      if (resolved.kind === 'array' && !resolved.opaqueSpread && !isAccumulated(source, call)) continue;
      return { kind: 'spread', expr: source.getText().slice(0, 60), origin: resolver.origin(element), ...(window !== undefined ? { window } : {}), holeNames: holesIn(prompt, ['...messages', '...spread', '...content', element.expression.getText()]) };
    }
    return undefined;
  }
  if (ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
    // Passed through as it is (`messages: messages`), a parameter is this call's whole input, not a conversation
    // kept here: only an array that this code grows (a field, a module-level list) is history.
    if (!isAccumulated(node, call, false)) return undefined;
    return { kind: 'push', expr: node.getText().slice(0, 60), origin: resolver.origin(node), holeNames: holesIn(prompt, [node.getText(), '...messages']) };
  }
  const window = sliceWindow(node);
  if (window !== undefined) {
    const source = sliceSource(node);
    if (isAccumulated(source, call)) return { kind: 'push', expr: source.getText().slice(0, 60), origin: resolver.origin(node), window, holeNames: holesIn(prompt, [node.getText()]) };
  }
  return undefined;
}

/**
 * True when the array outlives one call and grows: a class field or module-level array that something pushes onto
 * (or reassigns with a spread of itself), or a parameter spread into the messages (the caller's conversation).
 */
function isAccumulated(expression: ts.Expression, call: ts.Node, parameterIsConversation = true): boolean {
  const text = expression.getText();
  const sf = call.getSourceFile();
  const grows = new RegExp(`${escape(text)}\\s*(?:\\.push\\(|\\.unshift\\(|=\\s*\\[\\s*\\.\\.\\.${escape(text)}|=\\s*${escape(text)}\\.concat\\()`).test(sf.text);
  if (ts.isPropertyAccessExpression(expression)) return grows;
  if (!ts.isIdentifier(expression)) return false;
  const declaration = findDeclaration(expression.text, expression);
  if (!declaration) return grows;
  if (ts.isParameter(declaration) || (ts.isBindingElement(declaration) && isParameterBinding(declaration))) return parameterIsConversation;
  // Declared inside the calling function: built afresh for every call, unless the call sits in a loop that grows it
  // (an agent loop written by hand, priced as steps, not turns).
  const enclosing = enclosingFunction(call);
  return grows && !(enclosing && isInside(declaration, enclosing));
}

/** `history` in `history.slice(-n)`. */
function sliceSource(node: ts.Expression): ts.Expression {
  return unwrap(((node as ts.CallExpression).expression as ts.PropertyAccessExpression).expression);
}

function sliceWindow(node: ts.Expression): number | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'slice') return undefined;
  const first = node.arguments[0];
  if (first && ts.isPrefixUnaryExpression(first) && first.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(first.operand) && node.arguments.length === 1) {
    return Number(first.operand.text);
  }
  return undefined;
}

/** Of the candidate names, the holes the prompt really has (the detector's name for the spread). */
function holesIn(prompt: readonly PromptSegment[], names: string[]): string[] {
  for (const segment of prompt) for (const part of segment.parts) if (typeof part !== 'string' && names.includes(part.hole)) return [part.hole];
  return [];
}

function objectLiteralOf(argument: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!argument) return undefined;
  const node = unwrap(argument);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (ts.isIdentifier(node)) {
    const declaration = findDeclaration(node.text, node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const init = unwrap(declaration.initializer);
      if (ts.isObjectLiteralExpression(init)) return init;
    }
  }
  return undefined;
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current) || ts.isAwaitExpression(current)) current = current.expression;
  return current;
}

function isNullish(node: ts.Expression): boolean {
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
}

function isParameterBinding(element: ts.BindingElement): boolean {
  let current: ts.Node = element;
  while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current)) current = current.parent;
  return ts.isParameter(current);
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return current;
  return undefined;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
