/**
 * The GraphQL schema against (1) the committed schema/schema.graphql and (2) the public contract
 * in docs/api.md, written out below as a table. The built schema may grow beyond the
 * contract, but every type, field, argument and enum value listed here must exist with the same
 * name and type; arguments and input fields it adds must be optional, so existing clients keep
 * working. Every entry of the contract is built, and checked.
 */
import { readFileSync } from 'node:fs';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
  isScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_PATH } from '../src/graphql/print-schema.ts';
import { schema } from '../src/graphql/schema.ts';

describe('schema/schema.graphql', () => {
  it('is the printed schema of the code', () => {
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    expect(committed, 'schema/schema.graphql is out of date: run `npm run schema:print` and commit the result').toBe(printedSchema());
  });

  it('is sorted, so that diffs stay small', () => {
    const names = Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith('__'));
    expect(names).toEqual([...names].sort());
  });
});

// ---- the contract ------------------------------------------------------------------------------

/** `type` as printed (e.g. `[FirSection!]!`), `args` by name -> type */
type FieldSpec = string | { type: string; args: Record<string, string> };

type TypeSpec =
  | { kind: 'scalar' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'interface'; fields: Record<string, FieldSpec> }
  | { kind: 'object'; fields: Record<string, FieldSpec>; interfaces?: string[] }
  | { kind: 'input'; fields: Record<string, string> }
  /** a Relay connection of `node` (edges { cursor node }, pageInfo, totalCount: Int!) */
  | { kind: 'connection'; node: string };

const page = { first: 'Int', after: 'String', last: 'Int', before: 'String' };

