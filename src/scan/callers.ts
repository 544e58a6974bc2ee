import { ts } from 'ts-morph';
import { findDeclaration } from './scope.js';
import type { Snapshot } from './snapshot.js';

/**
 * Where the repository's own functions, methods and classes are called: the shared callers index. The resolver
 * asks it for the calls that pass a value into an unbound parameter (a model handed to a wrapper, an engine's
 * config given to its constructor); the multiplicity analyser asks it for the callers of a wrapper to find loops
 * around them. Callers in other files are found through a reverse import index, built once per snapshot and only
 * when an exported function is asked about; `isCallerFile` keeps tests, mocks and build output out of it.
 */
export class CallerIndex {
  private importers?: Map<string, Set<string>>;
  private readonly referenceCache = new Map<ts.Node, ts.Node[]>();
  private readonly constructionCache = new Map<ts.Node, Array<ts.CallExpression | ts.NewExpression>>();
  private readonly importerCache = new Map<string, Map<string, Set<string>>>();
  private readonly moduleStatementCache = new Map<string, Array<{ statement: ts.ImportDeclaration | ts.ExportDeclaration; target: string | undefined }>>();
  private readonly classReferenceCache = new Map<ts.Node, ts.Identifier[]>();

  constructor(
    private readonly snapshot: Snapshot,
    private readonly resolveModulePath: (specifier: string, fromFile: string) => string | undefined,
    private readonly isCallerFile: (path: string) => boolean,
  ) {}

  /**
   * The calls that run `fn` with arguments of their own: `fn(...)` for a function, `this.fn(...)` inside the class
   * for a method, and for a constructor `new Class(...)`, `new Subclass(...)` of a subclass without a constructor,
   * and `super(...)` in a subclass's constructor.
   */
  callsOf(fn: ts.FunctionLikeDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    if (ts.isConstructorDeclaration(fn)) return ts.isClassDeclaration(fn.parent) ? this.constructionsOf(fn.parent, 0) : [];
    const named = namedFunction(fn);
    if (!named) return [];
    const calls: ts.CallExpression[] = [];
    for (const reference of this.referencesOf(named)) {
      if (ts.isCallExpression(reference)) calls.push(reference);
      else if (reference.parent && ts.isCallExpression(reference.parent) && reference.parent.expression === reference) calls.push(reference.parent);
    }
    return calls;
  }

  /** `new Class(...)`, subclass constructions and `super(...)` calls: everything that runs the class's constructor. */
  constructionsOfClass(cls: ts.ClassDeclaration): Array<ts.CallExpression | ts.NewExpression> {
    return this.constructionsOf(cls, 0);
  }

  /**
   * True when the function is handed on as a value somewhere (a callback, a handler in an object, a variable), so
   * it also runs with arguments the index cannot see.
   */
  isHandedOn(fn: ts.FunctionLikeDeclaration): boolean {
    const named = namedFunction(fn);
    if (!named) return true;
    return this.referencesOf(named).some((reference) => !ts.isCallExpression(reference) && isValuePosition(reference));
  }

