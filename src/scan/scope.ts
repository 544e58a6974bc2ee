import { ts } from 'ts-morph';

/**
 * Where a name is declared, seen from a node: the scope walk the resolver and the detectors' followers share.
 * Syntax only: parameters, block-level declarations, loop and catch bindings, then the file's imports.
 */

/** `export const`, `export function`, ...: the statement is part of the module's exports. */
export function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** Every name a declaration binds, destructuring included, with the node that binds it. */
export function bindingNames(declaration: ts.VariableDeclaration | ts.BindingElement): Array<[string, ts.Node]> {
  if (ts.isIdentifier(declaration.name)) return [[declaration.name.text, declaration]];
  const names: Array<[string, ts.Node]> = [];
  for (const element of declaration.name.elements) if (ts.isBindingElement(element)) names.push(...bindingNames(element));
  return names;
}

/**
 * Finds the declaration a name refers to at `from`, walking out through the enclosing scopes: parameters,
 * block-level declarations, then the file's top level (imports included).
 */
export function findDeclaration(name: string, from: ts.Node): ts.Node | undefined {
  let child: ts.Node = from;
  for (let scope: ts.Node | undefined = from.parent; scope; child = scope, scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const parameter of scope.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.name.text === name) return parameter;
        if (!ts.isIdentifier(parameter.name)) {
          const element = findInBindingPattern(parameter.name, name);
          if (element) return element;
        }
      }
      if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === name) return scope;
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration && ts.isIdentifier(scope.variableDeclaration.name) && scope.variableDeclaration.name.text === name) {
      return scope.variableDeclaration;
    }
    if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      const found = findInDeclarationList(scope.initializer, name);
      if (found) return found;
    }
    const statements = ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : undefined;
    if (statements) {
      const found = findInStatements(statements, name);
      if (found) return found;
    }
  }
  void child;
  return undefined;
}

function findInStatements(statements: ts.NodeArray<ts.Statement>, name: string): ts.Node | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const found = findInDeclarationList(statement.declarationList, name);
      if (found) return found;
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name?.text === name) {
      return statement;
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name?.text === name) return clause;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === name) return bindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const element = bindings.elements.find((e) => e.name.text === name);
        if (element) return element;
      }
    } else if (ts.isImportEqualsDeclaration(statement) && statement.name.text === name) {
      return statement;
    }
  }
  return undefined;
}

function findInDeclarationList(list: ts.VariableDeclarationList, name: string): ts.Node | undefined {
  for (const declaration of list.declarations) {
    if (ts.isIdentifier(declaration.name)) {
      if (declaration.name.text === name) return declaration;
    } else {
      const element = findInBindingPattern(declaration.name, name);
      if (element) return element;
    }
  }
  return undefined;
}

function findInBindingPattern(pattern: ts.BindingPattern, name: string): ts.BindingElement | undefined {
  for (const element of pattern.elements) {
    if (!ts.isBindingElement(element)) continue;
    if (ts.isIdentifier(element.name)) {
      if (element.name.text === name) return element;
    } else {
      const nested = findInBindingPattern(element.name, name);
      if (nested) return nested;
    }
  }
  return undefined;
}
