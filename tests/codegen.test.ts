/**
 * The client operations (schema/operations/*.graphql) and what GraphQL Code Generator makes of
 * them (schema/generated/, committed): the generated files must be what `npm run codegen` would
 * write now, every operation must validate against the schema the code builds, and every entry
 * of the persisted-documents manifest must be keyed by the sha256 of its document text, the id
 * clients send as `{"documentId": "sha256:<hex>"}`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { type DefinitionNode, type DocumentNode, Kind, parse, print, separateOperations, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import config, { GENERATED_DIR } from '../codegen.ts';
import * as generated from '../schema/generated/graphql.ts';
import { schema } from '../src/graphql/schema.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OPERATIONS_DIR = join(ROOT, 'schema/operations');
const OUT_DIR = join(ROOT, GENERATED_DIR);
const STALE = 'is out of date: run `npm run codegen` and commit the result';

const operationFiles = readdirSync(OPERATIONS_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort();

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function validationErrors(document: DocumentNode): string[] {
  return validate(schema, document).map((e) => e.message);
}

describe('schema/generated (GraphQL Code Generator output)', () => {
  /** path relative to the repository root -> content, as codegen would write it now */
  let expected: Map<string, string>;

  beforeAll(async () => {
    // Returns the outputs in memory (saveToFile false); typed `any` because of watch mode.
    const files: { filename: string; content: string }[] = await generate({ ...config, cwd: ROOT, silent: true, verbose: false }, false);
    expected = new Map(files.map((f) => [relative(ROOT, resolve(ROOT, f.filename)), f.content]));
  });

  it('holds exactly the files codegen generates', () => {
    const committed = readdirSync(OUT_DIR).map((f) => relative(ROOT, join(OUT_DIR, f)));
    expect(committed.sort(), `${GENERATED_DIR} ${STALE}`).toEqual([...expected.keys()].sort());
  });

  it('is what codegen generates from schema/schema.graphql and schema/operations', () => {
    for (const [file, content] of expected) {
      const committed = readFileSync(join(ROOT, file), 'utf8');
      expect(committed, `${file} ${STALE}`).toBe(content);
    }
  });
});

describe('schema/operations', () => {
  const documents = operationFiles.map((file) => ({ file, document: parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8')) }));
  const all: DocumentNode = { kind: Kind.DOCUMENT, definitions: documents.flatMap((d) => d.document.definitions as DefinitionNode[]) };
  const operations = separateOperations(all);

  it('has operations', () => {
    expect(Object.keys(operations).length).toBeGreaterThan(0);
  });

  it('validate together against the built schema (unique names, no unused fragments)', () => {
    expect(validationErrors(all)).toEqual([]);
  });

  for (const [name, document] of Object.entries(operations)) {
    it(`${name} validates against the built schema`, () => {
      expect(validationErrors(document), print(document)).toEqual([]);
    });
  }
});

describe('schema/generated/persisted-documents.json', () => {
  const manifest = JSON.parse(readFileSync(join(OUT_DIR, 'persisted-documents.json'), 'utf8')) as Record<string, string>;

  it('has one document per operation', () => {
    const names = Object.values(manifest).flatMap((text) =>
      parse(text).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [])),
    );
    const all = operationFiles.flatMap((file) =>
      parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8')).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
      ),
    );
    expect(names.sort()).toEqual(all.sort());
  });

  for (const [hash, text] of Object.entries(manifest)) {
    it(`${hash} is the sha256 of its document, which validates`, () => {
      expect(hash).toBe(sha256(text));
      expect(validationErrors(parse(text))).toEqual([]);
    });
  }

  it('is what the generated documents carry as their hash', () => {
    const hashes = Object.entries(generated)
      .filter(([name]) => name.endsWith('Document'))
      .map(([, document]) => (document as { __meta__?: { hash?: string } }).__meta__?.hash);
    expect(hashes.length).toBe(Object.keys(manifest).length);
    expect(hashes.sort()).toEqual(Object.keys(manifest).sort());
  });
});
