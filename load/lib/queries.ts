/** GraphQL documents more than one benchmark sends. */

/** The 50-FIR nested list of issue 2's read benchmark (bench:read) and of bench:cache. */
export const NESTED_FIR_LIST = /* GraphQL */ `
  query BenchFirs($first: Int!, $after: String, $filter: FirFilter) {
    firs(first: $first, after: $after, filter: $filter) {
      pageInfo { endCursor hasNextPage }
      edges {
        cursor
        node {
          id
          firNumber
          status
          summary
          createdAt
          station { id name district }
          sections { confidence section { number title } }
          createdBy { name rank }
          complainant { name }
        }
      }
    }
  }
`;
