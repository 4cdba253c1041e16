/**
 * Object refs are declared before any type is implemented, so domain files can reference each
 * other's types without import cycles at module evaluation.
 */
import type { ComplaintRecord } from '../../complaint/complaint.repository.ts';
import type { FirRecord, FirSectionRecord } from '../../fir/fir.repository.ts';
import type { JobRecord } from '../../generation/generation.repository.ts';
import type { LegalRecord } from '../../legal/legal.repository.ts';
import type { OfficerRecord, StationRecord } from '../../station/station.repository.ts';
import { badInput } from '../../errors.ts';
import { builder } from '../builder.ts';

export const FirRef = builder.objectRef<FirRecord>('Fir');
export const PoliceStationRef = builder.objectRef<StationRecord>('PoliceStation');
export const OfficerRef = builder.objectRef<OfficerRecord>('Officer');
export const ComplaintRef = builder.objectRef<ComplaintRecord>('Complaint');
export const LegalSectionRef = builder.objectRef<LegalRecord>('LegalSection');
export const FirSectionRef = builder.objectRef<FirSectionRecord>('FirSection');
export const GenerationJobRef = builder.objectRef<JobRecord>('GenerationJob');

export const FirStatusEnum = builder.enumType('FirStatus', {
  values: ['DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW', 'REGISTERED', 'REJECTED', 'FAILED'] as const,
});
export const RoleEnum = builder.enumType('Role', {
  values: ['CITIZEN', 'OFFICER', 'STATION_HOUSE_OFFICER', 'DISTRICT_ADMIN', 'ADMIN'] as const,
});
export const ComplaintSourceEnum = builder.enumType('ComplaintSource', { values: ['TEXT', 'AUDIO', 'IMAGE'] as const });
export const JobStatusEnum = builder.enumType('JobStatus', {
  values: ['QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const,
});
export const GenerationStageEnum = builder.enumType('GenerationStage', {
  values: ['QUEUED', 'TRANSCRIBE', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE', 'DONE'] as const,
});
export const JobPriorityEnum = builder.enumType('JobPriority', { values: ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const });
export const OrderDirectionEnum = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const });
export const SectionSourceEnum = builder.enumType('SectionSource', { values: ['RETRIEVED', 'MODEL_CHECKED', 'OFFICER'] as const });

/** Keeps an input string within bounds, or a BAD_USER_INPUT naming the argument. */
export function boundedString(value: string | null | undefined, argument: string, max: number): string | undefined {
  if (value == null) return undefined;
  if (value.length > max) throw badInput(`"${argument}" is longer than ${max} characters`, { argument });
  return value;
}
