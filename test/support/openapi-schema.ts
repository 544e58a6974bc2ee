/**
 * A strict validator for the schemas in `@octokit/openapi`'s description of api.github.com (OpenAPI 3.0: `$ref`,
 * `nullable`, `oneOf`/`anyOf`/`allOf`, formats). Strict means a property the description does not list is an
 * error even where the description leaves `additionalProperties` open: the fake server must not invent fields,
 * and the client must not send any. Keywords it does not know are errors, so nothing is skipped silently.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

let cached: OpenApiDocument | undefined;

/** The api.github.com description (13 MB, parsed once per test process). */
export function loadGitHubDescription(): OpenApiDocument {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    cached = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  }
  return cached;
}

const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'discriminator',
  'externalDocs',
]);
const VALIDATING = new Set([
  '$ref',
  'type',
  'format',
  'nullable',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'oneOf',
  'anyOf',
  'allOf',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'maxProperties',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SchemaValidator {
  constructor(private readonly document: OpenApiDocument) {}

  /** Follows `$ref` chains (`#/components/...`). */
  resolve<T = Schema>(node: unknown): T {
    let current = node;
    for (let depth = 0; isObject(current) && typeof current['$ref'] === 'string'; depth++) {
      if (depth > 50) throw new Error('$ref loop');
      const ref = current['$ref'] as string;
      if (!ref.startsWith('#/')) throw new Error(`Unsupported $ref ${ref}`);
      current = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((at, key) => (isObject(at) ? at[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), this.document);
      if (current === undefined) throw new Error(`Unresolved $ref ${ref}`);
    }
    return current as T;
  }

  /** Errors of `value` against `schema`, each prefixed with the JSON path (`$.user.login`). */
  validate(schema: unknown, value: unknown, path = '$'): string[] {
    return this.check(schema, value, path, true);
  }

  /** Property names a schema (with its `allOf` parts) describes. */
  private knownProperties(schema: Schema): { names: Set<string>; open: boolean } {
    const names = new Set<string>();
    let open = false;
    const visit = (node: unknown) => {
      const s = this.resolve(node);
      if (isObject(s['properties'])) for (const name of Object.keys(s['properties'])) names.add(name);
      if (s['additionalProperties'] !== undefined && s['additionalProperties'] !== false) open = true;
      if (Array.isArray(s['allOf'])) s['allOf'].forEach(visit);
    };
    visit(schema);
    return { names, open };
  }

  /** `strict`: report properties unknown at this level (off for the parts of an `allOf`, judged together). */
  private check(node: unknown, value: unknown, path: string, strict: boolean): string[] {
    const schema = this.resolve(node);
    if (!isObject(schema)) return [`${path}: schema is not an object`];
    const errors: string[] = [];
    for (const keyword of Object.keys(schema)) {
      if (!VALIDATING.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
        errors.push(`${path}: the validator does not know the keyword ${keyword}`);
      }
    }
    if (value === null) {
      if (schema['nullable'] === true) return errors;
      if (Array.isArray(schema['enum']) && schema['enum'].includes(null)) return errors;
      if (schema['type'] !== undefined || schema['properties'] !== undefined) return [...errors, `${path}: null is not allowed`];
    }

    const type = schema['type'];
    if (type !== undefined && value !== null) {
      const types = Array.isArray(type) ? type : [type];
      if (!types.some((t) => this.hasType(t as string, value))) {
        return [...errors, `${path}: expected ${types.join(' or ')}, got ${Array.isArray(value) ? 'array' : typeof value}`];
      }
    }
    if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) {
      errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
    }
    if (typeof value === 'string') errors.push(...this.checkString(schema, value, path));
    if (typeof value === 'number') {
      if (typeof schema['minimum'] === 'number' && value < schema['minimum']) errors.push(`${path}: below minimum ${schema['minimum']}`);
      if (typeof schema['maximum'] === 'number' && value > schema['maximum']) errors.push(`${path}: above maximum ${schema['maximum']}`);
    }
    if (Array.isArray(value)) {
      if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) errors.push(`${path}: fewer than ${schema['minItems']} items`);
      if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) errors.push(`${path}: more than ${schema['maxItems']} items`);
      if (schema['uniqueItems'] === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${path}: items not unique`);
      if (schema['items'] !== undefined) value.forEach((item, i) => errors.push(...this.check(schema['items'], item, `${path}[${i}]`, true)));
    }
    if (isObject(value)) errors.push(...this.checkObject(schema, value, path, strict));

    if (Array.isArray(schema['allOf'])) {
      // Each part checks its own fields; unknown fields are judged against all parts together, below.
      for (const part of schema['allOf']) errors.push(...this.check(part, value, path, false));
    }
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const branches = schema[keyword];
      if (!Array.isArray(branches) || value === null) continue;
      const results = branches.map((branch) => this.check(branch, value, path, strict));
      const passing = results.filter((r) => r.length === 0).length;
      if (keyword === 'anyOf' && passing === 0) {
        errors.push(`${path}: matches none of anyOf: ${results.map((r) => r[0]).join(' | ')}`);
      }
      if (keyword === 'oneOf' && passing !== 1) {
        errors.push(`${path}: matches ${passing} of oneOf (needs exactly 1): ${results.map((r) => r[0] ?? 'ok').join(' | ')}`);
      }
    }
    return errors;
  }

  private hasType(type: string, value: unknown): boolean {
    switch (type) {
      case 'string':
        return typeof value === 'string';
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'array':
        return Array.isArray(value);
      case 'object':
        return isObject(value);
      case 'null':
        return value === null;
      default:
        return false;
    }
  }

  private checkString(schema: Schema, value: string, path: string): string[] {
    const errors: string[] = [];
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) errors.push(`${path}: shorter than ${schema['minLength']}`);
    if (typeof schema['maxLength'] === 'number' && value.length > schema['maxLength']) errors.push(`${path}: longer than ${schema['maxLength']}`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) errors.push(`${path}: does not match ${schema['pattern']}`);
    switch (schema['format']) {
      case 'date-time':
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) errors.push(`${path}: not a date-time: ${value}`);
        break;
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push(`${path}: not a date: ${value}`);
        break;
      case 'uri':
        try {
          new URL(value);
        } catch {
          errors.push(`${path}: not a URI: ${value}`);
        }
        break;
      case 'email':
        if (!/^[^@\s]+@[^@\s]+$/.test(value)) errors.push(`${path}: not an email: ${value}`);
        break;
      default:
        break;
    }
    return errors;
  }

  private checkObject(schema: Schema, value: Record<string, unknown>, path: string, strict: boolean): string[] {
    const errors: string[] = [];
    const properties = isObject(schema['properties']) ? schema['properties'] : {};
    if (Array.isArray(schema['required'])) {
      for (const name of schema['required'] as string[]) if (!(name in value)) errors.push(`${path}: missing required ${name}`);
    }
    if (typeof schema['maxProperties'] === 'number' && Object.keys(value).length > schema['maxProperties']) {
      errors.push(`${path}: more than ${schema['maxProperties']} properties`);
    }
    const known = this.knownProperties(schema);
    const additional = schema['additionalProperties'];
    for (const [name, item] of Object.entries(value)) {
      if (name in properties) errors.push(...this.check(properties[name], item, `${path}.${name}`, true));
      else if (isObject(additional)) errors.push(...this.check(additional, item, `${path}.${name}`, true));
      else if (additional === false) errors.push(`${path}.${name}: not allowed (additionalProperties: false)`);
      else if (strict && !known.names.has(name) && !known.open && (Object.keys(properties).length > 0 || known.names.size > 0)) {
        errors.push(`${path}.${name}: not in the description`);
      }
    }
    return errors;
  }
}
