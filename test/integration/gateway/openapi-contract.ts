/**
 * Checks live answers of the gateway against its own OpenAPI document: the status must be one the
 * operation documents, the content type one that status documents, and a JSON body must match the
 * documented schema (OpenAPI 3.1 schemas are JSON Schema 2020-12, checked with ajv, `$ref`s
 * resolved inside the document). A suite sends its requests through `http`/`fetch` of a contract
 * and every answer is checked, so a new test case is covered without writing anything.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Ajv2020, type AnySchema, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonResponse } from '../../support/services.js';

// ajv and ajv-formats come with @seriousme/openapi-schema-validator (the document's own validator);
// ajv-formats is not hoisted, so it is loaded from there. Resolved through createRequire, not
// import.meta.resolve: mocha may load this file through require() (tsx then compiles it to CommonJS,
// where import.meta has only `url`).
const requireFromValidator = createRequire(createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator'));
const addFormats = requireFromValidator('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

/**
 * The parts of an OpenAPI 3.1 document the checks (and the tests) read, as the gateway generates
 * it: no `$ref`s outside schemas, every operation with its responses.
 */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaObject>;
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}
export interface HeaderObject {
  required?: boolean;
  schema?: SchemaObject;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject>;
  content?: Record<string, { schema?: SchemaObject }>;
}
export interface OperationObject {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, ResponseObject>;
}
/** Method (lower case) -> operation. */
export type PathItemObject = Record<string, OperationObject>;
/** A type, not an interface: it is also a plain JSON object (`Record<string, unknown>`) to validators. */
export type ApiDocument = {
  openapi: string;
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, SchemaObject>;
    securitySchemes: Record<string, { type: string; scheme?: string }>;
  };
};

const DOCUMENT_ID = 'https://sagashop.test/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  specificity: number;
  operation: OperationObject;
}

export interface CheckedAnswer {
  operationId: string | undefined;
  method: string;
  path: string;
  status: number;
  mediaType: string | undefined;
}

