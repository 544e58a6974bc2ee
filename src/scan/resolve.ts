import { ts } from 'ts-morph';
import { posix } from 'node:path';
import { CallerIndex } from './callers.js';
import { cliOptionDefaults } from './cli-options.js';
import { distinctItems, objectHelper, typeOf } from './builtins.js';
import { conditionOf, reachedReturn } from './control-flow.js';
import { unwrap } from './follow.js';
import type { Snapshot } from './snapshot.js';
import { bindingNames, findDeclaration, hasExportModifier } from './scope.js';
import {
  agreedValue,
  asString,
  describeValue,
  fromJson,
  holeFor,
  isFalsy,
  isPlainData,
  isRuntimeValue,
  mergeParts,
  sameValue,
  trimText,
  unknown,
  type Origin,
  type TextPart,
  type Value,
} from './value.js';
import { MAX_PROMPT_BYTES } from './files.js';
import { placeholderParts, replaceInText, valueAsJsonText } from './prompt-text.js';
import { splitSpecifier, WorkspacePackages } from './workspace.js';

/**
 * The one shared value resolver: what an expression evaluates to, worked out from the syntax of the snapshot's
 * files without running anything. Follows consts, enums, object and array lookups, spreads, imports across
 * files, `process.env.X ?? 'default'`, default parameters, class fields and getters, JSON modules, prompt files
 * read with `fs.readFileSync` / `readFile`, template literals and concatenation. What it cannot pin down comes
 * back as an `unknown` that names the expression, so the report can say exactly what to configure.
 */
export class Resolver {
  private readonly active = new Set<ts.Node>();
  private readonly exportCache = new Map<string, Map<string, ts.Node | 'namespace'>>();
  private callerIndex?: CallerIndex;
  private workspacePackages?: WorkspacePackages;
  /** Nesting of caller lookups under way (a caller's argument that is itself a parameter of its function). */
  private callerDepth = 0;
  /** Lookups cut short so far (depth bounds, cycles): an answer worked out while this did not grow is complete. */
  private cutShort = 0;
  /** Of those, the cycles: an answer cut short only by the depth bound is the same whenever asked at that depth. */
  private cycles = 0;
  private readonly callerArgumentsAtDepth = new Map<ts.Node, Map<number, CallerArgument[] | undefined>>();
  private readonly callerArgumentCache = new Map<ts.Node, CallerArgument[] | undefined>();
  private readonly chainCache = new Map<ts.Node, ChainLink[]>();
  private readonly valueCache = new Map<ts.Node, Value>();

  /**
   * `isCallerFile`: where callers of the repository's functions count (source files, not tests or build output).
   * `sdkPackages`: packages imported as bindings even when a `package.json` of the repository declares them.
   */
  constructor(
    private readonly snapshot: Snapshot,
    private readonly isCallerFile: (path: string) => boolean = () => true,
    private readonly sdkPackages: ReadonlySet<string> = new Set(),
  ) {}

  /** The snapshot's callers index (built on first use): who calls a function, a method or a constructor. */
  get callers(): CallerIndex {
    this.callerIndex ??= new CallerIndex(this.snapshot, (specifier, from) => this.resolveModulePath(specifier, from), this.isCallerFile);
    return this.callerIndex;
  }

  /** The value of `node`. `env` binds parameters of a function being evaluated for one call. */
  resolve(node: ts.Node, env?: Env): Value {
    const unbound = env === undefined || env.size === 0;
    const cached = unbound ? this.valueCache.get(node) : undefined;
    if (cached) return cached;
    if (this.active.has(node) || this.active.size > 60) {
      this.cutShort++;
      this.cycles++;
      return unknown(node.getText(), 'circular or too deep', this.origin(node));
    }
    this.active.add(node);
    const before = this.cutShort;
    try {
      const value = this.evaluate(node, env);
      // Without bindings an expression has one value; it is kept once worked out completely (not cut short).
      if (unbound && this.cutShort === before) this.valueCache.set(node, value);
      return value;
    } finally {
      this.active.delete(node);
    }
  }

  origin(node: ts.Node): Origin {
    const sf = node.getSourceFile();
    return { file: sf.fileName, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 };
  }

