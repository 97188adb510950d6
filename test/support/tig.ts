import { expect } from 'vitest';
import type { RepoContext } from '../../shared/repos/context.ts';
import { RepoError } from '../../shared/errors.ts';
import { createHabilitation } from '../../shared/repos/habilitations.ts';
import { createMeasure, type MeasureCreateInput } from '../../shared/repos/measures.ts';
import { createOrganisation } from '../../shared/repos/organisations.ts';
import { createPerson } from '../../shared/repos/persons.ts';
import { createPlacement, type PlacementCreateInput } from '../../shared/repos/placements.ts';
import { createPost } from '../../shared/repos/posts.ts';
import { createTutor } from '../../shared/repos/tutors.ts';
import { isHabilitationRequired } from '../../shared/rules/habilitation.ts';
import type { OrganisationInput } from '../../shared/schemas/organisation.ts';
import type { PersonInput } from '../../shared/schemas/person.ts';
import type { PostInput } from '../../shared/schemas/post.ts';

/** The testContext clock's day (2026-11-25 at 11:00 in Paris). */
export const TODAY = '2026-11-25';

export const associationInput: OrganisationInput = {
  name: 'Association Les Jardins du Cœur',
  kind: 'association',
  siret: '21540395400013',
  communeName: 'Nancy',
  departement: '54',
};

export const adultInput: PersonInput = {
  lastName: 'Lefèvre',
  firstName: 'Julien',
  birthDate: '1990-04-12',
  caseNumber: '2026/00123',
  communeName: 'Nancy',
  departement: '54',
};

/** A habilitated association with one tutor and one active post of capacity 2, open to minors. */
export async function seedHost(ctx: RepoContext, organisation: Partial<OrganisationInput> = {}, post: Partial<PostInput> = {}) {
  const org = await createOrganisation(ctx, { ...associationInput, ...organisation });
  const habilitation = !isHabilitationRequired(org.kind)
    ? undefined
    : await createHabilitation(ctx, { organisationId: org.id, decisionDate: '2023-12-15', validFrom: '2024-01-01', validUntil: '2028-12-31' });
  const tutor = await createTutor(ctx, { organisationId: org.id, lastName: 'Morel', firstName: 'Claire', trained: true, trainedOn: '2024-03-01' });
  const created = await createPost(ctx, {
    organisationId: org.id,
    tutorIds: [tutor.id],
    title: 'Entretien des espaces verts',
    domain: 'espaces_verts',
    communeName: 'Nancy',
    departement: '54',
    capacity: 2,
    openToMinors: true,
    accessiblePmr: false,
    active: true,
    ...post,
  });
  return { organisation: org, habilitation, tutor, post: created };
}

export function measureInput(personId: string, over: Partial<MeasureCreateInput> = {}): MeasureCreateInput {
  return {
    personId,
    kind: 'tig_peine',
    jurisdiction: 'Tribunal correctionnel de Nancy',
    decisionDate: '2026-06-01',
    offenceDate: '2026-01-10',
    offenceCategory: 'delit',
    hoursOrdered: 70,
    periodStart: '2026-07-01',
    periodMonths: 18,
    suspensions: [],
    ...over,
  };
}

/** A person with a TIG measure of 70 hours (period from 1 July 2026, 18 months). */
export async function seedMeasure(ctx: RepoContext, person: Partial<PersonInput> = {}, measure: Partial<MeasureCreateInput> = {}) {
  const p = await createPerson(ctx, { ...adultInput, ...person });
  const m = await createMeasure(ctx, measureInput(p.id, measure));
  return { person: p, measure: m };
}

/** Host, person, measure and a running placement from 1 October 2026 to 31 March 2027. */
export async function seedPlacement(ctx: RepoContext, placement: Partial<PlacementCreateInput> = {}, measure: Partial<MeasureCreateInput> = {}) {
  const host = await seedHost(ctx);
  const { person, measure: m } = await seedMeasure(ctx, {}, measure);
  const created = await createPlacement(ctx, { measureId: m.id, postId: host.post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31', ...placement });
  return { ...host, person, measure: m, placement: created };
}

/** Every table's rows and the change log, to show that a refused write changed nothing. */
async function snapshot(ctx: RepoContext) {
  return Promise.all(ctx.db.tables.map((t) => t.toArray()));
}

/** The write is refused with a French message matching `pattern`, and the database is exactly as before. */
export async function expectRefused(ctx: RepoContext, write: () => Promise<unknown>, pattern: RegExp | string): Promise<RepoError> {
  const before = await snapshot(ctx);
  const error = await write().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RepoError);
  expect((error as RepoError).message).toMatch(pattern);
  expect(await snapshot(ctx)).toEqual(before);
  return error as RepoError;
}
