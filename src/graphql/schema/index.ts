/** Imports every type file; the schema is built from the builder afterwards. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.ts';
import './refs.ts';
import './fir.ts';
import './station.ts';
import './officer.ts';
import './complaint.ts';
import './legal.ts';
import './generation.ts';
import './node.ts';

export const schema = lexicographicSortSchema(builder.toSchema());
