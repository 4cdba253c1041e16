/**
 * VALIDATE: what makes a drafted FIR unusable, as opposed to merely incomplete. An incomplete
 * draft (no section the drafter was sure of, no date, no place) is still a draft for a reviewer:
 * its `missingFields` name what to fill. Only a draft that cannot be reviewed at all is a fault.
 */
export interface DraftToValidate {
  narrative?: string | null;
  sections?: readonly unknown[] | null;
  extraction?: { incident?: { occurredFrom?: Date | string | null; occurredTo?: Date | string | null } | null } | null;
}

/** The problems of a draft; empty when it may be stored as GENERATED. */
export function validateDraft(d: DraftToValidate): string[] {
  const problems: string[] = [];
  if (!d.narrative?.trim()) problems.push('the narrative is empty');
  const incident = d.extraction?.incident;
  if (incident?.occurredFrom && incident.occurredTo && new Date(incident.occurredTo) < new Date(incident.occurredFrom)) {
    problems.push('the incident ends before it starts');
  }
  return problems;
}
