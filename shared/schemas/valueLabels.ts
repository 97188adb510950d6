import { agreementKindLabels, agreementScopeLabels } from './agreement.ts';
import { enrolmentStatusLabels } from './enrolment.ts';
import type { EntityName } from './entities.ts';
import { dispLabels } from './establishmentProfile.ts';
import { incidentKindLabels } from './incident.ts';
import { measureKindLabels, offenceCategoryLabels } from './measureKinds.ts';
import { measureStatusLabels } from './measure.ts';
import { organisationKindLabels } from './organisation.ts';
import { partnerKindLabels, partnerScopeLabels } from './partner.ts';
import { placementStatusLabels } from './placement.ts';
import { activityDomainLabels } from './post.ts';
import { milieuLabels, programmeKindLabels, workDomainLabels } from './programme.ts';
import { sessionThemeLabels } from './session.ts';

/**
 * The French label of each coded value, per entity and field: what the history of changes shows instead of
 * `collectivite_territoriale` or `en_cours`.
 */
const valueLabels: Partial<Record<EntityName, Record<string, Record<string, string>>>> = {
  organisation: { kind: organisationKindLabels },
  post: { domain: activityDomainLabels },
  measure: { kind: measureKindLabels, status: measureStatusLabels, offenceCategory: offenceCategoryLabels },
  placement: { status: placementStatusLabels },
  incident: { kind: incidentKindLabels },
  partner: { kind: partnerKindLabels, scope: partnerScopeLabels },
  agreement: { kind: agreementKindLabels, scope: agreementScopeLabels },
  programme: { kind: programmeKindLabels, domain: workDomainLabels, milieu: milieuLabels },
  session: { themes: sessionThemeLabels },
  enrolment: { status: enrolmentStatusLabels },
  establishmentProfile: { disp: dispLabels, domains: workDomainLabels },
};

/** Every code of a coded field with its label (what the data dictionary lists), or undefined when not coded. */
export function codeListOf(entity: EntityName, field: string): Record<string, string> | undefined {
  return valueLabels[entity]?.[field];
}

/** The label of a coded value, or undefined when the field is not coded (or the value unknown). */
export function valueLabel(entity: EntityName, field: string, value: string): string | undefined {
  return valueLabels[entity]?.[field]?.[value];
}