  /**
   * Where a named function is referred to: identifiers that name it (called or handed on as a callback) in its own
   * file and in files importing it, or for a method the `this.method(...)` calls in its class.
   */
  referencesOf(fn: NamedFunction): ts.Node[] {
    const cached = this.referenceCache.get(fn.node);
    if (cached) return cached;
    const found: ts.Node[] = [];
    this.referenceCache.set(fn.node, found);
    const file = fn.node.getSourceFile();
    if (fn.kind === 'method') {
      visitAll(file, (node) => {
        // `this.summarise(...)` inside the same class.
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.kind === ts.SyntaxKind.ThisKeyword && node.expression.name.text === fn.name && classOf(node) === classOf(fn.node)) {
          found.push(node);
        }
      });
      const cls = classOf(fn.node);
      if (cls && ts.isClassDeclaration(cls)) found.push(...this.instanceCallsOf(cls, fn.name));
      return found;
    }
    found.push(...this.identifierReferences(file, fn.name, [fn.declaration, fn.node], fn.exportedAs));
    return found;
  }

  /**
   * `engine.describe(...)` outside the class: calls of the method on a variable, parameter or field that holds an
   * instance, found from the places that name the class (`new Engine(...)` assigned to it, or `Engine` as its
   * declared type), in the class's file and the files importing it; instances of subclasses that inherit the
   * method count too. Bounded by MAX_HOLDERS.
   */
  private instanceCallsOf(cls: ts.ClassDeclaration, method: string): ts.CallExpression[] {
    const calls: ts.CallExpression[] = [];
    const holders = new Set<ts.Node>();
    this.collectHolders(cls, method, holders, 0);
    for (const holder of holders) {
      if (ts.isPropertyDeclaration(holder) || (ts.isParameter(holder) && ts.isParameterPropertyDeclaration(holder, holder.parent))) {
        // A field: `this.engine.describe(...)` inside the class that declares it.
        const owner = classOf(holder);
        const name = holder.name.getText();
        if (owner) visitAll(owner, (node) => {
          if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === method && ts.isPropertyAccessExpression(node.expression.expression) && node.expression.expression.expression.kind === ts.SyntaxKind.ThisKeyword && node.expression.expression.name.text === name && classOf(node) === owner) {
            calls.push(node);
          }
        });
        if (ts.isPropertyDeclaration(holder)) continue;
      }
      if (!(ts.isVariableDeclaration(holder) || ts.isParameter(holder)) || !ts.isIdentifier(holder.name)) continue;
      const statement = holder.parent.parent;
      const exported = ts.isVariableDeclaration(holder) && ts.isVariableStatement(statement) ? exportName(statement, holder.name.text).exportedAs : undefined;
      for (const use of this.identifierReferences(holder.getSourceFile(), holder.name.text, [holder], exported)) {
        const access = use.parent;
        if (ts.isPropertyAccessExpression(access) && access.expression === use && access.name.text === method && ts.isCallExpression(access.parent) && access.parent.expression === access) calls.push(access.parent);
      }
    }
    return calls;
  }

  /** Declarations holding an instance of `cls`, or of a subclass (two levels down) that does not override `method`. */
  private collectHolders(cls: ts.ClassDeclaration, method: string, holders: Set<ts.Node>, depth: number): void {
    for (const reference of this.classReferences(cls)) {
      if (holders.size >= MAX_HOLDERS) return;
      const holder = instanceHolder(reference);
      if (holder) holders.add(holder);
      const heritage = reference.parent;
      if (depth < 2 && ts.isExpressionWithTypeArguments(heritage) && ts.isHeritageClause(heritage.parent) && heritage.parent.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassDeclaration(heritage.parent.parent)) {
        const subclass = heritage.parent.parent;
        if (!subclass.members.some((m) => m.name?.getText() === method)) this.collectHolders(subclass, method, holders, depth + 1);
      }
    }
  }

  /** A file's `import ... from` and `export ... from` statements with the files they name. Cached per file. */
  private moduleStatements(path: string): Array<{ statement: ts.ImportDeclaration | ts.ExportDeclaration; target: string | undefined }> {
    let found = this.moduleStatementCache.get(path);
    if (found) return found;
    found = [];
    for (const statement of this.snapshot.parse(path)?.statements ?? []) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      found.push({ statement, target: this.resolveModulePath(statement.moduleSpecifier.text, path) });
    }
    this.moduleStatementCache.set(path, found);
    return found;
  }

  /** Identifiers naming a class, in its file and the files importing it. Cached per class. */
  private classReferences(cls: ts.ClassDeclaration): ts.Identifier[] {
    let found = this.classReferenceCache.get(cls);
    if (!found) {
      found = cls.name ? this.identifierReferences(cls.getSourceFile(), cls.name.text, [cls], exportName(cls, cls.name.text).exportedAs) : [];
      this.classReferenceCache.set(cls, found);
    }
    return found;
  }

  /** Files that import `exportName` from `file` (directly or through barrel re-exports), with their local names. */
  importersOf(file: string, exportName: string, depth = 0): Map<string, Set<string>> {
    const key = `${depth}\0${file}\0${exportName}`;
    const cached = this.importerCache.get(key);
    if (cached) return cached;
    const found = new Map<string, Set<string>>();
    this.importerCache.set(key, found);
    if (depth > 2) return found;
    for (const importer of this.importIndex().get(file) ?? []) {
      for (const { statement, target } of this.moduleStatements(importer)) {
        if (target !== file) continue;
        if (ts.isImportDeclaration(statement)) {
          const clause = statement.importClause;
          const names = found.get(importer) ?? new Set<string>();
          if (exportName === 'default' && clause?.name) names.add(clause.name.text);
          const bindings = clause?.namedBindings;
          if (bindings && ts.isNamedImports(bindings)) {
            for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === exportName) names.add(element.name.text);
          }
          if (names.size) found.set(importer, names);
        } else if (ts.isExportDeclaration(statement)) {
          // A barrel: `export * from './a'` or `export { f } from './a'`; its importers call the function too.
          const clause = statement.exportClause;
          const reexported = !clause ? exportName : ts.isNamedExports(clause) ? clause.elements.find((e) => (e.propertyName ?? e.name).text === exportName)?.name.text : undefined;
          if (reexported) for (const [f, names] of this.importersOf(importer, reexported, depth + 1)) found.set(f, new Set([...(found.get(f) ?? []), ...names]));
        }
      }
    }
    return found;
  }

  /** `new Class(...)` and the subclass constructions and `super(...)` calls that run the class's constructor. */
  private constructionsOf(cls: ts.ClassDeclaration, depth: number): Array<ts.CallExpression | ts.NewExpression> {
    const cached = this.constructionCache.get(cls);
    if (cached) return cached;
    const calls: Array<ts.CallExpression | ts.NewExpression> = [];
    this.constructionCache.set(cls, calls);
    for (const reference of this.classReferences(cls)) {
      const parent = reference.parent;
      if (ts.isNewExpression(parent) && parent.expression === reference) calls.push(parent);
      else if (ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent) && parent.parent.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassDeclaration(parent.parent.parent)) {
        // `class GroqEngine extends OpenAiEngine`: its `super(config)`, or, without a constructor, its own `new`s.
        const subclass = parent.parent.parent;
        const constructor = subclass.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
        if (constructor) visitAll(constructor.body!, (node) => {
          if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) calls.push(node);
        });
        else if (depth < 2) calls.push(...this.constructionsOf(subclass, depth + 1));
      }
    }
    return calls;
  }

  /** Identifiers naming a declaration: in its file where they resolve to it, in importing files where they name the import. */
  private identifierReferences(file: ts.SourceFile, name: string, declarations: ts.Node[], exportedAs: string | undefined): ts.Identifier[] {
    const found: ts.Identifier[] = [];
    const collect = (sf: ts.SourceFile, names: Set<string>, refersToIt: (identifier: ts.Identifier) => boolean): void => {
      // Most files never mention the name: a text search before walking the tree.
      if (![...names].some((n) => sf.text.includes(n))) return;
      visitAll(sf, (node) => {
        if (ts.isIdentifier(node) && names.has(node.text) && node.parent && !isDeclarationName(node) && refersToIt(node)) found.push(node);
      });
    };
    collect(file, new Set([name]), (identifier) => declarations.includes(findDeclaration(identifier.text, identifier)!));
    if (exportedAs) {
      for (const [importer, names] of this.importersOf(file.fileName, exportedAs)) {
        const sf = this.snapshot.parse(importer);
        // In an importing file the name must still refer to the import (not a local shadowing it).
        if (sf) collect(sf, names, (identifier) => {
          const declaration = findDeclaration(identifier.text, identifier);
          return declaration !== undefined && (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration));
        });
      }
    }
    return found;
  }

  /**
   * Imports of every caller file that name a file of the repository (relative, aliased, or a workspace package),
   * reversed: file -> files that import it. Built once per snapshot.
   */
  private importIndex(): Map<string, Set<string>> {
    if (this.importers) return this.importers;
    const index = new Map<string, Set<string>>();
    const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\s]+)['"]/gm;
    for (const path of this.snapshot.paths) {
      if (!this.isCallerFile(path)) continue;
      const text = this.snapshot.read(path);
      if (!text) continue;
      for (const match of text.matchAll(pattern)) {
        const target = this.resolveModulePath(match[1]!, path);
        if (!target) continue;
        const set = index.get(target) ?? new Set<string>();
        set.add(path);
        index.set(target, set);
      }
    }
    this.importers = index;
    return index;
  }
}