export class OpenApiContract {
  private readonly ajv: Ajv2020;
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();
  /** Every answer checked so far (for coverage assertions). */
  readonly checked: CheckedAnswer[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly document: ApiDocument,
  ) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addFormat('password', true); // an OpenAPI format: a UI hint, no constraint
    // Only `components` is needed as a schema: response schemas are compiled one by one with their
    // `#/components/...` references pointed here.
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: structuredClone(document.components) });

    for (const [template, item] of Object.entries(document.paths)) {
      const params = template.match(/\{[^}]+\}/g)?.length ?? 0;
      // @koa/router matches case-insensitively and with or without a trailing slash.
      const source = template
        .split(/\{[^}]+\}/)
        .map(escapeRegExp)
        .join('[^/]+');
      const pattern = new RegExp(`^${source}/?$`, 'i');
      for (const method of Object.keys(item).filter((key) => METHODS.includes(key))) {
        this.operations.push({ method, template, pattern, specificity: params, operation: item[method] });
      }
    }
    // A literal path wins over a templated one (as in the router).
    this.operations.sort((a, b) => a.specificity - b.specificity);
  }

  /** The `http` of test/support/services.ts, with the answer checked. */
  async http<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    // Same request and parsing as services.ts' http(), keeping the raw text to check.
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    this.check(method, path, response.status, response.headers, text);
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: the test sees the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** fetch() against the gateway, with the answer checked; the body can still be read from the result. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, init);
    const bytes = new Uint8Array(await response.arrayBuffer());
    this.check(init.method ?? 'GET', path, response.status, response.headers, new TextDecoder().decode(bytes));
    const nullBody = response.status === 204 || response.status === 304 || bytes.byteLength === 0;
    return new Response(nullBody ? null : bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  /** Asserts that this answer is one the document describes. */
  check(method: string, path: string, status: number, headers: Headers, bodyText: string): void {
    const problems = this.problems(method, path, status, headers, bodyText);
    const answer = `${method} ${path.slice(0, 120)} -> ${status}`;
    assert.deepEqual(problems, [], `${answer} does not match the OpenAPI document\n  body: ${bodyText.slice(0, 500)}`);
  }

  /** The operation a request is routed to, if the document has one. */
  operationOf(method: string, path: string): Operation | undefined {
    const pathname = new URL(path, 'http://gateway').pathname;
    const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    return this.operations.find((candidate) => candidate.method === wanted && candidate.pattern.test(pathname));
  }

  private problems(method: string, path: string, status: number, headers: Headers, bodyText: string): string[] {
    const found = this.operationOf(method, path);
    const mediaType = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    this.checked.push({ operationId: found?.operation.operationId, method: method.toUpperCase(), path, status, mediaType });
    // OPTIONS is answered for every path a route serves (204 + Allow); OpenAPI does not list it per path.
    if (!found && method.toUpperCase() === 'OPTIONS' && status === 204) return bodyText ? ['a 204 has no body'] : [];
    if (!found) return this.undocumentedRouteProblems(status, mediaType, bodyText);

    const { responses } = found.operation;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => candidate in responses);
    if (!key) {
      const documented = Object.keys(responses).join(', ');
      return [`status ${status} is not documented for ${found.method.toUpperCase()} ${found.template} (documented: ${documented})`];
    }
    const response = responses[key];
    const problems: string[] = [];

    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`required header ${name} is missing`);
        continue;
      }
      if (header.schema?.type === 'integer' && !/^-?\d+$/.test(value)) {
        problems.push(`header ${name} is documented as an integer, got ${JSON.stringify(value)}`);
      }
    }

    const { content } = response;
    const isHead = method.toUpperCase() === 'HEAD';
    if (!content || Object.keys(content).length === 0) {
      if (bodyText.length > 0 && !isHead) problems.push(`no body is documented for ${status}, got ${mediaType ?? 'no content type'}`);
      return problems;
    }
    if (!mediaType) return [...problems, `no content type; documented: ${Object.keys(content).join(', ')}`];
    const documentedType = Object.keys(content).find((candidate) => mediaTypeMatches(candidate, mediaType));
    if (!documentedType) {
      return [...problems, `content type ${mediaType} is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`];
    }
    if (isHead) return problems;

    const schema = content[documentedType].schema;
    if (!schema) return problems;
    if (isJson(mediaType)) {
      let body: unknown;
      try {
        body = JSON.parse(bodyText);
      } catch {
        return [...problems, `the ${mediaType} body is not JSON`];
      }
      const validate = this.validator(`${found.method} ${found.template} ${key} ${documentedType}`, schema);
      if (!validate(body)) {
        problems.push(
          ...(validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`),
        );
      }
    } else if (schema.type && schema.type !== 'string') {
      problems.push(`a ${mediaType} body can only be a string, but the schema says ${JSON.stringify(schema.type)}`);
    }
    return problems;
  }

  /** Unknown paths and methods are not operations; their answer is still a 4xx in the one envelope. */
  private undocumentedRouteProblems(status: number, mediaType: string | undefined, bodyText: string): string[] {
    if (status !== 404 && status !== 405 && status !== 501) {
      return [`no documented operation, yet the answer is ${status} (expected 404, 405 or 501)`];
    }
    if (mediaType !== 'application/json') return [`an error answer must be JSON, got ${mediaType}`];
    const validate = this.validator('Error', { $ref: '#/components/schemas/Error' });
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      return ['the error body is not JSON'];
    }
    return validate(body) ? [] : (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message}`);
  }

  private validator(key: string, schema: SchemaObject): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      // A copy of a JSON Schema with only its $refs rewritten is a JSON Schema still.
      validate = this.ajv.compile(pointRefsAt(schema, DOCUMENT_ID) as AnySchema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** `#/components/...` -> `<document id>#/components/...`, so that a schema compiled on its own resolves them. */
function pointRefsAt(node: unknown, documentId: string): unknown {
  if (Array.isArray(node)) return node.map((item: unknown) => pointRefsAt(item, documentId));
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const localRef = key === '$ref' && typeof value === 'string' && value.startsWith('#');
    result[key] = localRef ? documentId + value : pointRefsAt(value, documentId);
  }
  return result;
}

function mediaTypeMatches(documented: string, actual: string): boolean {
  const [type, subtype] = documented.toLowerCase().split('/');
  const [actualType, actualSubtype] = actual.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
