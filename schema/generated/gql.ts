/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation BulkUpdateFirStatus($input: BulkUpdateFirStatusInput!) {\n  bulkUpdateFirStatus(input: $input) {\n    firs {\n      id\n      firNumber\n      status\n      version\n      registeredAt\n      updatedAt\n    }\n  }\n}": typeof types.BulkUpdateFirStatusDocument,
    "mutation CancelGeneration($jobId: ID!) {\n  cancelGeneration(jobId: $jobId) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}": typeof types.CancelGenerationDocument,
    "query FirByNumber($number: String!) {\n  firByNumber(number: $number) {\n    ...FirDetailFields\n  }\n}": typeof types.FirByNumberDocument,
    "query FirDetail($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Fir {\n      ...FirDetailFields\n    }\n  }\n}": typeof types.FirDetailDocument,
    "query FirList($filter: FirFilter, $orderBy: FirOrder, $first: Int = 20, $after: String) {\n  firs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...FirListItem\n      }\n    }\n  }\n}": typeof types.FirListDocument,
    "subscription FirUpdated($stationId: ID!) {\n  firUpdated(stationId: $stationId) {\n    ...FirListItem\n    version\n  }\n}": typeof types.FirUpdatedDocument,
    "fragment FirListItem on Fir {\n  id\n  firNumber\n  status\n  summary\n  createdAt\n  updatedAt\n  registeredAt\n  missingFields\n  station {\n    id\n    code\n    name\n    district\n  }\n  sections {\n    confidence\n    source\n    section {\n      id\n      act\n      number\n      title\n    }\n  }\n  createdBy {\n    id\n    name\n    rank\n  }\n  latestJob {\n    id\n    status\n    stage\n    progress\n  }\n}\n\nfragment GenerationJobFields on GenerationJob {\n  id\n  status\n  stage\n  progress\n  attempts\n  priority\n  queuedAt\n  startedAt\n  finishedAt\n  error {\n    code\n    message\n    retryable\n  }\n}\n\nfragment LegalSectionFields on LegalSection {\n  id\n  act\n  number\n  title\n  description\n  punishment\n  cognizable\n  bailable\n  triableBy\n  ipcEquivalents\n}\n\nfragment PersonFields on Person {\n  name\n  description\n  address\n}\n\nfragment FirDetailFields on Fir {\n  id\n  firNumber\n  status\n  version\n  summary\n  narrative\n  acts\n  missingFields\n  createdAt\n  updatedAt\n  registeredAt\n  station {\n    id\n    code\n    name\n    district\n    state\n  }\n  complaint {\n    id\n    source\n    language\n    text\n    transcript\n    receivedAt\n  }\n  complainant {\n    name\n    dateOfBirth\n    nationality\n    fatherOrHusbandName\n    address\n    contact\n    passportNumber\n    occupation\n  }\n  incident {\n    occurredFrom\n    occurredTo\n    place\n    address\n    description\n    delayReason\n  }\n  sections {\n    confidence\n    source\n    section {\n      ...LegalSectionFields\n    }\n  }\n  suspects {\n    ...PersonFields\n  }\n  witnesses {\n    ...PersonFields\n  }\n  investigation {\n    officer {\n      id\n      name\n      rank\n      badgeNumber\n    }\n    status\n    actionTaken\n    dateOfDespatch\n  }\n  createdBy {\n    id\n    name\n    rank\n    badgeNumber\n    role\n  }\n  latestJob {\n    ...GenerationJobFields\n  }\n}": typeof types.FirListItemFragmentDoc,
    "subscription GenerationProgress($jobId: ID!, $after: Int) {\n  generationProgress(jobId: $jobId, after: $after) {\n    seq\n    at\n    jobId\n    status\n    stage\n    progress\n    message\n    fir {\n      ...FirDetailFields\n    }\n  }\n}": typeof types.GenerationProgressDocument,
    "query LegalSectionSearch($search: String, $act: String, $first: Int = 20, $after: String) {\n  legalSections(search: $search, act: $act, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...LegalSectionFields\n      }\n    }\n  }\n}": typeof types.LegalSectionSearchDocument,
    "query LegalSectionsForIpc($ipcSection: String!) {\n  legalSectionsForIpc(ipcSection: $ipcSection) {\n    ...LegalSectionFields\n  }\n}": typeof types.LegalSectionsForIpcDocument,
    "mutation RegisterFir($id: ID!) {\n  registerFir(id: $id) {\n    id\n    firNumber\n    status\n    version\n    registeredAt\n    updatedAt\n  }\n}": typeof types.RegisterFirDocument,
    "mutation RejectFir($id: ID!, $reason: String!) {\n  rejectFir(id: $id, reason: $reason) {\n    id\n    status\n    version\n    updatedAt\n  }\n}": typeof types.RejectFirDocument,
    "mutation RetryGeneration($firId: ID!, $priority: JobPriority) {\n  retryGeneration(firId: $firId, priority: $priority) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}": typeof types.RetryGenerationDocument,
    "query StationDashboard($id: ID!, $first: Int = 20, $after: String) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PoliceStation {\n      code\n      name\n      district\n      state\n      firs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...FirListItem\n          }\n        }\n      }\n    }\n  }\n  firStats(filter: {stationIds: [$id]}, groupBy: STATUS) {\n    key\n    label\n    count\n  }\n}": typeof types.StationDashboardDocument,
    "mutation SubmitComplaint($input: SubmitComplaintInput!) {\n  submitComplaint(input: $input) {\n    complaint {\n      id\n      source\n      language\n      receivedAt\n    }\n    fir {\n      id\n      status\n      station {\n        id\n        code\n        name\n      }\n    }\n    job {\n      ...GenerationJobFields\n    }\n  }\n}": typeof types.SubmitComplaintDocument,
    "mutation UpdateFir($input: UpdateFirInput!) {\n  updateFir(input: $input) {\n    ...FirDetailFields\n  }\n}": typeof types.UpdateFirDocument,
};
const documents: Documents = {
    "mutation BulkUpdateFirStatus($input: BulkUpdateFirStatusInput!) {\n  bulkUpdateFirStatus(input: $input) {\n    firs {\n      id\n      firNumber\n      status\n      version\n      registeredAt\n      updatedAt\n    }\n  }\n}": types.BulkUpdateFirStatusDocument,
    "mutation CancelGeneration($jobId: ID!) {\n  cancelGeneration(jobId: $jobId) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}": types.CancelGenerationDocument,
    "query FirByNumber($number: String!) {\n  firByNumber(number: $number) {\n    ...FirDetailFields\n  }\n}": types.FirByNumberDocument,
    "query FirDetail($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Fir {\n      ...FirDetailFields\n    }\n  }\n}": types.FirDetailDocument,
    "query FirList($filter: FirFilter, $orderBy: FirOrder, $first: Int = 20, $after: String) {\n  firs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...FirListItem\n      }\n    }\n  }\n}": types.FirListDocument,
    "subscription FirUpdated($stationId: ID!) {\n  firUpdated(stationId: $stationId) {\n    ...FirListItem\n    version\n  }\n}": types.FirUpdatedDocument,
    "fragment FirListItem on Fir {\n  id\n  firNumber\n  status\n  summary\n  createdAt\n  updatedAt\n  registeredAt\n  missingFields\n  station {\n    id\n    code\n    name\n    district\n  }\n  sections {\n    confidence\n    source\n    section {\n      id\n      act\n      number\n      title\n    }\n  }\n  createdBy {\n    id\n    name\n    rank\n  }\n  latestJob {\n    id\n    status\n    stage\n    progress\n  }\n}\n\nfragment GenerationJobFields on GenerationJob {\n  id\n  status\n  stage\n  progress\n  attempts\n  priority\n  queuedAt\n  startedAt\n  finishedAt\n  error {\n    code\n    message\n    retryable\n  }\n}\n\nfragment LegalSectionFields on LegalSection {\n  id\n  act\n  number\n  title\n  description\n  punishment\n  cognizable\n  bailable\n  triableBy\n  ipcEquivalents\n}\n\nfragment PersonFields on Person {\n  name\n  description\n  address\n}\n\nfragment FirDetailFields on Fir {\n  id\n  firNumber\n  status\n  version\n  summary\n  narrative\n  acts\n  missingFields\n  createdAt\n  updatedAt\n  registeredAt\n  station {\n    id\n    code\n    name\n    district\n    state\n  }\n  complaint {\n    id\n    source\n    language\n    text\n    transcript\n    receivedAt\n  }\n  complainant {\n    name\n    dateOfBirth\n    nationality\n    fatherOrHusbandName\n    address\n    contact\n    passportNumber\n    occupation\n  }\n  incident {\n    occurredFrom\n    occurredTo\n    place\n    address\n    description\n    delayReason\n  }\n  sections {\n    confidence\n    source\n    section {\n      ...LegalSectionFields\n    }\n  }\n  suspects {\n    ...PersonFields\n  }\n  witnesses {\n    ...PersonFields\n  }\n  investigation {\n    officer {\n      id\n      name\n      rank\n      badgeNumber\n    }\n    status\n    actionTaken\n    dateOfDespatch\n  }\n  createdBy {\n    id\n    name\n    rank\n    badgeNumber\n    role\n  }\n  latestJob {\n    ...GenerationJobFields\n  }\n}": types.FirListItemFragmentDoc,
    "subscription GenerationProgress($jobId: ID!, $after: Int) {\n  generationProgress(jobId: $jobId, after: $after) {\n    seq\n    at\n    jobId\n    status\n    stage\n    progress\n    message\n    fir {\n      ...FirDetailFields\n    }\n  }\n}": types.GenerationProgressDocument,
    "query LegalSectionSearch($search: String, $act: String, $first: Int = 20, $after: String) {\n  legalSections(search: $search, act: $act, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...LegalSectionFields\n      }\n    }\n  }\n}": types.LegalSectionSearchDocument,
    "query LegalSectionsForIpc($ipcSection: String!) {\n  legalSectionsForIpc(ipcSection: $ipcSection) {\n    ...LegalSectionFields\n  }\n}": types.LegalSectionsForIpcDocument,
    "mutation RegisterFir($id: ID!) {\n  registerFir(id: $id) {\n    id\n    firNumber\n    status\n    version\n    registeredAt\n    updatedAt\n  }\n}": types.RegisterFirDocument,
    "mutation RejectFir($id: ID!, $reason: String!) {\n  rejectFir(id: $id, reason: $reason) {\n    id\n    status\n    version\n    updatedAt\n  }\n}": types.RejectFirDocument,
    "mutation RetryGeneration($firId: ID!, $priority: JobPriority) {\n  retryGeneration(firId: $firId, priority: $priority) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}": types.RetryGenerationDocument,
    "query StationDashboard($id: ID!, $first: Int = 20, $after: String) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PoliceStation {\n      code\n      name\n      district\n      state\n      firs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...FirListItem\n          }\n        }\n      }\n    }\n  }\n  firStats(filter: {stationIds: [$id]}, groupBy: STATUS) {\n    key\n    label\n    count\n  }\n}": types.StationDashboardDocument,
    "mutation SubmitComplaint($input: SubmitComplaintInput!) {\n  submitComplaint(input: $input) {\n    complaint {\n      id\n      source\n      language\n      receivedAt\n    }\n    fir {\n      id\n      status\n      station {\n        id\n        code\n        name\n      }\n    }\n    job {\n      ...GenerationJobFields\n    }\n  }\n}": types.SubmitComplaintDocument,
    "mutation UpdateFir($input: UpdateFirInput!) {\n  updateFir(input: $input) {\n    ...FirDetailFields\n  }\n}": types.UpdateFirDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BulkUpdateFirStatus($input: BulkUpdateFirStatusInput!) {\n  bulkUpdateFirStatus(input: $input) {\n    firs {\n      id\n      firNumber\n      status\n      version\n      registeredAt\n      updatedAt\n    }\n  }\n}"): (typeof documents)["mutation BulkUpdateFirStatus($input: BulkUpdateFirStatusInput!) {\n  bulkUpdateFirStatus(input: $input) {\n    firs {\n      id\n      firNumber\n      status\n      version\n      registeredAt\n      updatedAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CancelGeneration($jobId: ID!) {\n  cancelGeneration(jobId: $jobId) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}"): (typeof documents)["mutation CancelGeneration($jobId: ID!) {\n  cancelGeneration(jobId: $jobId) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FirByNumber($number: String!) {\n  firByNumber(number: $number) {\n    ...FirDetailFields\n  }\n}"): (typeof documents)["query FirByNumber($number: String!) {\n  firByNumber(number: $number) {\n    ...FirDetailFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FirDetail($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Fir {\n      ...FirDetailFields\n    }\n  }\n}"): (typeof documents)["query FirDetail($id: ID!) {\n  node(id: $id) {\n    __typename\n    id\n    ... on Fir {\n      ...FirDetailFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FirList($filter: FirFilter, $orderBy: FirOrder, $first: Int = 20, $after: String) {\n  firs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...FirListItem\n      }\n    }\n  }\n}"): (typeof documents)["query FirList($filter: FirFilter, $orderBy: FirOrder, $first: Int = 20, $after: String) {\n  firs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...FirListItem\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription FirUpdated($stationId: ID!) {\n  firUpdated(stationId: $stationId) {\n    ...FirListItem\n    version\n  }\n}"): (typeof documents)["subscription FirUpdated($stationId: ID!) {\n  firUpdated(stationId: $stationId) {\n    ...FirListItem\n    version\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment FirListItem on Fir {\n  id\n  firNumber\n  status\n  summary\n  createdAt\n  updatedAt\n  registeredAt\n  missingFields\n  station {\n    id\n    code\n    name\n    district\n  }\n  sections {\n    confidence\n    source\n    section {\n      id\n      act\n      number\n      title\n    }\n  }\n  createdBy {\n    id\n    name\n    rank\n  }\n  latestJob {\n    id\n    status\n    stage\n    progress\n  }\n}\n\nfragment GenerationJobFields on GenerationJob {\n  id\n  status\n  stage\n  progress\n  attempts\n  priority\n  queuedAt\n  startedAt\n  finishedAt\n  error {\n    code\n    message\n    retryable\n  }\n}\n\nfragment LegalSectionFields on LegalSection {\n  id\n  act\n  number\n  title\n  description\n  punishment\n  cognizable\n  bailable\n  triableBy\n  ipcEquivalents\n}\n\nfragment PersonFields on Person {\n  name\n  description\n  address\n}\n\nfragment FirDetailFields on Fir {\n  id\n  firNumber\n  status\n  version\n  summary\n  narrative\n  acts\n  missingFields\n  createdAt\n  updatedAt\n  registeredAt\n  station {\n    id\n    code\n    name\n    district\n    state\n  }\n  complaint {\n    id\n    source\n    language\n    text\n    transcript\n    receivedAt\n  }\n  complainant {\n    name\n    dateOfBirth\n    nationality\n    fatherOrHusbandName\n    address\n    contact\n    passportNumber\n    occupation\n  }\n  incident {\n    occurredFrom\n    occurredTo\n    place\n    address\n    description\n    delayReason\n  }\n  sections {\n    confidence\n    source\n    section {\n      ...LegalSectionFields\n    }\n  }\n  suspects {\n    ...PersonFields\n  }\n  witnesses {\n    ...PersonFields\n  }\n  investigation {\n    officer {\n      id\n      name\n      rank\n      badgeNumber\n    }\n    status\n    actionTaken\n    dateOfDespatch\n  }\n  createdBy {\n    id\n    name\n    rank\n    badgeNumber\n    role\n  }\n  latestJob {\n    ...GenerationJobFields\n  }\n}"): (typeof documents)["fragment FirListItem on Fir {\n  id\n  firNumber\n  status\n  summary\n  createdAt\n  updatedAt\n  registeredAt\n  missingFields\n  station {\n    id\n    code\n    name\n    district\n  }\n  sections {\n    confidence\n    source\n    section {\n      id\n      act\n      number\n      title\n    }\n  }\n  createdBy {\n    id\n    name\n    rank\n  }\n  latestJob {\n    id\n    status\n    stage\n    progress\n  }\n}\n\nfragment GenerationJobFields on GenerationJob {\n  id\n  status\n  stage\n  progress\n  attempts\n  priority\n  queuedAt\n  startedAt\n  finishedAt\n  error {\n    code\n    message\n    retryable\n  }\n}\n\nfragment LegalSectionFields on LegalSection {\n  id\n  act\n  number\n  title\n  description\n  punishment\n  cognizable\n  bailable\n  triableBy\n  ipcEquivalents\n}\n\nfragment PersonFields on Person {\n  name\n  description\n  address\n}\n\nfragment FirDetailFields on Fir {\n  id\n  firNumber\n  status\n  version\n  summary\n  narrative\n  acts\n  missingFields\n  createdAt\n  updatedAt\n  registeredAt\n  station {\n    id\n    code\n    name\n    district\n    state\n  }\n  complaint {\n    id\n    source\n    language\n    text\n    transcript\n    receivedAt\n  }\n  complainant {\n    name\n    dateOfBirth\n    nationality\n    fatherOrHusbandName\n    address\n    contact\n    passportNumber\n    occupation\n  }\n  incident {\n    occurredFrom\n    occurredTo\n    place\n    address\n    description\n    delayReason\n  }\n  sections {\n    confidence\n    source\n    section {\n      ...LegalSectionFields\n    }\n  }\n  suspects {\n    ...PersonFields\n  }\n  witnesses {\n    ...PersonFields\n  }\n  investigation {\n    officer {\n      id\n      name\n      rank\n      badgeNumber\n    }\n    status\n    actionTaken\n    dateOfDespatch\n  }\n  createdBy {\n    id\n    name\n    rank\n    badgeNumber\n    role\n  }\n  latestJob {\n    ...GenerationJobFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription GenerationProgress($jobId: ID!, $after: Int) {\n  generationProgress(jobId: $jobId, after: $after) {\n    seq\n    at\n    jobId\n    status\n    stage\n    progress\n    message\n    fir {\n      ...FirDetailFields\n    }\n  }\n}"): (typeof documents)["subscription GenerationProgress($jobId: ID!, $after: Int) {\n  generationProgress(jobId: $jobId, after: $after) {\n    seq\n    at\n    jobId\n    status\n    stage\n    progress\n    message\n    fir {\n      ...FirDetailFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LegalSectionSearch($search: String, $act: String, $first: Int = 20, $after: String) {\n  legalSections(search: $search, act: $act, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...LegalSectionFields\n      }\n    }\n  }\n}"): (typeof documents)["query LegalSectionSearch($search: String, $act: String, $first: Int = 20, $after: String) {\n  legalSections(search: $search, act: $act, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        ...LegalSectionFields\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LegalSectionsForIpc($ipcSection: String!) {\n  legalSectionsForIpc(ipcSection: $ipcSection) {\n    ...LegalSectionFields\n  }\n}"): (typeof documents)["query LegalSectionsForIpc($ipcSection: String!) {\n  legalSectionsForIpc(ipcSection: $ipcSection) {\n    ...LegalSectionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegisterFir($id: ID!) {\n  registerFir(id: $id) {\n    id\n    firNumber\n    status\n    version\n    registeredAt\n    updatedAt\n  }\n}"): (typeof documents)["mutation RegisterFir($id: ID!) {\n  registerFir(id: $id) {\n    id\n    firNumber\n    status\n    version\n    registeredAt\n    updatedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectFir($id: ID!, $reason: String!) {\n  rejectFir(id: $id, reason: $reason) {\n    id\n    status\n    version\n    updatedAt\n  }\n}"): (typeof documents)["mutation RejectFir($id: ID!, $reason: String!) {\n  rejectFir(id: $id, reason: $reason) {\n    id\n    status\n    version\n    updatedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RetryGeneration($firId: ID!, $priority: JobPriority) {\n  retryGeneration(firId: $firId, priority: $priority) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}"): (typeof documents)["mutation RetryGeneration($firId: ID!, $priority: JobPriority) {\n  retryGeneration(firId: $firId, priority: $priority) {\n    ...GenerationJobFields\n    fir {\n      id\n      status\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StationDashboard($id: ID!, $first: Int = 20, $after: String) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PoliceStation {\n      code\n      name\n      district\n      state\n      firs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...FirListItem\n          }\n        }\n      }\n    }\n  }\n  firStats(filter: {stationIds: [$id]}, groupBy: STATUS) {\n    key\n    label\n    count\n  }\n}"): (typeof documents)["query StationDashboard($id: ID!, $first: Int = 20, $after: String) {\n  node(id: $id) {\n    __typename\n    id\n    ... on PoliceStation {\n      code\n      name\n      district\n      state\n      firs(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...FirListItem\n          }\n        }\n      }\n    }\n  }\n  firStats(filter: {stationIds: [$id]}, groupBy: STATUS) {\n    key\n    label\n    count\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitComplaint($input: SubmitComplaintInput!) {\n  submitComplaint(input: $input) {\n    complaint {\n      id\n      source\n      language\n      receivedAt\n    }\n    fir {\n      id\n      status\n      station {\n        id\n        code\n        name\n      }\n    }\n    job {\n      ...GenerationJobFields\n    }\n  }\n}"): (typeof documents)["mutation SubmitComplaint($input: SubmitComplaintInput!) {\n  submitComplaint(input: $input) {\n    complaint {\n      id\n      source\n      language\n      receivedAt\n    }\n    fir {\n      id\n      status\n      station {\n        id\n        code\n        name\n      }\n    }\n    job {\n      ...GenerationJobFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateFir($input: UpdateFirInput!) {\n  updateFir(input: $input) {\n    ...FirDetailFields\n  }\n}"): (typeof documents)["mutation UpdateFir($input: UpdateFirInput!) {\n  updateFir(input: $input) {\n    ...FirDetailFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;