/** Declarations holding an instance of a class that are followed to find calls of its methods, at most. */
const MAX_HOLDERS = 24;

/**
 * The declaration that holds an instance, from a reference to its class: `const engine = new Engine(...)`, a field
 * initialised with one, or a parameter, variable or field declared with the class as its type.
 */
function instanceHolder(reference: ts.Identifier): ts.Node | undefined {
  let node: ts.Node = reference;
  if (ts.isNewExpression(node.parent) && node.parent.expression === node) {
    node = node.parent;
    while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
    const holder = node.parent;
    if ((ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === node) return holder;
    return undefined;
  }
  if (ts.isTypeReferenceNode(node.parent) && node.parent.typeName === node) {
    const holder = node.parent.parent;
    if ((ts.isVariableDeclaration(holder) || ts.isParameter(holder) || ts.isPropertyDeclaration(holder)) && holder.type === node.parent) return holder;
  }
  return undefined;
}

/** A function as its callers name it. */
export interface NamedFunction {
  node: ts.FunctionLikeDeclaration;
  /** The declaration a same-file reference resolves to (the function, or the variable holding it). */
  declaration: ts.Node;
  name: string;
  kind: 'function' | 'method';
  /** The name other modules import it by, when it is exported. */
  exportedAs?: string;
}

/** The function as callers name it, or undefined for an anonymous callback (which runs inside its caller). */
export function namedFunction(node: ts.SignatureDeclaration): NamedFunction | undefined {
  if (!isFunctionLikeDeclaration(node)) return undefined;
  if (ts.isFunctionDeclaration(node) && node.name) {
    return { node, declaration: node, name: node.name.text, kind: 'function', ...exportName(node, node.name.text) };
  }
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
    const statement = node.parent.parent.parent;
    return { node, declaration: node.parent, name: node.parent.name.text, kind: 'function', ...(ts.isVariableStatement(statement) ? exportName(statement, node.parent.name.text) : {}) };
  }
  if (ts.isMethodDeclaration(node) && ts.isClassLike(node.parent) && ts.isIdentifier(node.name)) {
    return { node, declaration: node, name: node.name.text, kind: 'method' };
  }
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isPropertyDeclaration(node.parent) && ts.isClassLike(node.parent.parent) && ts.isIdentifier(node.parent.name)) {
    return { node, declaration: node.parent, name: node.parent.name.text, kind: 'method' };
  }
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isConstructorDeclaration(node)) {
    // An object-literal method or accessor: a boundary, but its callers are not followed.
    return { node, declaration: node, name: node.name?.getText() ?? 'constructor', kind: 'method' };
  }
  return undefined;
}