  private evaluate(node: ts.Node, env: Env | undefined): Value {
    const origin = this.origin(node);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      return { kind: 'text', parts: [node.text], origin };
    }
    if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text.replace(/_/g, '')), origin };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true, origin };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false, origin };
    if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null', origin };
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isAwaitExpression(node)
    ) {
      return this.resolve(node.expression, env);
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const truth = conditionOf(node, (e) => this.resolve(e, env));
      return truth !== undefined ? { kind: 'boolean', value: truth, origin } : unknown(node.getText(), 'a condition known only at run time', origin);
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
      const inner = this.resolve(node.operand, env);
      return inner.kind === 'number' ? { ...inner, value: -inner.value } : unknown(node.getText(), 'not a number', origin);
    }
    if (ts.isTemplateExpression(node)) return this.template(node, env);
    if (ts.isBinaryExpression(node)) return this.binary(node, env);
    if (ts.isConditionalExpression(node)) {
      const condition = conditionOf(node.condition, (e) => this.resolve(e, env));
      if (condition !== undefined) return this.resolve(condition ? node.whenTrue : node.whenFalse, env);
      const whenTrue = this.resolve(node.whenTrue, env);
      const whenFalse = this.resolve(node.whenFalse, env);
      if (sameValue(whenTrue, whenFalse)) return whenTrue;
      return unknown(node.getText(), 'depends on a condition known only at run time', origin);
    }
    if (ts.isObjectLiteralExpression(node)) return this.object(node, env);
    if (ts.isArrayLiteralExpression(node)) return this.array(node, env);
    if (ts.isIdentifier(node)) return this.identifier(node, env);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.member(node, env);
    if (ts.isCallExpression(node)) return this.call(node, env);
    if (ts.isNewExpression(node)) return this.construct(node, env);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return { kind: 'function', origin };
    if (node.kind === ts.SyntaxKind.ThisKeyword) return unknown('this', 'the object itself', origin);
    if (ts.isMetaProperty(node)) return this.metaProperty(node, origin);
    if (ts.isVoidExpression(node)) return { kind: 'null', origin };
    if (ts.isTypeOfExpression(node)) return typeOf(this.resolve(node.expression, env), node.getText(), origin);
    return unknown(node.getText(), 'not a value the scanner can follow', origin);
  }

  private template(node: ts.TemplateExpression, env: Env | undefined): Value {
    const parts: TextPart[] = [node.head.text];
    const files: string[] = [];
    for (const span of node.templateSpans) {
      appendText(parts, files, this.resolve(span.expression, env), span.expression);
      parts.push(span.literal.text);
    }
    return { kind: 'text', parts: mergeParts(parts), origin: this.origin(node), files };
  }

  private binary(node: ts.BinaryExpression, env: Env | undefined): Value {
    const op = node.operatorToken.kind;
    const origin = this.origin(node);
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      // `process.env.MODEL || 'gpt-4o-mini'`: the left side is unknown until run time, so the default is what we
      // can price; a left side we can resolve (a config loader's own default) wins, as it does at run time.
      const left = this.resolve(node.left, env);
      // A member of a package call's result (`ini.parse(file).model`) is data read at run time, as unknown as an
      // environment variable: the fallback is what can be priced.
      if (!isRuntimeValue(left) && !(op === ts.SyntaxKind.BarBarToken && isFalsy(left))) return left;
      return this.resolve(node.right, env);
    }
    if (op === ts.SyntaxKind.PlusToken) {
      const left = this.resolve(node.left, env);
      const right = this.resolve(node.right, env);
      if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value, origin };
      const parts: TextPart[] = [];
      const files: string[] = [];
      appendText(parts, files, left, node.left);
      appendText(parts, files, right, node.right);
      return { kind: 'text', parts: mergeParts(parts), origin, files };
    }
    if (op === ts.SyntaxKind.AsteriskToken) {
      const left = this.resolve(node.left, env);
      const right = this.resolve(node.right, env);
      if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value * right.value, origin };
    }
    // `a === 'x'`, `flag && other`: a boolean when both sides are known (an env flag compared is unset).
    const truth = conditionOf(node, (e) => this.resolve(e, env));
    if (truth !== undefined) return { kind: 'boolean', value: truth, origin };
    return unknown(node.getText(), 'an expression computed at run time', origin);
  }

  private object(node: ts.ObjectLiteralExpression, env: Env | undefined): Value {
    const props = new Map<string, Value>();
    let opaqueSpread = false;
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const name = this.propertyName(property.name, env);
        if (name !== undefined) props.set(name, this.resolve(property.initializer, env));
      } else if (ts.isShorthandPropertyAssignment(property)) {
        props.set(property.name.text, this.resolve(property.name, env));
      } else if (ts.isSpreadAssignment(property)) {
        // A shallow merge: a later spread replaces whole keys, nested objects included (that is how a nested
        // `maxTokens` silently disappears at run time, and why we merge the same way).
        const spread = this.resolve(property.expression, env);
        if (spread.kind === 'object') {
          for (const [key, value] of spread.props) props.set(key, value);
          opaqueSpread ||= spread.opaqueSpread === true;
        } else if (spread.kind !== 'null') opaqueSpread = true;
      }
    }
    return { kind: 'object', props, origin: this.origin(node), ...(opaqueSpread ? { opaqueSpread } : {}) };
  }

  private array(node: ts.ArrayLiteralExpression, env: Env | undefined): Value {
    const items: Value[] = [];
    let opaqueSpread = false;
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) {
        const spread = this.resolve(element.expression, env);
        if (spread.kind === 'array') items.push(...spread.items);
        else opaqueSpread = true;
      } else items.push(this.resolve(element, env));
    }
    return { kind: 'array', items, origin: this.origin(node), ...(opaqueSpread ? { opaqueSpread } : {}) };
  }

  private propertyName(name: ts.PropertyName, env: Env | undefined): string | undefined {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const key = this.resolve(name.expression, env);
      if (key.kind === 'text' && key.parts.every((p) => typeof p === 'string')) return key.parts.join('');
      if (key.kind === 'number') return String(key.value);
    }
    return undefined;
  }

  private identifier(node: ts.Identifier, env: Env | undefined): Value {
    const origin = this.origin(node);
    const name = node.text;
    if (name === 'undefined') return { kind: 'null', origin };
    if (name === '__dirname') return { kind: 'text', parts: [posix.dirname(origin.file)], origin };
    if (name === '__filename') return { kind: 'text', parts: [origin.file], origin };
    const declaration = findDeclaration(name, node);
    if (!declaration) return unknown(name, 'not declared in this file (a global or runtime value)', origin);
    return this.declarationValue(declaration, name, env);
  }

  /** The value bound by a declaration found in scope. */
  private declarationValue(declaration: ts.Node, name: string, env: Env | undefined): Value {
    const origin = this.origin(declaration);
    if (ts.isVariableDeclaration(declaration)) {
      if (!declaration.initializer) return unknown(name, 'declared without a value', origin);
      if (ts.isIdentifier(declaration.name)) return this.resolve(declaration.initializer, env);
      return unknown(name, 'destructured', origin);
    }
    if (ts.isBindingElement(declaration)) return this.bindingElement(declaration, env);
    if (ts.isParameter(declaration)) {
      const bound = env?.get(declaration);
      if (bound && bound.kind !== 'null') return bound;
      const fallback = declaration.initializer ? this.resolve(declaration.initializer, env) : undefined;
      // `undefined` (or null) passed where there is no default: that is the value.
      if (bound && !fallback) return bound;
      const injected = isBoundBy(declaration.parent, env) ? undefined : this.injected(declaration, name, (arg) => arg, fallback);
      return injected ?? fallback ?? unknown(name, 'a function parameter (its value comes from the caller)', origin);
    }
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
      return this.imported(declaration, origin);
    }
    if (ts.isImportEqualsDeclaration(declaration)) {
      const ref = declaration.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) {
        return this.moduleBinding(ref.expression.text, 'default', declaration.getSourceFile().fileName, origin);
      }
    }
    if (ts.isEnumDeclaration(declaration)) return this.enumObject(declaration);
    if (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) return { kind: 'function', origin };
    if (ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) {
      return declaration.initializer ? this.resolve(declaration.initializer, env) : unknown(name, 'a field set at run time', origin);
    }
    if (ts.isExportAssignment(declaration)) return this.resolve(declaration.expression, env);
    return unknown(name, 'a runtime binding', origin);
  }

  private bindingElement(element: ts.BindingElement, env: Env | undefined): Value {
    const origin = this.origin(element);
    const pattern = element.parent;
    const name = ts.isIdentifier(element.name) ? element.name.text : element.getText();
    let container: Value | undefined;
    const holder = pattern.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer) container = this.resolve(holder.initializer, env);
    else if (ts.isParameter(holder)) {
      const bound = env?.get(holder);
      if (!bound && ts.isObjectBindingPattern(pattern) && !isBoundBy(holder.parent, env)) {
        // `researcher({ model, searchMode })`: the key each caller's object passes, or the element's default.
        const key = element.propertyName ? this.propertyName(element.propertyName, env) : name;
        const fallback = element.initializer ? this.resolve(element.initializer, env) : undefined;
        const injected = key === undefined ? undefined : this.injected(holder, name, (arg) => (arg?.kind === 'object' ? arg.props.get(key) : undefined), fallback);
        if (injected) return injected;
      }
      container = bound ?? (holder.initializer ? this.resolve(holder.initializer, env) : undefined);
    } else if (ts.isBindingElement(holder)) container = this.bindingElement(holder, env);
    let value: Value | undefined;
    if (ts.isObjectBindingPattern(pattern)) {
      const key = element.propertyName ? this.propertyName(element.propertyName, env) : name;
      value = container?.kind === 'object' && key !== undefined ? container.props.get(key) : undefined;
      if (container?.kind === 'module' && key !== undefined) value = { ...container, name: key };
    } else if (ts.isArrayBindingPattern(pattern) && container?.kind === 'array') {
      value = container.items[pattern.elements.indexOf(element)];
    }
    if (value && value.kind !== 'null' && value.kind !== 'unknown') return value;
    if (element.initializer) return this.resolve(element.initializer, env);
    return value ?? unknown(name, 'destructured from a value known only at run time', origin);
  }

  private imported(declaration: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport, origin: Origin): Value {
    let importDeclaration: ts.Node = declaration;
    while (!ts.isImportDeclaration(importDeclaration)) importDeclaration = importDeclaration.parent;
    const specifier = (importDeclaration as ts.ImportDeclaration).moduleSpecifier;
    if (!ts.isStringLiteral(specifier)) return unknown(declaration.getText(), 'dynamic import', origin);
    const exportName = ts.isImportSpecifier(declaration)
      ? (declaration.propertyName ?? declaration.name).text
      : ts.isImportClause(declaration)
        ? 'default'
        : '*';
    return this.moduleBinding(specifier.text, exportName, declaration.getSourceFile().fileName, origin);
  }

  /** A binding from another module: a package (an SDK) or a file of this repository (followed). */
  moduleBinding(specifier: string, exportName: string, fromFile: string, origin: Origin): Value {
    // A package of this monorepo (`@acme/core`) is followed like a relative import; any other package is a binding.
    if (isBareSpecifier(specifier) && !this.workspace.has(splitSpecifier(specifier).name)) {
      return { kind: 'module', module: specifier, name: exportName, origin };
    }
    const target = this.resolveModulePath(specifier, fromFile);
    if (!target) return unknown(`${exportName} from '${specifier}'`, 'module not found in the repository', origin);
    return this.exportValue(target, exportName, origin);
  }

  /** The value a file exports under `exportName` (`*` for the whole namespace, `default`). */
  exportValue(file: string, exportName: string, origin: Origin): Value {
    if (TEXT_MODULE.test(file)) {
      // A prompt imported as text by the bundler (`import prompt from './system.md'`, `?raw`).
      const text = this.snapshot.read(file);
      if (text === undefined) return unknown(file, `prompt file not read: larger than ${MAX_PROMPT_BYTES / 1024 / 1024} MiB or not text`, origin, true);
      return { kind: 'text', parts: placeholderParts(text), origin: { file, line: 1 }, files: [file] };
    }
    if (file.endsWith('.json')) {
      const text = this.snapshot.read(file);
      const fileOrigin = { file, line: 1 };
      if (text === undefined) return unknown(file, 'JSON file not readable', origin);
      try {
        const json = fromJson(JSON.parse(text), fileOrigin);
        if (exportName === 'default' || exportName === '*') return json;
        return json.kind === 'object' ? (json.props.get(exportName) ?? unknown(exportName, `not a key of ${file}`, fileOrigin)) : json;
      } catch {
        return unknown(file, 'invalid JSON', fileOrigin);
      }
    }
    const exports = this.exportsOf(file);
    if (exportName === '*') {
      const props = new Map<string, Value>();
      for (const [name, node] of exports) if (node !== 'namespace') props.set(name, this.exportedNode(node, name, file));
      return { kind: 'object', props, origin: { file, line: 1 } };
    }
    const node = exports.get(exportName);
    if (!node) return unknown(exportName, `not exported by ${file}`, origin);
    return this.exportedNode(node, exportName, file);
  }

  private exportedNode(node: ts.Node | 'namespace', name: string, file: string): Value {
    if (node === 'namespace') return this.exportValue(file, '*', { file, line: 1 });
    // CommonJS: `module.exports = value` and `exports.name = value` record the value itself.
    if (ts.isBinaryExpression(node.parent) && node.parent.right === node) return this.resolve(node);
    if (ts.isExportSpecifier(node)) {
      const declaration = node.parent.parent;
      const localName = (node.propertyName ?? node.name).text;
      if (declaration.moduleSpecifier && ts.isStringLiteral(declaration.moduleSpecifier)) {
        return this.moduleBinding(declaration.moduleSpecifier.text, localName, file, this.origin(node));
      }
      const local = findDeclaration(localName, node);
      return local ? this.declarationValue(local, localName, undefined) : unknown(localName, 'not declared', this.origin(node));
    }
    return this.declarationValue(node, name, undefined);
  }

  private exportsOf(file: string): Map<string, ts.Node | 'namespace'> {
    const cached = this.exportCache.get(file);
    if (cached) return cached;
    const exports = new Map<string, ts.Node | 'namespace'>();
    this.exportCache.set(file, exports);
    const sf = this.snapshot.parse(file);
    if (!sf) return exports;
    for (const statement of sf.statements) {
      const exported = hasExportModifier(statement);
      if (ts.isVariableStatement(statement) && exported) {
        for (const declaration of statement.declarationList.declarations) {
          for (const [name, node] of bindingNames(declaration)) exports.set(name, node);
        }
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && exported && statement.name) {
        const isDefault = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        exports.set(isDefault ? 'default' : statement.name.text, statement);
      } else if (ts.isExportAssignment(statement)) {
        exports.set('default', statement);
      } else if (ts.isExportDeclaration(statement)) {
        if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
          for (const element of statement.exportClause.elements) exports.set(element.name.text, element);
        } else if (!statement.exportClause && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
          const target = this.resolveModulePath(statement.moduleSpecifier.text, file);
          if (target && target !== file) for (const [name, node] of this.exportsOf(target)) if (!exports.has(name)) exports.set(name, node);
        }
      }
    }
    // CommonJS: `module.exports = {...}` and `exports.X = ...`
    for (const statement of sf.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left)) continue;
      const target = left.getText();
      if (target === 'module.exports') exports.set('default', right);
      else if (target.startsWith('exports.') || target.startsWith('module.exports.')) exports.set(left.name.text, right);
    }
    return exports;
  }

  /** Maps an import specifier to a file of the snapshot, the way TypeScript and bundlers do for relative paths. */
  resolveModulePath(specifier: string, fromFile: string): string | undefined {
    // Bundler queries (`./system.md?raw`) name the same file.
    specifier = specifier.replace(/\?(raw|text|inline)$/, '');
    if (isBareSpecifier(specifier)) return this.workspace.resolve(specifier);
    let base: string;
    if (specifier.startsWith('@/') || specifier.startsWith('~/')) {
      // The common `paths` alias for the source root; tried against the usual roots.
      const rest = specifier.slice(2);
      for (const root of ['src', '', 'app']) {
        const found = this.withExtensions(posix.join(root, rest));
        if (found) return found;
      }
      return undefined;
    }
    base = specifier.startsWith('/') ? specifier.slice(1) : posix.join(posix.dirname(fromFile), specifier);
    return this.withExtensions(base);
  }

  /** The packages of this repository, by name (a monorepo's workspaces). Indexed on first use. */
  private get workspace(): WorkspacePackages {
    this.workspacePackages ??= new WorkspacePackages(this.snapshot, (base) => this.withExtensions(base), this.sdkPackages);
    return this.workspacePackages;
  }

  private withExtensions(base: string): string | undefined {
    const paths = this.snapshot.paths;
    const stripped = base.replace(/\.(c|m)?js$/, '').replace(/\.jsx$/, '');
    const candidates = [
      base,
      `${stripped}.ts`,
      `${stripped}.tsx`,
      `${stripped}.mts`,
      `${stripped}.cts`,
      `${stripped}.js`,
      `${stripped}.mjs`,
      `${stripped}.cjs`,
      `${stripped}.jsx`,
      `${base}/index.ts`,
      `${base}/index.tsx`,
      `${base}/index.js`,
    ];
    return candidates.find((c) => paths.has(c) && (c !== base || /\.(json|[cm]?[jt]sx?)$/.test(c) || TEXT_MODULE.test(c)));
  }

  private enumObject(declaration: ts.EnumDeclaration): Value {
    const props = new Map<string, Value>();
    let next = 0;
    for (const member of declaration.members) {
      const name = this.propertyName(member.name, undefined);
      if (name === undefined) continue;
      if (member.initializer) {
        const value = this.resolve(member.initializer);
        props.set(name, value);
        if (value.kind === 'number') next = value.value + 1;
      } else props.set(name, { kind: 'number', value: next++, origin: this.origin(member) });
    }
    return { kind: 'object', props, origin: this.origin(declaration) };
  }

  private member(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, env: Env | undefined): Value {
    const origin = this.origin(node);
    const text = node.expression.getText();
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'argv') {
      const cliDefaults = cliOptionDefaults(node, (e) => this.resolve(e, env), origin);
      if (cliDefaults) return cliDefaults;
    }
    if (ts.isPropertyAccessExpression(node) && /^(process\.env|import\.meta\.env|Deno\.env)$/.test(text)) {
      return unknown(node.getText(), `environment variable ${node.name.text} (set at run time)`, origin);
    }
    if (ts.isElementAccessExpression(node) && /^(process\.env|import\.meta\.env)$/.test(text)) {
      return unknown(node.getText(), 'environment variable (set at run time)', origin);
    }
    let key: string | undefined;
    if (ts.isPropertyAccessExpression(node)) key = node.name.text;
    else {
      const index = this.resolve(node.argumentExpression, env);
      if (index.kind === 'number') key = String(index.value);
      else if (index.kind === 'text' && index.parts.every((p) => typeof p === 'string')) key = index.parts.join('');
    }
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword && key !== undefined) return this.thisMember(node, key, env);
    if (ts.isMetaProperty(node.expression) && key === 'dirname') return { kind: 'text', parts: [posix.dirname(origin.file)], origin };
    // `import.meta.url` stands for this file's path, so `dirname(fileURLToPath(import.meta.url))` is its folder.
    if (ts.isMetaProperty(node.expression) && (key === 'url' || key === 'filename')) return { kind: 'text', parts: [origin.file], origin };
    const container = this.resolve(node.expression, env);
    if (key === undefined) return unknown(node.getText(), 'an index known only at run time', origin);
    switch (container.kind) {
      case 'object':
        return container.props.get(key) ?? (container.opaqueSpread ? unknown(node.getText(), 'may come from a spread known only at run time', origin) : { kind: 'null', origin });
      case 'array':
        if (key === 'length') return { kind: 'number', value: container.items.length, origin };
        return container.items[Number(key)] ?? unknown(node.getText(), 'index out of the known items', origin);
      case 'module':
        return { ...container, name: container.name === 'default' || container.name === '*' ? key : `${container.name}.${key}` };
      case 'moduleCall':
        // A member of what an SDK factory returned (`createOpenAI({...}).chat`, `registry.languageModel`).
        if (container.pending) return { ...container, path: [...container.path, key], origin };
        return { kind: 'moduleCall', module: container.module, name: container.name, path: [key], args: [], origin, receiver: container, pending: true };
      case 'unknown':
        return unknown(node.getText(), container.reason, origin);
      default:
        return unknown(node.getText(), 'not an object', origin);
    }
  }

  /**
   * `this.model`: a class field's initializer, a getter's return, or the constructor's assignment, in the class or
   * in a base class of the repository (read with the base constructor's parameters as the subclass passes them).
   */
  private thisMember(node: ts.Node, key: string, env: Env | undefined): Value {
    const origin = this.origin(node);
    let cls: ts.Node | undefined = node.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls || !ts.isClassLike(cls)) return unknown(node.getText(), 'not inside a class', origin);
    for (const [i, link] of this.classChain(cls).entries()) {
      const found = this.ownMember(link.cls, key, i === 0 ? env : withBindings(env, link.env()));
      if (found) return found;
    }
    return unknown(node.getText(), 'a field set at run time', origin);
  }

  /** A field, getter or constructor-set property `key` declared by `cls` itself. */
  private ownMember(cls: ts.ClassLikeDeclaration, key: string, env: Env | undefined): Value | undefined {
    for (const member of cls.members) {
      const name = member.name && this.propertyName(member.name, env);
      if (name !== key) continue;
      if (ts.isPropertyDeclaration(member) && member.initializer) return this.resolve(member.initializer, env);
      if (ts.isGetAccessorDeclaration(member) && member.body) {
        const returned = singleReturn(member.body);
        if (returned) return this.resolve(returned, env);
      }
    }
    for (const member of cls.members) {
      if (ts.isConstructorDeclaration(member) && member.body) {
        for (const statement of member.body.statements) {
          if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
          const { left, right, operatorToken } = statement.expression;
          if (operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === key) {
            return this.resolve(right, env);
          }
        }
        // `constructor(private readonly config: EngineConfig)`: a parameter property, set by the caller.
        const property = member.parameters.find((p) => ts.isParameterPropertyDeclaration(p, member) && ts.isIdentifier(p.name) && p.name.text === key);
        if (property) return this.declarationValue(property, key, env);
      }
    }
    return undefined;
  }

  /**
   * The classes a `this` in `cls` sees, nearest first: `cls`, then each base class of the repository it extends,
   * each with its constructor's parameters bound to what the class below passes: the subclass's `super(...)`
   * arguments, or, for a subclass without a constructor, what its own constructor was given (`args`, or the value
   * its `new Subclass(...)` callers agree on). The classes are cached per class; each link's bindings are worked
   * out only when a member is looked up there.
   */
  private classChain(cls: ts.ClassLikeDeclaration, args?: () => Array<Value | undefined>): ChainLink[] {
    const cached = args === undefined ? this.chainCache.get(cls) : undefined;
    if (cached) return cached;
    const chain: ChainLink[] = [this.chainLink(cls, () => args?.())];
    for (let depth = 0; depth < MAX_BASE_CLASSES; depth++) {
      const below = chain[chain.length - 1]!;
      const base = this.baseClassOf(below.cls);
      if (!base || chain.some((link) => link.cls === base)) break;
      const superArgs = constructorOf(below.cls) ? superCallArgs(below.cls) : undefined;
      if (constructorOf(below.cls) && !superArgs) break;
      chain.push(
        this.chainLink(base, () =>
          superArgs
            ? spreadCut(superArgs).map((a) => (ts.isSpreadElement(a) ? unknown(a.getText(), 'arguments spread at the call', this.origin(a)) : this.resolve(a, below.env())))
            : (below.passed() ?? this.constructionArguments(below.cls, constructorOf(base)?.parameters.length ?? 0)),
        ),
      );
    }
    if (args === undefined) this.chainCache.set(cls, chain);
    return chain;
  }

  /**
   * A link of a class chain, its bindings worked out on first use. They are kept only when worked out outside any
   * caller lookup: a lookup cut short by the depth bound is not a complete answer.
   */
  private chainLink(cls: ts.ClassLikeDeclaration, passed: () => Array<Value | undefined> | undefined): ChainLink {
    let kept: { passed: Array<Value | undefined> | undefined; env: Env } | undefined;
    const work = (): { passed: Array<Value | undefined> | undefined; env: Env } => {
      if (kept) return kept;
      const outermost = this.callerDepth === 0;
      const before = this.cutShort;
      const values = passed();
      const result = { passed: values, env: values ? constructorBindings(cls, values) : new Map() };
      if (outermost || this.cutShort === before) kept = result;
      return result;
    };
    return { cls, passed: () => work().passed, env: () => work().env };
  }

  /** The repository class `cls` extends (`class DeepseekEngine extends OpenAiEngine`), followed through imports. */
  private baseClassOf(cls: ts.ClassLikeDeclaration): ts.ClassDeclaration | undefined {
    const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    return base && ts.isIdentifier(base) ? this.classDeclarationOf(base) : undefined;
  }

  /**
   * What the `new Subclass(...)` callers of a class without a constructor pass, argument by argument (the same
   * agreement rule as any parameter's callers); undefined where they cannot all be seen or pass nothing.
   */
  private constructionArguments(cls: ts.ClassLikeDeclaration, count: number): Array<Value | undefined> {
    if (!ts.isClassDeclaration(cls) || count === 0) return [];
    if (this.callerDepth >= MAX_CALLER_DEPTH) {
      this.cutShort++;
      return [];
    }
    const calls = this.callers.constructionsOfClass(cls);
    if (calls.length === 0 || calls.length > MAX_CALLERS) return [];
    const passed: Array<Value | undefined> = [];
    for (let index = 0; index < count; index++) {
      const callers = this.argumentsAt(calls, index, false);
      passed.push(callers.every((c) => c.value === undefined) ? undefined : this.agreedArgument(callers, `argument ${index + 1} of new ${cls.name?.text ?? 'class'}`, (arg) => arg, undefined, this.origin(cls)));
    }
    return passed;
  }

  private call(node: ts.CallExpression, env: Env | undefined): Value {
    const origin = this.origin(node);
    const callee = node.expression;
    const calleeName = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    // `program.opts()`, `yargs(...).option('model', { default }).parse()`: the declared defaults.
    const cliDefaults = cliOptionDefaults(node, (e) => this.resolve(e, env), origin);
    if (cliDefaults) return cliDefaults;

    // String and array helpers that keep prompt text intact.
    if (ts.isPropertyAccessExpression(callee) && RECEIVER_METHODS.has(calleeName)) {
      const inner = this.resolve(callee.expression, env);
      const helped = this.receiverMethod(node, calleeName, inner, env);
      if (helped) return helped;
    }
    if (calleeName === 'String' && node.arguments[0]) return this.resolve(node.arguments[0], env);
    if (calleeName === 'Boolean' && ts.isIdentifier(callee) && node.arguments[0]) {
      const truth = conditionOf(node.arguments[0], (e) => this.resolve(e, env));
      if (truth !== undefined) return { kind: 'boolean', value: truth, origin };
    }
    // `JSON.stringify(body)` (Bedrock InvokeModel, raw HTTP bodies): the JSON text, keeping the value it encodes.
    if (calleeName === 'stringify' && callee.getText() === 'JSON.stringify' && node.arguments[0]) {
      const json = this.resolve(node.arguments[0], env);
      return { kind: 'text', parts: mergeParts(valueAsJsonText(json)), origin, json };
    }
    // `Buffer.from(text)`, `new TextEncoder().encode(text)`: the same bytes.
    if ((callee.getText() === 'Buffer.from' || (calleeName === 'encode' && ts.isPropertyAccessExpression(callee) && ts.isNewExpression(callee.expression))) && node.arguments[0]) {
      return this.resolve(node.arguments[0], env);
    }
    if ((calleeName === 'parse' && callee.getText() === 'JSON.parse') && node.arguments[0]) {
      const text = this.resolve(node.arguments[0], env);
      // A run-time value parsed stays that run-time value (an environment variable is still priced as unset); a
      // number or boolean parses to itself.
      if (text.kind === 'unknown' || text.kind === 'number' || text.kind === 'boolean' || text.kind === 'null') return text;
      if (text.kind === 'text' && text.parts.every((p) => typeof p === 'string')) {
        try {
          return fromJson(JSON.parse(text.parts.join('')), text.origin);
        } catch {
          return unknown(node.getText(), INVALID_JSON, origin);
        }
      }
    }
    // `Object.fromEntries(entries)`, `Object.keys(defaults)`, `Array.from(new Set(keys))`: reshaped known data.
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ['Object', 'Array'].includes(callee.expression.text) && node.arguments.length === 1 && !findDeclaration(callee.expression.text, callee)) {
      const arg = this.resolve(node.arguments[0]!, env);
      const built = callee.expression.text === 'Object' ? objectHelper(calleeName, arg, origin) : calleeName === 'from' && arg.kind === 'array' ? arg : undefined;
      if (built) return built;
    }
    // `entries.map((e) => ...)`, `keys.reduce((acc, key) => ..., {})` over a list known in the code.
    if (ts.isPropertyAccessExpression(callee) && (calleeName === 'map' || calleeName === 'reduce') && node.arguments[0]) {
      const iterated = this.iterate(node, calleeName, env);
      if (iterated) return iterated;
    }
    if (['readFileSync', 'readFile'].includes(calleeName) && node.arguments[0]) return this.readPromptFile(node.arguments[0], env, origin);
    if (['join', 'resolve'].includes(calleeName) && /^(path|posix|node:path)\.|^(join|resolve)$/.test(callee.getText())) {
      const segments = node.arguments.map((a) => this.resolve(a, env));
      if (segments.every((s) => s.kind === 'text' && s.parts.every((p) => typeof p === 'string'))) {
        return { kind: 'text', parts: [posix.join(...segments.map((s) => (s as { parts: string[] }).parts.join('')))], origin };
      }
      return unknown(node.getText(), 'a path known only at run time', origin);
    }
    if (calleeName === 'fileURLToPath' && node.arguments[0]) return this.resolve(node.arguments[0], env);
    if (calleeName === 'dirname' && node.arguments[0]) {
      const inner = this.resolve(node.arguments[0], env);
      if (inner.kind === 'text' && inner.parts.every((p) => typeof p === 'string')) return { kind: 'text', parts: [posix.dirname(inner.parts.join(''))], origin };
    }
    if (calleeName === 'cwd' && callee.getText() === 'process.cwd') return { kind: 'text', parts: [''], origin };
    if (calleeName === 'require' && ts.isIdentifier(callee) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const specifier = node.arguments[0].text;
      const file = this.resolveModulePath(specifier, origin.file);
      // `require('./models')` of an ES module is its namespace; of a CommonJS module, what `module.exports` holds.
      if (file && !file.endsWith('.json') && !isCommonJsExport(this.exportsOf(file).get('default'))) return this.exportValue(file, '*', origin);
      return this.moduleBinding(specifier, 'default', origin.file, origin);
    }
    // `(await import('openai')).default`, `const { Mistral } = await import('@mistralai/mistralai')`
    if (callee.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      return this.moduleBinding(node.arguments[0].text, '*', origin.file, origin);
    }

    const target = this.resolveCallee(callee, env);
    if (target.kind === 'module') {
      const [name, ...path] = target.name.split('.');
      return { kind: 'moduleCall', module: target.module, name: name ?? target.name, path, args: node.arguments.map((a) => this.resolve(a, env)), origin };
    }
    if (target.kind === 'moduleCall') {
      const args = node.arguments.map((a) => this.resolve(a, env));
      // Calling a member read from a factory's result, or calling the result itself (`createOpenAI(opts)('id')`).
      if (target.pending) return { kind: 'moduleCall', module: target.module, name: target.name, path: target.path, args, origin, ...(target.receiver ? { receiver: target.receiver } : {}) };
      return { kind: 'moduleCall', module: target.module, name: target.name, path: [], args, origin, receiver: target };
    }
    const method = this.methodOf(callee);
    const fn = method?.fn ?? this.functionDeclarationOf(callee);
    if (fn?.body) {
      // A fresh map: the method's constructor bindings are shared (cached per class) and must not take these.
      const bindings: Env = new Map([...(env ?? []), ...(method?.env ?? [])]);
      fn.parameters.forEach((parameter, i) => {
        const arg = node.arguments[i];
        if (arg) bindings.set(parameter, this.resolve(arg, env));
      });
      const value = this.returnedValue(fn.body, bindings);
      if (value) return value;
    }
    return unknown(node.getText(), 'the result of a call', origin);
  }

  /** What a function body returns for the parameters bound in `bindings`, when its exit can be told. */
  private returnedValue(body: ts.ConciseBody, bindings: Env): Value | undefined {
    if (!ts.isBlock(body)) return this.resolve(body, bindings);
    // One `return`, or the one a `switch` / `if` on values known for this call reaches.
    const decide = (e: ts.Expression): Value => this.resolve(e, bindings);
    let returned = singleReturn(body) ?? reachedReturn(body, decide);
    if (!returned) return undefined;
    let value = this.resolve(returned, bindings);
    // `try { return JSON.parse(text) } catch { return text }` on text that is not JSON: the parse throws, so the
    // value is what the catch returns.
    const handler = throwsInto(value, returned, body);
    if (handler) {
      returned = reachedReturn(handler, decide);
      if (!returned) return undefined;
      value = this.resolve(returned, bindings);
    }
    if (isPlainData(value)) return value;
    // Several exits (`if (!exists) return defaults; ... return parsed`): the one returning data known in the
    // code (a config loader's defaults) is what can be priced; the others read files or services at run time.
    for (const other of returnsOf(body)) {
      if (other === returned) continue;
      const alternative = this.resolve(other, bindings);
      if (isPlainData(alternative)) return alternative;
    }
    return value;
  }

  /**
   * `.map(callback)` and `.reduce(callback, initial)` over a list known in the code, the callback evaluated for
   * each item (at most MAX_ITERATED). A reduce callback may assign into its accumulator (`acc[key] = value;
   * return acc`) or return a new object (`({ ...acc, [key]: value })`).
   */
  private iterate(node: ts.CallExpression, method: 'map' | 'reduce', env: Env | undefined): Value | undefined {
    const callee = node.expression as ts.PropertyAccessExpression;
    const callback = this.callbackOf(node.arguments[0]!);
    const body = callback?.body;
    if (!callback || !body) return undefined;
    const list = this.resolve(callee.expression, env);
    if (list.kind !== 'array' || list.opaqueSpread || list.items.length > MAX_ITERATED) return undefined;
    const origin = this.origin(node);
    const run = (args: Value[]): Value => {
      const bindings: Env = new Map(env ?? []);
      callback.parameters.forEach((parameter, i) => {
        if (args[i]) bindings.set(parameter, args[i]!);
      });
      if (ts.isBlock(body)) this.applyAssignments(callback, body, bindings);
      return this.returnedValue(body, bindings) ?? unknown(callback.getText(), 'a callback whose result depends on run-time values', origin);
    };
    const indexOf = (i: number): Value => ({ kind: 'number', value: i, origin });
    if (method === 'map') return { kind: 'array', items: list.items.map((item, i) => run([item, indexOf(i), list])), origin };
    let start = 0;
    let accumulator: Value | undefined = node.arguments[1] ? this.resolve(node.arguments[1], env) : list.items[start++];
    if (!accumulator) return undefined;
    for (let i = start; i < list.items.length; i++) accumulator = run([accumulator, list.items[i]!, indexOf(i), list]);
    return accumulator;
  }

  /** An inline callback (`(acc, key) => ...`) or a local function named as one. */
  private callbackOf(arg: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    if ((ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && arg.body) return arg;
    const fn = ts.isIdentifier(arg) ? this.functionDeclarationOf(arg) : undefined;
    return fn?.body ? fn : undefined;
  }

  /**
   * `acc[key] = value;` and `acc.key = value;` statements of a callback body (at its top level or in its `try`),
   * before its first `return`: each replaces the bound object parameter with a copy that has the key set.
   */
  private applyAssignments(fn: ts.FunctionLikeDeclaration, body: ts.Block, bindings: Env): void {
    const statements = body.statements.flatMap((s) => (ts.isTryStatement(s) ? [...s.tryBlock.statements] : [s]));
    for (const statement of statements) {
      if (ts.isReturnStatement(statement)) return;
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression) || statement.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const { left, right } = statement.expression;
      if (!(ts.isElementAccessExpression(left) || ts.isPropertyAccessExpression(left)) || !ts.isIdentifier(left.expression)) continue;
      const parameter = findDeclaration(left.expression.text, left.expression);
      const target = parameter && ts.isParameter(parameter) && parameter.parent === fn ? bindings.get(parameter) : undefined;
      if (target?.kind !== 'object') continue;
      const key = ts.isPropertyAccessExpression(left) ? left.name.text : asString(this.resolve(left.argumentExpression, bindings));
      const props = new Map(target.props);
      if (key === undefined) {
        bindings.set(parameter!, { ...target, props, opaqueSpread: true });
        continue;
      }
      props.set(key, this.resolve(right, bindings));
      bindings.set(parameter!, { ...target, props });
    }
  }

  /** `text.trim()`, `text.replace(a, b)`, `lines.join('\n')`, `list.concat(more)` on a known receiver. */
  private receiverMethod(node: ts.CallExpression, name: string, inner: Value, env: Env | undefined): Value | undefined {
    const origin = this.origin(node);
    // A prompt file that could not be read stays a problem through `.replace(...)`, `.trim()` and friends.
    if (inner.kind === 'unknown' && inner.problem) return inner;
    if (inner.kind === 'text' && ['trim', 'trimStart', 'trimEnd'].includes(name)) return trimText(inner, name);
    if (inner.kind === 'text' && ['toString', 'valueOf', 'normalize'].includes(name)) return inner;
    if (inner.kind === 'array' && name === 'join') {
      const separatorValue = node.arguments[0] ? this.resolve(node.arguments[0], env) : undefined;
      const separator = separatorValue?.kind === 'text' ? separatorValue.parts.join('') : ',';
      const parts: TextPart[] = [];
      const files: string[] = [];
      inner.items.forEach((item, i) => {
        if (i > 0) parts.push(separator);
        appendText(parts, files, item, node);
      });
      return { kind: 'text', parts: mergeParts(parts), origin, files };
    }
    if (inner.kind === 'text' && (name === 'replace' || name === 'replaceAll') && node.arguments.length === 2) {
      const patternNode = node.arguments[0]!;
      const pattern = ts.isRegularExpressionLiteral(patternNode) ? regexFromLiteral(patternNode.text) : asString(this.resolve(patternNode, env));
      if (pattern === undefined) return undefined;
      const replacement = this.resolve(node.arguments[1]!, env);
      const replacementParts: TextPart[] = replacement.kind === 'text' ? replacement.parts : [{ hole: node.arguments[1]!.getText() }];
      const files = [...(inner.files ?? []), ...(replacement.kind === 'text' ? [replacement.origin.file, ...(replacement.files ?? [])] : [])];
      return { ...inner, parts: replaceInText(inner.parts, pattern, replacementParts, name === 'replaceAll'), files };
    }
    if (inner.kind === 'array' && name === 'concat') {
      const items = [...inner.items];
      for (const arg of node.arguments) {
        const value = this.resolve(arg, env);
        if (value.kind === 'array') items.push(...value.items);
        else items.push(value);
      }
      return { kind: 'array', items, origin };
    }
    return undefined;
  }

  /** Callee of a call: a module binding (an SDK function) or whatever it resolves to. */
  private resolveCallee(callee: ts.Expression, env: Env | undefined): Value {
    if (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) return this.resolve(callee, env);
    return unknown(callee.getText(), 'a computed callee', this.origin(callee));
  }

  /**
   * The repository method a call runs, with the constructor bindings its `this` reads need: `this.describe()` in
   * the class or inherited from a base class, or `engine.describe()` on a receiver typed with or built from a class
   * of the repository.
   */
  private methodOf(callee: ts.Expression): { fn: ts.FunctionLikeDeclaration; env: Env } | undefined {
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    let cls: ts.ClassLikeDeclaration | undefined;
    let args: (() => Array<Value | undefined>) | undefined;
    if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      for (let c: ts.Node | undefined = callee.parent; c && !cls; c = c.parent) if (ts.isClassLike(c)) cls = c;
    } else {
      const receiver = this.receiverClass(callee);
      cls = receiver?.cls;
      args = receiver?.args;
    }
    if (!cls) return undefined;
    for (const [i, link] of this.classChain(cls, args).entries()) {
      const fn = ownMethod(link.cls, callee.name.text);
      if (fn) return { fn, env: i === 0 && !args ? new Map() : link.env() };
    }
    return undefined;
  }

  /**
   * The repository class of a method call's receiver: declared with the class as its type (a parameter, a field, a
   * parameter property), or a variable or field built with `new Class(...)` (whose arguments then bind the
   * constructor). Its `this.x` reads otherwise follow the class's constructor to the callers that build it.
   */
  private receiverClass(callee: ts.PropertyAccessExpression): { cls: ts.ClassDeclaration; args?: () => Array<Value | undefined> } | undefined {
    const receiver = callee.expression;
    let declaration: ts.Node | undefined;
    if (ts.isIdentifier(receiver)) declaration = findDeclaration(receiver.text, receiver);
    else if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
      let cls: ts.Node | undefined = receiver.parent;
      while (cls && !ts.isClassLike(cls)) cls = cls.parent;
      const key = receiver.name.text;
      if (cls && ts.isClassLike(cls)) {
        declaration = cls.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === key);
        const constructor = cls.members.find(ts.isConstructorDeclaration);
        declaration ??= constructor?.parameters.find((p) => ts.isParameterPropertyDeclaration(p, constructor) && p.name.getText() === key);
      }
    }
    if (!declaration || !(ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration))) return undefined;
    const built = declaration.initializer && unwrap(declaration.initializer);
    if (built && ts.isNewExpression(built) && ts.isIdentifier(built.expression)) {
      const cls = this.classDeclarationOf(built.expression);
      if (cls) return { cls, args: () => spreadCut(built.arguments ?? []).map((a) => (ts.isSpreadElement(a) ? unknown(a.getText(), 'arguments spread at the call', this.origin(a)) : this.resolve(a))) };
    }
    const type = declaration.type;
    if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
    const cls = this.classDeclarationOf(type.typeName);
    return cls ? { cls } : undefined;
  }

  /** The class of the repository a name refers to, followed through imports and re-exports. */
  private classDeclarationOf(name: ts.Identifier): ts.ClassDeclaration | undefined {
    let declaration = findDeclaration(name.text, name);
    for (let hops = 0; declaration && hops < 5; hops++) {
      if (ts.isClassDeclaration(declaration)) return declaration;
      if (ts.isExportSpecifier(declaration)) {
        declaration = findDeclaration((declaration.propertyName ?? declaration.name).text, declaration);
        continue;
      }
      if (!ts.isImportSpecifier(declaration) && !ts.isImportClause(declaration)) return undefined;
      const importDeclaration = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : declaration.parent;
      if (!ts.isStringLiteral(importDeclaration.moduleSpecifier)) return undefined;
      const file = this.resolveModulePath(importDeclaration.moduleSpecifier.text, declaration.getSourceFile().fileName);
      const exported = file ? this.exportsOf(file).get(ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : 'default') : undefined;
      declaration = exported === 'namespace' ? undefined : exported;
    }
    return undefined;
  }

  /** The local function a callee names (`getModel`, `config.getModel`), followed through imports. */
  functionDeclarationOf(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) return this.methodOf(callee)?.fn;
    if (!ts.isIdentifier(callee)) return undefined;
    let declaration = findDeclaration(callee.text, callee);
    for (let hops = 0; declaration && hops < 5; hops++) {
      if (ts.isFunctionDeclaration(declaration)) return declaration;
      if (ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))) {
        return declaration.initializer;
      }
      if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration)) {
        const importDeclaration = ts.isImportSpecifier(declaration) ? declaration.parent.parent.parent : declaration.parent;
        if (!ts.isStringLiteral(importDeclaration.moduleSpecifier)) return undefined;
        const file = this.resolveModulePath(importDeclaration.moduleSpecifier.text, declaration.getSourceFile().fileName);
        if (!file) return undefined;
        const exportName = ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : 'default';
        const exported = this.exportsOf(file).get(exportName);
        if (!exported || exported === 'namespace') return undefined;
        if (ts.isExportAssignment(exported)) {
          const expression = exported.expression;
          if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return expression;
          if (ts.isIdentifier(expression)) {
            declaration = findDeclaration(expression.text, expression);
            continue;
          }
          return undefined;
        }
        if (ts.isExportSpecifier(exported)) {
          declaration = findDeclaration((exported.propertyName ?? exported.name).text, exported);
          continue;
        }
        declaration = exported;
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  private construct(node: ts.NewExpression, env: Env | undefined): Value {
    const origin = this.origin(node);
    // Resolved only for what uses them: a repository class's `new` is not a value, and its arguments can be large.
    const args = (): Value[] => (node.arguments ?? []).map((a) => this.resolve(a, env));
    if (ts.isIdentifier(node.expression) && node.expression.text === 'URL' && !findDeclaration('URL', node.expression)) {
      // `new URL('./prompt.md', import.meta.url)`: a path relative to this file.
      const first = node.arguments?.[0] && this.resolve(node.arguments[0], env);
      if (first?.kind === 'text' && first.parts.every((p) => typeof p === 'string')) {
        return { kind: 'text', parts: [posix.join(posix.dirname(origin.file), first.parts.join(''))], origin };
      }
    }
    if (ts.isIdentifier(node.expression) && node.expression.text === 'Set' && node.arguments?.[0] && !findDeclaration('Set', node.expression)) {
      const distinct = distinctItems(this.resolve(node.arguments[0], env), origin);
      if (distinct) return distinct;
    }
    const target = this.resolveCallee(node.expression, env);
    if (target.kind === 'module') return { kind: 'instance', module: target.module, className: target.name, args: args(), origin };
    // A local subclass of an SDK client (`class GroqEngine extends OpenAI`): an instance of the SDK class, with
    // the subclass's `super({...})` options when it passes them.
    const cls = ts.isIdentifier(node.expression) ? findDeclaration(node.expression.text, node.expression) : undefined;
    if (cls && ts.isClassDeclaration(cls)) {
      const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      if (base) {
        const parent = this.resolve(base, env);
        if (parent.kind === 'module') {
          const superArgs = superCallArgs(cls);
          return { kind: 'instance', module: parent.module, className: parent.name, args: superArgs ? superArgs.map((a) => this.resolve(a, env)) : args(), origin };
        }
      }
    }
    return unknown(node.getText(), 'an object built at run time', origin);
  }

  /**
   * What the callers of a function pass to `parameter` when its body is evaluated without a call (the call site
   * itself sits in the function): `pick` reads the part the declaration binds (a destructured key), `fallback` is
   * the declaration's default. Callers that agree give their value. When they differ, callers in branches not
   * taken at the default configuration (flags and environment unset, the same rule as `process.env.X ?? 'a'`) are
   * dropped; if they still differ, a declared default is kept (it is what a caller relying on it gets), and
   * otherwise the result is an unknown that names each caller and its value, so the report can ask to pin it.
   * Undefined when the callers cannot all be seen: none found, too many, or the function handed on as a value.
   */
  private injected(parameter: ts.ParameterDeclaration, name: string, pick: (arg: Value | undefined) => Value | undefined, fallback: Value | undefined): Value | undefined {
    const callers = this.callerArguments(parameter);
    if (!callers) return undefined;
    return this.agreedArgument(callers, name, pick, fallback, this.origin(parameter));
  }

  /** The value callers agree on (or the default path's, or the declared default), else an unknown naming them. */
  private agreedArgument(callers: CallerArgument[], name: string, pick: (arg: Value | undefined) => Value | undefined, fallback: Value | undefined, origin: Origin): Value {
    const passed = callers.map(({ call, value }) => {
      const picked = pick(value);
      // A default applies when nothing is passed; a run-time value passed is priced as the default, as `x ?? d` is.
      const effective = picked === undefined || (fallback && isRuntimeValue(picked)) ? (fallback ?? { kind: 'null' as const, origin: this.origin(call) }) : picked;
      return { call, value: effective };
    });
    const agreed = agreedValue(passed.map((p) => p.value));
    if (agreed) return agreed;
    const onDefaultPath = passed.filter((p) => this.onDefaultPath(p.call));
    const agreedOnPath = onDefaultPath.length > 0 ? agreedValue(onDefaultPath.map((p) => p.value)) : undefined;
    if (agreedOnPath) return agreedOnPath;
    if (fallback) return fallback;
    const listed = passed.slice(0, 4).map((p) => `${this.origin(p.call).file}:${this.origin(p.call).line} passes ${describeValue(p.value)}`);
    const more = passed.length > 4 ? `, and ${passed.length - 4} more` : '';
    return unknown(name, `a function parameter whose callers pass different values (${listed.join('; ')}${more})`, origin);
  }

  /** Each caller's argument for `parameter`, resolved in the caller's own scope. Cached per parameter. */
  private callerArguments(parameter: ts.ParameterDeclaration): CallerArgument[] | undefined {
    if (this.callerArgumentCache.has(parameter)) return this.callerArgumentCache.get(parameter);
    const fn = parameter.parent;
    if (!isFunctionWithBody(fn)) return undefined;
    if (this.callerDepth >= MAX_CALLER_DEPTH) {
      this.cutShort++;
      return undefined;
    }
    const calls = this.callers.callsOf(fn);
    const escapes = !ts.isConstructorDeclaration(fn) && this.callers.isHandedOn(fn);
    let result: CallerArgument[] | undefined;
    if (calls.length > 0 && calls.length <= MAX_CALLERS && !escapes) {
      const depth = this.callerDepth;
      const atDepth = this.callerArgumentsAtDepth.get(parameter);
      if (atDepth?.has(depth)) {
        // Still an answer cut short: whatever is worked out from it is too.
        this.cutShort++;
        return atDepth.get(depth);
      }
      const before = { cutShort: this.cutShort, cycles: this.cycles };
      result = this.argumentsAt(calls, fn.parameters.indexOf(parameter), parameter.dotDotDotToken !== undefined);
      // A lookup cut short is not a complete answer: a complete one is kept for every depth; one cut short only by
      // the depth bound, for this depth (the same lookups run whenever it is asked from here).
      if (depth === 0 || this.cutShort === before.cutShort) this.callerArgumentCache.set(parameter, result);
      else if (this.cycles === before.cycles) this.callerArgumentsAtDepth.set(parameter, (atDepth ?? new Map()).set(depth, result));
      return result;
    }
    this.callerArgumentCache.set(parameter, undefined);
    return undefined;
  }

  /** Each call's argument at `index` (the rest from there for a rest parameter), resolved in the caller's scope. */
  private argumentsAt(calls: ReadonlyArray<ts.CallExpression | ts.NewExpression>, index: number, rest: boolean): CallerArgument[] {
    this.callerDepth++;
    try {
      return calls.map((call) => {
        const args = call.arguments ?? [];
        const spread = args.slice(0, index + 1).find(ts.isSpreadElement);
        if (spread) return { call, value: unknown(spread.getText(), 'arguments spread at the call', this.origin(spread)) };
        if (rest) return { call, value: { kind: 'array' as const, items: args.slice(index).map((a) => this.resolve(a)), origin: this.origin(call) } };
        const arg = args[index];
        return { call, value: arg ? this.resolve(arg) : undefined };
      });
    } finally {
      this.callerDepth--;
    }
  }

  /** False when the call sits in a branch of its function that is not taken at the default configuration. */
  private onDefaultPath(call: ts.Node): boolean {
    const decide = (e: ts.Expression): Value => this.resolve(e);
    let child: ts.Node = call;
    for (let current = call.parent; current && !ts.isFunctionLike(current); child = current, current = current.parent) {
      if (ts.isIfStatement(current) && child !== current.expression) {
        const truth = conditionOf(current.expression, decide);
        if (truth !== undefined && truth !== (child === current.thenStatement)) return false;
      } else if (ts.isConditionalExpression(current) && child !== current.condition) {
        const truth = conditionOf(current.condition, decide);
        if (truth !== undefined && truth !== (child === current.whenTrue)) return false;
      } else if ((ts.isCaseClause(current) || ts.isDefaultClause(current)) && ts.isSwitchStatement(current.parent.parent)) {
        const discriminant = current.parent.parent.expression;
        const matches = (clause: ts.CaseOrDefaultClause): boolean | undefined =>
          ts.isCaseClause(clause) ? conditionOf(ts.factory.createStrictEquality(discriminant, clause.expression), decide) : undefined;
        if (ts.isCaseClause(current) && matches(current) === false) return false;
        if (ts.isDefaultClause(current) && current.parent.clauses.some((c) => matches(c) === true)) return false;
      }
    }
    return true;
  }

  private metaProperty(node: ts.MetaProperty, origin: Origin): Value {
    return unknown(node.getText(), 'module metadata', origin);
  }

  /** `fs.readFileSync(path.join(__dirname, 'prompt.md'), 'utf8')`: the prompt file's text, holes for `{{x}}`. */
  private readPromptFile(pathNode: ts.Expression, env: Env | undefined, origin: Origin): Value {
    const pathValue = this.resolve(pathNode, env);
    if (pathValue.kind !== 'text' || !pathValue.parts.every((p) => typeof p === 'string')) {
      return unknown(pathNode.getText(), 'a file path known only at run time', origin);
    }
    const raw = pathValue.parts.join('').replace(/^file:\/\//, '');
    const candidates = [posix.normalize(raw), posix.join(posix.dirname(origin.file), raw)].map((p) => p.replace(/^\.\//, ''));
    const found = candidates.find((p) => this.snapshot.paths.has(p));
    if (!found) return unknown(raw, 'prompt file not found in the repository', origin, true);
    const text = this.snapshot.read(found);
    if (text === undefined) return unknown(found, `prompt file not read: larger than ${MAX_PROMPT_BYTES / 1024 / 1024} MiB or not text`, origin, true);
    return { kind: 'text', parts: placeholderParts(text), origin: { file: found, line: 1 }, files: [found] };
  }
}

/** Methods whose receiver is resolved first: text and array helpers that keep prompt text (or its problem). */
const RECEIVER_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'toString', 'valueOf', 'normalize', 'replace', 'replaceAll', 'join', 'concat', 'slice', 'substring', 'toLowerCase', 'toUpperCase']);

/** Parameter bindings for evaluating a function body for one call. */
export type Env = Map<ts.Node, Value>;

/** A caller's argument for one parameter (undefined: nothing passed). */
interface CallerArgument {
  call: ts.CallExpression | ts.NewExpression;
  value: Value | undefined;
}

/** A class `this` sees, with its constructor's parameters bound to what the class below it passes. */
interface ChainLink {
  cls: ts.ClassLikeDeclaration;
  /** Its constructor's parameters bound to the values passed. */
  env: () => Env;
  /** The values its constructor receives, when known (passed on to a base when it has no constructor of its own). */
  passed: () => Array<Value | undefined> | undefined;
}

/** Items at most that `.map` and `.reduce` callbacks are evaluated for. */
const MAX_ITERATED = 100;

/** The reason of an unknown from `JSON.parse` of text that is not JSON: at run time the parse throws. */
const INVALID_JSON = 'invalid JSON';

/**
 * The `catch` block that runs instead of a `return` whose value throws (`JSON.parse` of text that is not JSON),
 * when the return sits in the `try` of a `try/catch` of this body.
 */
function throwsInto(value: Value, returned: ts.Node, body: ts.Block): ts.Block | undefined {
  const items = value.kind === 'array' ? value.items : value.kind === 'object' ? [...value.props.values()] : [value];
  if (!items.some((v) => v.kind === 'unknown' && v.reason === INVALID_JSON)) return undefined;
  let child: ts.Node = returned;
  for (let current = returned.parent; current && current !== body.parent; child = current, current = current.parent) {
    if (ts.isTryStatement(current) && child === current.tryBlock && current.catchClause) return current.catchClause.block;
  }
  return undefined;
}

/** How many base classes up `this` is followed. */
const MAX_BASE_CLASSES = 4;

/** More callers than this and a parameter is left to the report: it is a general-purpose helper, not a wrapper. */
const MAX_CALLERS = 12;

/** How many functions up a value is followed through callers' arguments. */
const MAX_CALLER_DEPTH = 4;

/** A package name (`openai`, `@acme/core/models`, `node:fs`), not a path or a source-root alias. */
function isBareSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('@/') && !specifier.startsWith('~/');
}

