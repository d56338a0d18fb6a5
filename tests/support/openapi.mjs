// Loads schemas/openapi.yaml and validates responses against the schemas it documents, with readable failures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

const documentPath = path.resolve(fileURLToPath(new URL('../../schemas/openapi.yaml', import.meta.url)));
const componentsId = 'https://pswnet.invalid/openapi/components';
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let loaded;

/** The OpenAPI document, parsed as YAML 1.1 like the build's PyYAML conversion does. */
export function openApiDocument() {
  loaded ??= load();
  return loaded.document;
}

function load() {
  const document = YAML.parse(readFileSync(documentPath, 'utf8'), { version: '1.1' });
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // OpenAPI's own keywords that may appear inside its schemas.
  ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
  ajv.addSchema({ $id: componentsId, $defs: rewriteRefs(document.components?.schemas ?? {}) });
  return { document, ajv, validators: new Map(), operations: indexOperations(document) };
}

// '#/components/schemas/X' inside the document becomes a reference into the registered components schema.
function rewriteRefs(value) {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => {
    if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')) {
      return [key, `${componentsId}#/$defs/${inner.slice('#/components/schemas/'.length)}`];
    }
    return [key, rewriteRefs(inner)];
  }));
}

function serverPrefix(servers) {
  const url = servers?.[0]?.url ?? '/';
  return url.replace(/\/+$/, '');
}

function indexOperations(document) {
  const operations = new Map();
  for (const [documentPath, item] of Object.entries(document.paths ?? {})) {
    const prefix = serverPrefix(item.servers ?? document.servers);
    for (const method of methods) {
      if (item[method]) operations.set(`${method.toUpperCase()} ${prefix}${documentPath}`, item[method]);
    }
  }
  return operations;
}

/** Every documented operation as {method, path} with the full path on the wire ('/api/v1/organisations/{id}'). */
export function documentedRoutes() {
  openApiDocument();
  return [...loaded.operations.keys()].map((key) => {
    const [method, routePath] = key.split(' ');
    return { method, path: routePath };
  });
}

function resolve(object) {
  let current = object;
  while (current && typeof current.$ref === 'string') {
    const pointer = current.$ref.replace(/^#\//, '').split('/').map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    current = pointer.reduce((node, part) => node?.[part], loaded.document);
    assert.ok(current, `openapi.yaml: unresolvable $ref ${object.$ref}`);
  }
  return current;
}

function compiled(key, schema) {
  let validate = loaded.validators.get(key);
  if (!validate) {
    validate = loaded.ajv.compile(rewriteRefs(schema));
    loaded.validators.set(key, validate);
  }
  return validate;
}

function failWith(what, validate, body) {
  const problems = validate.errors.map((error) =>
    `  ${error.instancePath || '(root)'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
  const shown = JSON.stringify(body, null, 1) ?? String(body);
  assert.fail(`${what} does not match schemas/openapi.yaml:\n${problems.join('\n')}\nbody: ${shown.slice(0, 1500)}`);
}

/** Validates a value against components/schemas/<name>. */
export function validateComponent(name, value, what = name) {
  openApiDocument();
  assert.ok(loaded.document.components?.schemas?.[name], `openapi.yaml has no components/schemas/${name}`);
  const validate = compiled(`component ${name}`, { $ref: `#/components/schemas/${name}` });
  if (!validate(value)) failWith(`${what} (${name})`, validate, value);
}

/**
 * Validates a response body against the schema the document gives for (method, pathTemplate, status).
 * pathTemplate is the full path as routed ('/api/v1/organisations/{id}', '/healthz'). contentType picks the media
 * type when the response documents several; by default the JSON one. A response documented without content must
 * have no body (pass undefined).
 */
export function validateResponse(method, pathTemplate, status, body, { contentType } = {}) {
  openApiDocument();
  const what = `${method.toUpperCase()} ${pathTemplate} ${status}`;
  const operation = loaded.operations.get(`${method.toUpperCase()} ${pathTemplate}`);
  assert.ok(operation, `openapi.yaml does not document ${method.toUpperCase()} ${pathTemplate}`);
  const responses = operation.responses ?? {};
  const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  assert.ok(documented, `openapi.yaml documents no ${status} for ${method.toUpperCase()} ${pathTemplate} ` +
    `(it has ${Object.keys(responses).join(', ')})`);
  const response = resolve(documented);
  const content = response.content ?? {};
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    assert.ok(body === undefined || body === '', `${what} is documented without a body but has one: ${JSON.stringify(body)}`);
    return;
  }
  const mediaType = contentType
    ? mediaTypes.find((type) => contentType.split(';')[0].trim() === type)
    : mediaTypes.find((type) => /json$/.test(type)) ?? mediaTypes[0];
  assert.ok(mediaType, `${what}: content type ${contentType} is not documented (only ${mediaTypes.join(', ')})`);
  const schema = content[mediaType].schema;
  if (!schema) return;
  const validate = compiled(`${what} ${mediaType}`, schema);
  if (!validate(body)) failWith(what, validate, body);
}

/** Validates a response from support/api.mjs's request(): its status, content type and body. */
export function expectDocumented(res, method, pathTemplate) {
  const contentType = res.headers.get('content-type') ?? undefined;
  validateResponse(method, pathTemplate, res.status, res.body ?? (res.text === '' ? undefined : res.text),
    { contentType });
  return res.body;
}