function isFunctionLikeDeclaration(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) || ts.isConstructorDeclaration(node);
}

/** The name other modules import a declaration by: its `export` modifier, or `export { name }` / `export default name`. */
function exportName(statement: ts.Node, name: string): { exportedAs?: string } {
  const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
  if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
    const sf = statement.getSourceFile();
    for (const s of sf.statements) {
      if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
        const element = s.exportClause.elements.find((e) => (e.propertyName ?? e.name).text === name);
        if (element) return { exportedAs: element.name.text };
      }
      if (ts.isExportAssignment(s) && ts.isIdentifier(s.expression) && s.expression.text === name) return { exportedAs: 'default' };
    }
    return {};
  }
  return { exportedAs: modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : name };
}

function classOf(node: ts.Node): ts.Node | undefined {
  for (let c = node.parent; c; c = c.parent) if (ts.isClassLike(c)) return c;
  return undefined;
}

/** The name being declared (`function f`, `class C`, `import { f }`), not a use of it. */
function isDeclarationName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    ((ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isVariableDeclaration(parent) || ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isExportSpecifier(parent)) && (parent as { name?: ts.Node }).name === identifier) ||
    (ts.isImportSpecifier(parent) && parent.propertyName === identifier) ||
    (ts.isPropertyAccessExpression(parent) && parent.name === identifier)
  );
}

/** A reference used as a value (passed, stored, returned), not called, exported or named in a type. */
function isValuePosition(reference: ts.Node): boolean {
  const parent = reference.parent;
  if (!parent) return false;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === reference) return false;
  return (
    ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.some((a) => a === reference) === true) ||
    (ts.isPropertyAssignment(parent) && parent.initializer === reference) ||
    ts.isShorthandPropertyAssignment(parent) ||
    (ts.isVariableDeclaration(parent) && parent.initializer === reference) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isJsxExpression(parent) ||
    (ts.isBinaryExpression(parent) && parent.right === reference) ||
    (ts.isPropertyAccessExpression(parent) && parent.expression === reference && ['bind', 'call', 'apply'].includes(parent.name.text))
  );
}

function visitAll(root: ts.Node, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(root);
}
