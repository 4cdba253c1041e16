/**
 * Object refs of the types that more than one types module references (and the one enum they
 * share), declared before any of them is implemented. Each type is implemented in its own domain
 * module; another domain adds fields to it with builder.objectField(s), so types modules need not
 * import each other. Imports nothing but the builder.
 */
import type { ComplaintRecord } from '../../complaint/complaint.repository.ts';
import type { FirRecord } from '../../fir/fir.repository.ts';
import type { JobRecord } from '../../generation/generation.repository.ts';
import type { LegalRecord } from '../../legal/legal.repository.ts';
import type { OfficerRecord, StationRecord } from '../../station/station.repository.ts';
import { builder } from '../builder.ts';

export const FirRef = builder.objectRef<FirRecord>('Fir');
export const PoliceStationRef = builder.objectRef<StationRecord>('PoliceStation');
export const OfficerRef = builder.objectRef<OfficerRecord>('Officer');
export const ComplaintRef = builder.objectRef<ComplaintRecord>('Complaint');
export const LegalSectionRef = builder.objectRef<LegalRecord>('LegalSection');
export const GenerationJobRef = builder.objectRef<JobRecord>('GenerationJob');

export const FirStatusEnum = builder.enumType('FirStatus', {
  values: ['DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW', 'REGISTERED', 'REJECTED', 'FAILED'] as const,
});
