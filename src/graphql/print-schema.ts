/** npm run schema:print -> schema/schema.graphql (sorted), the committed contract. */
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { schema } from './schema.ts';

export const SCHEMA_PATH = new URL('../../schema/schema.graphql', import.meta.url);

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_PATH, printedSchema());
  console.log(`wrote ${SCHEMA_PATH.pathname}`);
}
