/**
 * GraphQL Code Generator: `npm run codegen` -> schema/generated/ (committed; tests/codegen.test.ts
 * fails when it is stale).
 *
 * Input: the printed schema (schema/schema.graphql, itself checked against the code) and the
 * operations the web and mobile clients send (schema/operations/*.graphql).
 * Output (client preset): typed document nodes for every operation, and
 * persisted-documents.json, the trusted-documents manifest `{ "<sha256 hex>": "<document>" }`
 * that the gateway serves as `{"documentId": "sha256:<hex>"}`.
 *
 * Loaded by the codegen CLI through jiti (its own transpiler), not through the TypeScript compiler
 * API, so it works with TypeScript 7 installed; the test imports it directly. Paths are relative to
 * the repository root (the CLI's working directory; the test passes `cwd`).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export const GENERATED_DIR = 'schema/generated/';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/*.graphql'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    [GENERATED_DIR]: {
      preset: 'client',
      presetConfig: {
        persistedDocuments: { hashAlgorithm: 'sha256' },
        // Fragments here only share field lists between operations; their fields appear directly
        // in each operation's result type.
        fragmentMasking: false,
      },
      config: {
        scalars: {
          DateTime: 'string',
          Date: 'string',
          Upload: 'File',
        },
        // Node runs the generated .ts as it is (type stripping): explicit .ts imports, no enums.
        importExtension: '.ts',
        useTypeImports: true,
        enumsAsTypes: true,
        // The documents carry no __typename the server does not send.
        skipTypename: true,
      },
    },
  },
};

export default config;
