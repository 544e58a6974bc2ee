import { ts } from 'ts-morph';
import type { CallSite, CallSiteDraft, DetectContext } from './call-site.js';
import { CostDriverScanner } from './cost-drivers.js';
import type { CalleeChain, Detector } from './detector.js';
import { inlineAssumptions } from './inline-assumptions.js';
import { Resolver } from './resolve.js';
import type { Snapshot } from './snapshot.js';

export interface ScanWarning {
  code: 'parse-error';
  message: string;
  file: string;
  line?: number;
}

export interface ScanResult {
  sites: CallSite[];
  warnings: ScanWarning[];
}

/**
 * Finds the LLM call sites of the candidate files of one snapshot. `idPath` maps a file to the path used in ids
 * (base files are named by their head path, so a renamed file keeps its sites' ids).
 */
export function scanSnapshot(
  snapshot: Snapshot,
  candidates: readonly string[],
  detectors: readonly Detector[],
  idPath: (file: string) => string = (f) => f,
  options: { isCallerFile?: (path: string) => boolean } = {},
): ScanResult {
  // Callers of a wrapper (loops around it, values it is given) are looked for in source files only: a test calling
  // it in a loop, or with a mock model, is not traffic.
  const resolver = new Resolver(snapshot, options.isCallerFile ?? (() => true), new Set(detectors.flatMap((d) => d.packages)));
  const drivers = new CostDriverScanner(resolver);
  const byMethod = new Map<string, Detector[]>();
  const byClass = new Map<string, Detector[]>();
  for (const detector of detectors) {
    for (const method of detector.methods) byMethod.set(method, [...(byMethod.get(method) ?? []), detector]);
    for (const name of detector.constructors ?? []) byClass.set(name, [...(byClass.get(name) ?? []), detector]);
  }
  const sites: CallSite[] = [];
  const warnings: ScanWarning[] = [];
  for (const file of candidates) {
    const sourceFile = snapshot.parse(file);
    if (!sourceFile) continue;
    const syntaxError = firstSyntaxError(sourceFile);
    if (syntaxError) {
      warnings.push({ code: 'parse-error', message: `syntax error, file skipped: ${syntaxError.message}`, file, line: syntaxError.line });
      continue;
    }
    const ctx: DetectContext = {
      file,
      sourceFile,
      packages: importedPackages(sourceFile.text),
      resolve: (node) => resolver.resolve(node),
      origin: (node) => resolver.origin(node),
    };
    const drafts: Array<{ draft: CallSiteDraft; call: ts.Node }> = [];
    const aliases = importAliases(sourceFile);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && byClass.size > 0) {
        const name = calleeName(node.expression);
        const className = name ? (aliases.get(name) ?? name) : undefined;
        for (const detector of (className ? byClass.get(className) : undefined) ?? []) {
          const draft = detector.detectNew?.(node, className!, ctx);
          if (draft) {
            drafts.push({ draft, call: node });
            break;
          }
        }
      }
      if (ts.isCallExpression(node)) {
        const written = calleeName(node.expression);
        // `import { streamText as st } from 'ai'`: dispatch on the imported name.
        const method = written && ts.isIdentifier(node.expression) ? (aliases.get(written) ?? written) : written;
        const candidatesForMethod = method ? byMethod.get(method) : undefined;
        if (candidatesForMethod) {
          const chain = calleeChain(node.expression);
          for (const detector of candidatesForMethod) {
            const draft = detector.detect(node, chain, ctx);
            if (draft) {
              drafts.push({ draft, call: node });
              break;
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    sites.push(...assignIds(idPath(file), drafts.map(({ draft, call }) => ({ draft: drivers.annotate(draft, call), call }))));
  }
  return { sites, warnings };
}

function assignIds(idFile: string, drafts: Array<{ draft: CallSiteDraft; call: ts.Node }>): CallSite[] {
  const ordinals = new Map<string, number>();
  return drafts.map(({ draft, call }) => {
    const enclosingFunction = enclosingFunctionName(call);
    const key = `${idFile}#${enclosingFunction}/${draft.method}`;
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    const inline = inlineAssumptions(call);
    return { ...draft, id: `${key}#${ordinal}`, enclosingFunction, ...(inline ? { inline } : {}) };
  });
}

/** Local names of imports renamed on the way in (`import { streamText as st }`): local name -> imported name. */
function importAliases(sourceFile: ts.SourceFile): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) if (element.propertyName) aliases.set(element.name.text, element.propertyName.text);
  }
  return aliases;
}

/** The callee's last member name: `create` for `client.chat.completions.create`. */
function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isElementAccessExpression(expression) && ts.isStringLiteral(expression.argumentExpression)) return expression.argumentExpression.text;
  return undefined;
}

/** `a.b?.c.d` as names `[a, b, c, d]` with the expression that holds each. Calls in the chain are stepped over. */
export function calleeChain(expression: ts.Expression): CalleeChain {
  const names: string[] = [];
  const nodes: ts.Expression[] = [];
  let current: ts.Expression = expression;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      names.unshift(current.name.text);
      nodes.unshift(current);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current) && ts.isStringLiteral(current.argumentExpression)) {
      names.unshift(current.argumentExpression.text);
      nodes.unshift(current);
      current = current.expression;
    } else if (ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else {
      names.unshift(ts.isIdentifier(current) ? current.text : current.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '<expr>');
      nodes.unshift(current);
      return { names, nodes };
    }
  }
}

/** Bare package specifiers imported, required or dynamically imported by the file. */
export function importedPackages(text: string): Set<string> {
  const packages = new Set<string>();
  for (const match of text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"./][^'"]*)['"]/g)) {
    const specifier = match[1]!;
    const parts = specifier.split('/');
    packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  return packages;
}

/** The name the stable id uses for where the call sits: `fn`, `Class.method`, or `<top>`. */
export function enclosingFunctionName(node: ts.Node): string {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    const name = functionName(current);
    if (name) return name;
  }
  return '<top>';
}

function functionName(node: ts.Node): string | undefined {
  if (ts.isFunctionDeclaration(node)) return node.name?.text;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isConstructorDeclaration(node)) {
    const member = ts.isConstructorDeclaration(node) ? 'constructor' : node.name.getText();
    const owner = node.parent;
    const ownerName = ts.isClassLike(owner) ? owner.name?.text : ts.isObjectLiteralExpression(owner) ? objectOwnerName(owner) : undefined;
    return ownerName ? `${ownerName}.${member}` : member;
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent)) {
      const ownerName = objectOwnerName(parent.parent);
      return ownerName ? `${ownerName}.${parent.name.getText()}` : parent.name.getText();
    }
    if (ts.isPropertyDeclaration(parent) && ts.isClassLike(parent.parent)) return `${parent.parent.name?.text ?? '<class>'}.${parent.name.getText()}`;
    if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  }
  return undefined;
}

function objectOwnerName(object: ts.ObjectLiteralExpression): string | undefined {
  const parent = object.parent;
  return ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/** The parser's first syntax error, if any (parse errors live on `parseDiagnostics`, not in the public API). */
function firstSyntaxError(sourceFile: ts.SourceFile): { message: string; line: number } | undefined {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first) return undefined;
  const line = first.start === undefined ? 1 : sourceFile.getLineAndCharacterOfPosition(first.start).line + 1;
  return { message: ts.flattenDiagnosticMessageText(first.messageText, ' '), line };
}
