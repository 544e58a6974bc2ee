import { ts } from 'ts-morph';
import type { Origin, Value } from './value.js';

type Decide = (node: ts.Expression) => Value;

const PARSE = new Set(['parse', 'parseSync', 'parseAsync', 'opts', 'argv', 'optsWithGlobals']);
const OPTION = new Set(['option', 'requiredOption', 'positional', 'options']);

/**
 * The parsed arguments of a yargs or commander program as the defaults it declares: `yargs(...).option('model',
 * { default: 'gpt-4' }).argv`, `program.option('-m, --model <id>', 'model', 'gpt-4'); program.opts()`. Options
 * are keyed by their long name and its camelCase form. Undefined when `node` does not read parsed arguments.
 */
export function cliOptionDefaults(node: ts.CallExpression | ts.PropertyAccessExpression, decide: Decide, origin: Origin): Value | undefined {
  const access = ts.isCallExpression(node) ? node.expression : node;
  if (!ts.isPropertyAccessExpression(access) || !PARSE.has(access.name.text)) return undefined;
  const props = new Map<string, Value>();
  let found = false;
  const collect = (call: ts.CallExpression): void => {
    if (!ts.isPropertyAccessExpression(call.expression) || !OPTION.has(call.expression.name.text)) return;
    found = true;
    const [first, second, third] = call.arguments;
    if (call.expression.name.text === 'options' && first && ts.isObjectLiteralExpression(first)) {
      // yargs `.options({ model: { default } })`
      for (const property of first.properties) {
        if (ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(property.initializer)) addYargs(property.name.getText().replace(/['"]/g, ''), property.initializer);
      }
      return;
    }
    if (!first || !ts.isStringLiteralLike(first)) return;
    if (second && ts.isObjectLiteralExpression(second)) addYargs(first.text, second);
    else {
      // commander: `.option(flags, description, default)` or `.option(flags, description, parser, default)`
      const long = /--([\w-]+)/.exec(first.text)?.[1];
      const fallback = third && (ts.isArrowFunction(third) || ts.isFunctionExpression(third) || ts.isIdentifier(third) && /^(parse|Number|parseInt|parseFloat)/.test(third.text)) ? call.arguments[3] : third;
      if (long && fallback) set(long, decide(fallback));
    }
  };
  const addYargs = (name: string, options: ts.ObjectLiteralExpression): void => {
    for (const property of options.properties) {
      if (ts.isPropertyAssignment(property) && property.name.getText() === 'default') set(name, decide(property.initializer));
    }
  };
  const set = (name: string, value: Value): void => {
    props.set(name, value);
    props.set(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), value);
  };

  // The fluent chain before the parse call, then, for a program object, the statements that configure it.
  let receiver: ts.Expression = access.expression;
  for (;;) {
    while (ts.isAwaitExpression(receiver) || ts.isParenthesizedExpression(receiver)) receiver = receiver.expression;
    if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) {
      collect(receiver);
      receiver = receiver.expression.expression;
    } else break;
  }
  if (ts.isIdentifier(receiver)) {
    const name = receiver.text;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && rootName(n) === name) {
        let current: ts.Expression = n;
        while (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
          collect(current);
          current = current.expression.expression;
        }
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(node.getSourceFile());
  }
  if (!found) return undefined;
  // Other arguments are set by whoever runs the program: unknown, not absent.
  return { kind: 'object', props, origin, opaqueSpread: true };
}

function rootName(call: ts.CallExpression): string | undefined {
  let current: ts.Expression = call;
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : undefined;
}
