import { CacheTags, cacheTag } from '../../cache/tags.ts';
import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../../errors.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { decodeGlobalId } from '../../global-id.ts';
import { loadComplaint } from './complaint.ts';
import { loadFir } from './fir.ts';
import { loadJob } from './generation.ts';
import { loadLegalSection } from './legal.ts';
import { loadOfficer } from './officer.ts';
import { loadStation } from './station.ts';

type Loader = (ctx: Context, id: number, info: GraphQLResolveInfo) => Promise<object | null>;

const LOADERS: Record<string, Loader> = {
  Fir: loadFir,
  PoliceStation: loadStation,
  Officer: loadOfficer,
  Complaint: loadComplaint,
  LegalSection: loadLegalSection,
  GenerationJob: loadJob,
};

/** Loads any node by global id through the same batching, projecting loaders as the typed fields. */
async function resolveNode(ctx: Context, globalId: string, info: GraphQLResolveInfo) {
  const { typename, id } = decodeGlobalId(globalId);
  const load = LOADERS[typename];
  if (!load) return null;
  const row = await load(ctx, Number(id), info);
  // Not there (yet): a FIR and its complaint appear together, which invalidates FirList:all.
  if (!row) cacheTag(ctx, CacheTags.firList('all'));
  return row ? Object.assign(row, { __typename: typename }) : null;
}

const MAX_NODES = 100;

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx, info) => resolveNode(ctx, String(args.id), info) as any,
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, args, ctx, info) => {
      if (args.ids.length > MAX_NODES) throw badInput(`"ids" takes at most ${MAX_NODES} ids`, { argument: 'ids' });
      return args.ids.map((id) => resolveNode(ctx, String(id), info)) as any;
    },
  }),
}));