/** True when `env` binds parameters of `fn`: its body is being evaluated for one call, whose arguments decide. */
function isBoundBy(fn: ts.Node, env: Env | undefined): boolean {
  return env !== undefined && ts.isFunctionLike(fn) && fn.parameters.some((p) => env.has(p));
}

function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) && node.body !== undefined;
}

/** The class's own method (or arrow-function field) of that name. */
function ownMethod(cls: ts.ClassLikeDeclaration, name: string): ts.FunctionLikeDeclaration | undefined {
  for (const member of cls.members) {
    if (member.name?.getText() !== name) continue;
    if (ts.isMethodDeclaration(member) && member.body) return member;
    if (ts.isPropertyDeclaration(member) && member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) return member.initializer;
  }
  return undefined;
}

function constructorOf(cls: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
}

/** The class's constructor parameters bound to the values passed (those passed; the rest take their defaults). */
function constructorBindings(cls: ts.ClassLikeDeclaration, args: ReadonlyArray<Value | undefined>): Env {
  const env: Env = new Map();
  constructorOf(cls)?.parameters.forEach((parameter, i) => {
    const arg = args[i];
    if (arg) env.set(parameter, arg);
  });
  return env;
}

/** Arguments up to and including the first spread: the positions after it are not known. */
function spreadCut(args: readonly ts.Expression[]): readonly ts.Expression[] {
  const spread = args.findIndex(ts.isSpreadElement);
  return spread < 0 ? args : args.slice(0, spread + 1);
}

