import { foldName } from '../format/text.ts';
import { formatDate } from '../format/fr.ts';
import { measureStatusLabels, type Measure } from '../schemas/measure.ts';
import type { Person } from '../schemas/person.ts';
import type { SiteKind } from '../schemas/site.ts';
import { OPEN_STATUSES } from './measureStatus.ts';

/*
 * What may move when a person's follow-up passes to another site. A transfer hands over open measures
 * (à affecter, en cours, suspendue) with everything recorded on them: placements, hours, incidents, suspensions
 * and the change history. What stays with the sender: ended measures (their attestations belong to the site
 * that followed them), the posts and host structures (the receiving site gets their names only), sessions and
 * enrolments of TIG pédagogique programmes (the sender's own activities).
 */

/** Kinds of site a person's follow-up can pass to: services and establishments, never headquarters. */
export const receivingKinds: readonly SiteKind[] = ['spip', 'etablissement', 'pjj'];

export function isTransferable(measure: Pick<Measure, 'status' | 'deleted'>): boolean {
  return !measure.deleted && OPEN_STATUSES.includes(measure.status);
}

export interface TransferRequest {
  /** The sending site. */
  siteId: string;
  /** The receiving site as the directory has it (its encryption key: absent until it sent a bundle). */
  destination: { siteId: string; code: string; name: string; kind: SiteKind; encryptionKey?: string | undefined } | undefined;
  /** The measures chosen, as held. */
  measures: readonly Pick<Measure, 'id' | 'status' | 'deleted' | 'decisionDate' | 'personId'>[];
  personId: string;
  /** The transfer date. */
  on: string;
  today: string;
}

/** Why the transfer cannot be written, in French; undefined when it can. */
export function transferRefusal(request: TransferRequest): string | undefined {
  const { destination } = request;
  if (!destination) return 'Choisissez le site qui reprend le suivi dans l’annuaire des sites.';
  if (destination.siteId === request.siteId) return 'Le dossier ne peut pas être transféré à votre propre site.';
  if (!receivingKinds.includes(destination.kind))
    return `Le site ${destination.code} ne suit pas de personnes : choisissez un SPIP, un établissement ou une unité de la PJJ.`;
  if (!destination.encryptionKey) {
    return `Le site ${destination.code} n’a pas encore de clé de chiffrement dans l’annuaire : il doit d’abord envoyer un lot au siège, puis vous recevrez l’annuaire à jour.`;
  }
  if (request.measures.length === 0) return 'Choisissez au moins une mesure à transférer.';
  for (const measure of request.measures) {
    if (measure.personId !== request.personId) return 'Une des mesures choisies concerne une autre personne.';
    if (!isTransferable(measure)) {
      return `Une mesure au statut « ${measureStatusLabels[measure.status]} » reste au site qui l’a suivie : seules les mesures à affecter, en cours ou suspendues se transfèrent.`;
    }
  }
  if (request.on > request.today) return 'La date de transfert ne peut être dans le futur.';
  const latest = request.measures.reduce((max, m) => (m.decisionDate > max ? m.decisionDate : max), '');
  if (request.on < latest) return `La date de transfert ne peut précéder la décision (${formatDate(latest)}).`;
  return undefined;
}

/**
 * Persons of the receiving site who may be the one received: same names (accents, case and spacing aside)
 * and same birth date. The receiving site chooses between attaching the file to one of them and a new person.
 */
export function matchingPersons<P extends Pick<Person, 'lastName' | 'firstName' | 'birthDate' | 'deleted'>>(
  received: Pick<Person, 'lastName' | 'firstName' | 'birthDate'>,
  persons: readonly P[],
): P[] {
  const key = (p: Pick<Person, 'lastName' | 'firstName' | 'birthDate'>) => `${foldName(p.lastName)}|${foldName(p.firstName)}|${p.birthDate}`;
  return persons.filter((p) => !p.deleted && key(p) === key(received));
}
