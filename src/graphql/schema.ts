/** Imports every types module, then builds the schema from the builder. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './types/root.ts';
import './types/fir.ts';
import './types/station.ts';
import './types/officer.ts';
import './types/complaint.ts';
import './types/legal.ts';
import './types/generation.ts';
import './types/node.ts';

export const schema = lexicographicSortSchema(builder.toSchema());
