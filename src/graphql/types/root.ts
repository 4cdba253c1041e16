/** The root types. Their fields are added by the domain modules (builder.queryFields etc.). */
import { builder } from '../builder.ts';

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
