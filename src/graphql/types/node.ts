/**
 * The entry points that are not a domain's own: node/nodes (any type by global id, through the
 * same batching, projecting loaders as the typed fields) and viewer (the signed-in officer).
 */
import type { GraphQLResolveInfo } from 'graphql';
import { CacheTags, cacheTag } from '../../cache/tags.ts';
import { badInput } from '../../errors.ts';
import { decodeGlobalId } from '../../global-id.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { loadComplaint } from '../loaders/complaint.ts';
import { loadFir } from '../loaders/fir.ts';
import { loadJob } from '../loaders/generation.ts';
import { loadLegalSection } from '../loaders/legal.ts';
import { loadOfficer } from '../loaders/officer.ts';
import { loadStation } from '../loaders/station.ts';
import { OfficerRef } from './refs.ts';

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
  // The anonymous may read legal sections only (every other loader applies the viewer's row rules).
  if (ctx.viewer.role == null && typename !== 'LegalSection') return null;
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

builder.queryFields((t) => ({
  viewer: t.field({
    type: OfficerRef,
    nullable: true,
    description: 'The signed-in officer (the token\'s sub); null for the anonymous, citizens, and an ADMIN whose sub is no officer',
    resolve: (_root, _args, ctx, info) => (ctx.viewer.officerId != null ? loadOfficer(ctx, ctx.viewer.officerId, info) : null),
  }),
}));