function withBindings(env: Env | undefined, more: Env): Env {
  if (!env?.size) return more;
  return new Map([...env, ...more]);
}

function superCallArgs(cls: ts.ClassLikeDeclaration): readonly ts.Expression[] | undefined {
  for (const member of cls.members) {
    if (!ts.isConstructorDeclaration(member) || !member.body) continue;
    for (const statement of member.body.statements) {
      if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression) && statement.expression.expression.kind === ts.SyntaxKind.SuperKeyword) {
        return statement.expression.arguments;
      }
    }
  }
  return undefined;
}

/** The value of `module.exports = ...` (as `exportsOf` records it), as opposed to an ES `export default`. */
function isCommonJsExport(node: ts.Node | 'namespace' | undefined): boolean {
  return node !== undefined && node !== 'namespace' && ts.isBinaryExpression(node.parent) && node.parent.left.getText() === 'module.exports';
}

/** Text files a bundler imports as a string (Vite `?raw`, webpack and esbuild text loaders). */
const TEXT_MODULE = /\.(md|txt|prompt|hbs|handlebars|jinja2?|j2|mustache|tmpl)$/;

/** Every `return` expression of a function body, not those of functions nested in it. */
function returnsOf(body: ts.Block): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The expression a function body returns, when it has exactly one `return` at its top level. */
export function singleReturn(body: ts.Block): ts.Expression | undefined {
  const returns = body.statements.filter(ts.isReturnStatement);
  return returns.length === 1 ? returns[0]!.expression : undefined;
}

function appendText(parts: TextPart[], files: string[], value: Value, node: ts.Node): void {
  if (value.kind === 'text') {
    parts.push(...value.parts);
    files.push(value.origin.file, ...(value.files ?? []));
  } else if (value.kind === 'number' || value.kind === 'boolean') {
    parts.push(String(value.value));
  } else {
    parts.push(value.kind === 'unknown' ? holeFor(value, node.getText()) : { hole: node.getText() });
  }
}

function regexFromLiteral(literal: string): RegExp | undefined {
  const end = literal.lastIndexOf('/');
  try {
    return new RegExp(literal.slice(1, end), literal.slice(end + 1));
  } catch {
    return undefined;
  }
}
