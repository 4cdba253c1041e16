/**
 * The schema builder: plugins, scalars and the context type. Defines no object type and no field;
 * the types live in types/<domain>.ts and schema.ts builds the schema from them.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import type { Context } from './context.ts';
import { decodeGlobalId, encodeGlobalId } from '../global-id.ts';
import { authScopesOf, type AuthScopes, unauthorized } from './authz.ts';
import { fieldComplexity } from './cost.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: string; Output: string };
    Upload: { Input: File; Output: never };
  };
  Connection: { totalCount: () => Promise<number> };
  AuthScopes: AuthScopes;
}>({
  // Scope-auth first: its checks wrap every resolver the other plugins add.
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: authScopesOf,
    unauthorizedError: (_parent, context, _info, result) => unauthorized(context, result.message),
    // Subscriptions are checked when subscribing (and each event by its resolver's row rules).
    authorizeOnSubscribe: true,
  },
  // Limits are checked before execution (src/graphql/limits.ts); this only supplies the cost of a
  // field, so the schema carries the estimate that limits and rate limits share.
  complexity: { fieldComplexity },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // node/nodes are defined in types/node.ts so they can use the projecting loaders.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, id),
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
  },
});

builder.addScalarType('DateTime', DateTimeResolver, {});
builder.addScalarType('Date', LocalDateResolver, {
  description: 'A calendar date, YYYY-MM-DD',
});
builder.scalarType('Upload', {
  description: 'A file in a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec)',
  serialize: () => {
    throw new Error('Upload is an input-only scalar');
  },
});