const CONTRACT: Record<string, TypeSpec> = {
  Node: { kind: 'interface', fields: { id: 'ID!' } },
  DateTime: { kind: 'scalar' },
  Date: { kind: 'scalar' },
  Upload: { kind: 'scalar' },

  FirStatus: { kind: 'enum', values: ['DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW', 'REGISTERED', 'REJECTED', 'FAILED'] },
  Role: { kind: 'enum', values: ['CITIZEN', 'OFFICER', 'STATION_HOUSE_OFFICER', 'DISTRICT_ADMIN', 'ADMIN'] },
  ComplaintSource: { kind: 'enum', values: ['TEXT', 'AUDIO', 'IMAGE'] },
  JobStatus: { kind: 'enum', values: ['QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] },
  GenerationStage: {
    kind: 'enum',
    values: ['QUEUED', 'TRANSCRIBE', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE', 'DONE'],
  },
  JobPriority: { kind: 'enum', values: ['URGENT', 'HIGH', 'NORMAL', 'LOW'] },
  OrderDirection: { kind: 'enum', values: ['ASC', 'DESC'] },
  FirOrderField: { kind: 'enum', values: ['CREATED_AT', 'UPDATED_AT', 'INCIDENT_FROM', 'FIR_NUMBER'] },
  FirStatsGroupBy: { kind: 'enum', values: ['STATUS', 'STATION', 'SECTION', 'DAY'] },
  SectionSource: { kind: 'enum', values: ['RETRIEVED', 'MODEL_CHECKED', 'OFFICER'] },

  Query: {
    kind: 'object',
    fields: {
      node: { type: 'Node', args: { id: 'ID!' } },
      nodes: { type: '[Node]!', args: { ids: '[ID!]!' } },
      viewer: 'Officer',
      firs: { type: 'FirConnection!', args: { ...page, filter: 'FirFilter', orderBy: 'FirOrder' } },
      firByNumber: { type: 'Fir', args: { number: 'String!' } },
      stations: { type: 'PoliceStationConnection!', args: { ...page, filter: 'StationFilter' } },
      legalSections: { type: 'LegalSectionConnection!', args: { first: 'Int', after: 'String', search: 'String', act: 'String' } },
      legalSectionsForIpc: { type: '[LegalSection!]!', args: { ipcSection: 'String!' } },
      firStats: { type: '[FirStatsBucket!]!', args: { filter: 'FirFilter', groupBy: 'FirStatsGroupBy!' } },
      generationJob: { type: 'GenerationJob', args: { id: 'ID!' } },
    },
  },

  FirFilter: {
    kind: 'input',
    fields: {
      stationIds: '[ID!]',
      statuses: '[FirStatus!]',
      createdFrom: 'DateTime',
      createdTo: 'DateTime',
      sectionIds: '[ID!]',
      search: 'String',
    },
  },
  FirOrder: { kind: 'input', fields: { field: 'FirOrderField!', direction: 'OrderDirection!' } },
  StationFilter: { kind: 'input', fields: { state: 'String', district: 'String', search: 'String' } },

  FirConnection: { kind: 'connection', node: 'Fir' },
  PoliceStationConnection: { kind: 'connection', node: 'PoliceStation' },
  LegalSectionConnection: { kind: 'connection', node: 'LegalSection' },
  PageInfo: {
    kind: 'object',
    fields: { hasNextPage: 'Boolean!', hasPreviousPage: 'Boolean!', startCursor: 'String', endCursor: 'String' },
  },

  Fir: {
    kind: 'object',
    interfaces: ['Node'],
    fields: {
      id: 'ID!',
      firNumber: 'String',
      status: 'FirStatus!',
      station: 'PoliceStation!',
      complaint: 'Complaint!',
      complainant: 'Complainant!',
      incident: 'Incident!',
      summary: 'String',
      narrative: 'String',
      acts: '[String!]!',
      sections: '[FirSection!]!',
      suspects: '[Person!]!',
      witnesses: '[Person!]!',
      investigation: 'Investigation!',
      missingFields: '[String!]!',
      version: 'Int!',
      createdBy: 'Officer',
      createdAt: 'DateTime!',
      updatedAt: 'DateTime!',
      registeredAt: 'DateTime',
      latestJob: 'GenerationJob',
    },
  },
  Complainant: {
    kind: 'object',
    fields: {
      name: 'String',
      dateOfBirth: 'Date',
      nationality: 'String',
      fatherOrHusbandName: 'String',
      address: 'String',
      contact: 'String',
      passportNumber: 'String',
      occupation: 'String',
    },
  },
  Person: { kind: 'object', fields: { name: 'String', description: 'String', address: 'String' } },
  Incident: {
    kind: 'object',
    fields: {
      occurredFrom: 'DateTime',
      occurredTo: 'DateTime',
      place: 'String',
      address: 'String',
      description: 'String',
      delayReason: 'String',
    },
  },
  Investigation: { kind: 'object', fields: { officer: 'Officer', status: 'String', actionTaken: 'String', dateOfDespatch: 'Date' } },
  FirSection: { kind: 'object', fields: { section: 'LegalSection!', confidence: 'Float!', source: 'SectionSource!' } },
  LegalSection: {
    kind: 'object',
    interfaces: ['Node'],
    fields: {
      id: 'ID!',
      act: 'String!',
      number: 'String!',
      title: 'String!',
      description: 'String',
      punishment: 'String',
      cognizable: 'Boolean',
      bailable: 'Boolean',
      triableBy: 'String',
      ipcEquivalents: '[String!]!',
    },
  },
  PoliceStation: {
    kind: 'object',
    interfaces: ['Node'],
    fields: {
      id: 'ID!',
      code: 'String!',
      name: 'String!',
      district: 'String!',
      state: 'String!',
      firs: { type: 'FirConnection!', args: { ...page, filter: 'FirFilter' } },
      officers: '[Officer!]!',
    },
  },
  Officer: {
    kind: 'object',
    interfaces: ['Node'],
    fields: { id: 'ID!', name: 'String!', rank: 'String!', badgeNumber: 'String!', role: 'Role!', station: 'PoliceStation' },
  },
  Complaint: {
    kind: 'object',
    interfaces: ['Node'],
    fields: {
      id: 'ID!',
      source: 'ComplaintSource!',
      language: 'String',
      text: 'String',
      transcript: 'String',
      receivedAt: 'DateTime!',
    },
  },
  GenerationJob: {
    kind: 'object',
    interfaces: ['Node'],
    fields: {
      id: 'ID!',
      fir: 'Fir!',
      status: 'JobStatus!',
      stage: 'GenerationStage!',
      progress: 'Float!',
      attempts: 'Int!',
      priority: 'JobPriority!',
      error: 'JobError',
      queuedAt: 'DateTime!',
      startedAt: 'DateTime',
      finishedAt: 'DateTime',
      events: { type: '[GenerationEvent!]!', args: { after: 'Int' } },
    },
  },
  GenerationEvent: {
    kind: 'object',
    fields: {
      seq: 'Int!',
      at: 'DateTime!',
      jobId: 'ID!',
      status: 'JobStatus!',
      stage: 'GenerationStage!',
      progress: 'Float!',
      message: 'String',
      fir: 'Fir',
    },
  },
  JobError: { kind: 'object', fields: { code: 'String!', message: 'String!', retryable: 'Boolean!' } },
  FirStatsBucket: { kind: 'object', fields: { key: 'String!', label: 'String', count: 'Int!' } },

  // ---- mutations, subscriptions and their inputs ----
  Mutation: {
    kind: 'object',
    fields: {
      submitComplaint: { type: 'SubmitComplaintPayload!', args: { input: 'SubmitComplaintInput!' } },
      retryGeneration: { type: 'GenerationJob!', args: { firId: 'ID!', priority: 'JobPriority' } },
      cancelGeneration: { type: 'GenerationJob!', args: { jobId: 'ID!' } },
      updateFir: { type: 'Fir!', args: { input: 'UpdateFirInput!' } },
      bulkUpdateFirStatus: { type: 'BulkUpdateFirStatusPayload!', args: { input: 'BulkUpdateFirStatusInput!' } },
      registerFir: { type: 'Fir!', args: { id: 'ID!' } },
      rejectFir: { type: 'Fir!', args: { id: 'ID!', reason: 'String!' } },
    },
  },
  UpdateFirInput: {
    kind: 'input',
    fields: {
      id: 'ID!',
      expectedVersion: 'Int!',
      summary: 'String',
      narrative: 'String',
      acts: '[String!]',
      incident: 'IncidentInput',
      complainant: 'ComplainantInput',
      suspects: '[PersonInput!]',
      witnesses: '[PersonInput!]',
      sectionIds: '[ID!]',
    },
  },
  BulkUpdateFirStatusInput: { kind: 'input', fields: { ids: '[ID!]!', status: 'FirStatus!' } },
  BulkUpdateFirStatusPayload: { kind: 'object', fields: { firs: '[Fir!]!' } },
  ComplainantInput: {
    kind: 'input',
    fields: {
      name: 'String',
      dateOfBirth: 'Date',
      nationality: 'String',
      fatherOrHusbandName: 'String',
      address: 'String',
      contact: 'String',
      passportNumber: 'String',
      occupation: 'String',
    },
  },
  IncidentInput: {
    kind: 'input',
    fields: {
      occurredFrom: 'DateTime',
      occurredTo: 'DateTime',
      place: 'String',
      address: 'String',
      description: 'String',
      delayReason: 'String',
    },
  },
  PersonInput: { kind: 'input', fields: { name: 'String', description: 'String', address: 'String' } },
  SubmitComplaintInput: {
    kind: 'input',
    fields: {
      stationId: 'ID!',
      text: 'String',
      audio: 'Upload',
      image: 'Upload',
      language: 'String',
      complainant: 'ComplainantInput',
      priority: 'JobPriority',
    },
  },
  SubmitComplaintPayload: { kind: 'object', fields: { complaint: 'Complaint!', fir: 'Fir!', job: 'GenerationJob!' } },
  Subscription: {
    kind: 'object',
    fields: {
      generationProgress: { type: 'GenerationEvent!', args: { jobId: 'ID!', after: 'Int' } },
      firUpdated: { type: 'Fir!', args: { stationId: 'ID!' } },
    },
  },
};

// ---- checks --------------------------------------------------------------------------------------

const KIND_CHECK: Record<TypeSpec['kind'], (t: GraphQLNamedType) => boolean> = {
  scalar: isScalarType,
  enum: isEnumType,
  interface: isInterfaceType,
  object: isObjectType,
  input: isInputObjectType,
  connection: isObjectType,
};

function fieldsOf(t: GraphQLNamedType | undefined): Record<string, GraphQLField<unknown, unknown> | GraphQLInputField> {
  if (t && (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t))) return t.getFields();
  return {};
}

function checkOutputField(typeName: string, name: string, spec: FieldSpec) {
  const field = fieldsOf(schema.getType(typeName))[name] as GraphQLField<unknown, unknown> | undefined;
  expect(field, `${typeName}.${name} is missing`).toBeDefined();
  const { type, args } = typeof spec === 'string' ? { type: spec, args: {} as Record<string, string> } : spec;
  expect(String(field!.type), `type of ${typeName}.${name}`).toBe(type);
  const actual = new Map<string, GraphQLArgument>(field!.args.map((a) => [a.name, a]));
  for (const [arg, argType] of Object.entries(args)) {
    expect(actual.has(arg), `${typeName}.${name} has no argument "${arg}"`).toBe(true);
    expect(String(actual.get(arg)!.type), `type of ${typeName}.${name}(${arg})`).toBe(argType);
  }
  // Arguments beyond the contract must not be required, or existing clients' queries break.
  const requiredExtras = field!.args.filter((a) => !(a.name in args) && isRequiredArgument(a)).map((a) => a.name);
  expect(requiredExtras, `required arguments of ${typeName}.${name} that the contract does not have`).toEqual([]);
}

function checkInputField(typeName: string, name: string, type: string) {
  const field = fieldsOf(schema.getType(typeName))[name] as GraphQLInputField | undefined;
  expect(field, `${typeName}.${name} is missing`).toBeDefined();
  expect(String(field!.type), `type of ${typeName}.${name}`).toBe(type);
}

function checkConnection(typeName: string, node: string) {
  const fields = fieldsOf(schema.getType(typeName)) as Record<string, GraphQLField<unknown, unknown>>;
  expect(Object.keys(fields)).toEqual(expect.arrayContaining(['edges', 'pageInfo', 'totalCount']));
  expect(String(fields.totalCount!.type)).toBe('Int!');
  expect(String(fields.pageInfo!.type)).toBe('PageInfo!');
  const edges = fields.edges!.type;
  expect(isNonNullType(edges) && isListType(edges.ofType), `${typeName}.edges is a non-null list`).toBe(true);
  const edge = fieldsOf(getNamedType(edges)) as Record<string, GraphQLField<unknown, unknown>>;
  expect(String(edge.cursor?.type), `${typeName} edge cursor`).toBe('String!');
  expect(String(edge.node?.type), `${typeName} edge node`).toBe(`${node}!`);
}

for (const [typeName, spec] of Object.entries(CONTRACT)) {
  describe(`contract: ${typeName}`, () => {
    const actual = schema.getType(typeName);

    it(`is ${spec.kind === 'input' ? 'an input' : `a${spec.kind === 'enum' || spec.kind === 'interface' ? 'n' : ''} ${spec.kind}`}`, () => {
      expect(actual, `type ${typeName} is missing`).toBeDefined();
      expect(KIND_CHECK[spec.kind](actual!), `${typeName} is a ${actual!.constructor.name}, not ${spec.kind}`).toBe(true);
    });

    switch (spec.kind) {
      case 'enum':
        it('has the values', () => {
          expect(isEnumType(actual) && actual.getValues().map((v) => v.name)).toEqual(expect.arrayContaining(spec.values));
        });
        break;
      case 'connection':
        it(`is a connection of ${spec.node} (edges { cursor node }, pageInfo, totalCount)`, () => checkConnection(typeName, spec.node));
        break;
      case 'object':
      case 'interface':
        if (spec.kind === 'object' && spec.interfaces) {
          const interfaces = spec.interfaces;
          it(`implements ${interfaces.join(', ')}`, () => {
            expect(isObjectType(actual) && actual.getInterfaces().map((i) => i.name)).toEqual(expect.arrayContaining(interfaces));
          });
        }
        for (const [name, f] of Object.entries(spec.fields)) {
          const args = typeof f === 'string' ? '' : `(${Object.keys(f.args).join(', ')})`;
          it(`${name}${args}: ${typeof f === 'string' ? f : f.type}`, () => checkOutputField(typeName, name, f));
        }
        break;
      case 'input': {
        for (const [name, type] of Object.entries(spec.fields)) {
          it(`${name}: ${type}`, () => checkInputField(typeName, name, type));
        }
        it('adds no required fields beyond the contract', () => {
          const extra = Object.values(fieldsOf(actual) as Record<string, GraphQLInputField>)
            .filter((f) => !(f.name in spec.fields) && isRequiredInputField(f))
            .map((f) => f.name);
          expect(extra).toEqual([]);
        });
        break;
      }
      case 'scalar':
        break;
    }
  });
}
