// Generates src/api-types.ts from schemas/openapi.yaml with openapi-typescript: `--write` rewrites the file,
// `--check` regenerates it into a temporary file and fails when the checked-in one differs, so the client's types
// cannot drift from the contract. openapi-typescript 6, because 7 builds its output with TypeScript 5's compiler API,
// which the TypeScript 7 this webclient is checked with no longer has.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS from 'openapi-typescript'
import prettier from 'prettier'
import YAML from 'yaml'

const webclient = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const schemaPath = path.resolve(webclient, '../schemas/openapi.yaml')
const outputPath = path.join(webclient, 'src/api-types.ts')

const header =
  '// The HTTP API bodies as TypeScript types, generated from schemas/openapi.yaml by `npm run generate:api-types`.\n' +
  '// Do not edit: `npm run lint` fails when this file and the schema disagree.\n\n'

/**
 * In OpenAPI 3.1 a `$ref` may have sibling keywords (`ThreadSummary` is `ThreadFields` plus
 * `unevaluatedProperties`; `Thread` adds its own properties), which means the same as `allOf: [{$ref}]` with those
 * siblings. openapi-typescript reads only the `$ref` in that case and drops the rest, so the reference is moved into
 * `allOf` first, as the schema already writes `Figure` and `AreaFigure`.
 */
function refSiblingsAsAllOf(value) {
  if (Array.isArray(value)) return value.map(refSiblingsAsAllOf)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value).map(([key, inner]) => [key, refSiblingsAsAllOf(inner)])
  const { $ref, ...siblings } = Object.fromEntries(entries)
  const annotations = new Set(['description', 'summary'])
  if (typeof $ref !== 'string' || Object.keys(siblings).every((key) => annotations.has(key))) {
    return Object.fromEntries(entries)
  }
  return { ...siblings, allOf: [{ $ref }, ...(siblings.allOf ?? [])] }
}

async function generate() {
  // YAML 1.1, as the build's PyYAML conversion and the API tests read it.
  const document = YAML.parse(readFileSync(schemaPath, 'utf8'), { version: '1.1' })
  // An object schema without properties (an event's `data` before each event names it) is any object, not `{}`.
  const types = await openapiTS(refSiblingsAsAllOf(document), { emptyObjectsUnknown: true, silent: true })
  const options = (await prettier.resolveConfig(outputPath)) ?? {}
  return prettier.format(header + types, { ...options, filepath: outputPath })
}

async function main(mode) {
  const generated = await generate()
  if (mode === '--write') {
    writeFileSync(outputPath, generated)
    return
  }
  if (mode !== '--check') throw new Error('usage: node scripts/api-types.mjs --write | --check')
  const scratch = mkdtempSync(path.join(tmpdir(), 'api-types-'))
  try {
    const fresh = path.join(scratch, 'api-types.ts')
    writeFileSync(fresh, generated)
    execFileSync('diff', ['-u', '--label', 'src/api-types.ts', '--label', 'generated', outputPath, fresh], {
      stdio: 'inherit',
    })
  } catch {
    console.error('src/api-types.ts does not match schemas/openapi.yaml: run `npm run generate:api-types`.')
    process.exitCode = 1
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

await main(process.argv[2])
