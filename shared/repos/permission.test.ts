import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { adultInput, associationInput, expectRefused, measureInput, seedHost, seedPlacement } from '../../test/support/tig.ts';
import { can, editAction, refusalOf } from '../rules/permissions.ts';
import { roles, type Role } from '../schemas/account.ts';
import { entityNames } from '../schemas/entities.ts';
import { deleteFromBin, moveToBin, restoreFromBin } from './bin.ts';
import { historyOf } from './changes.ts';
import type { RepoContext } from './context.ts';
import { createMeasure } from './measures.ts';
import { createOrganisation } from './organisations.ts';
import { createPerson } from './persons.ts';
import { writeTransaction } from './writer.ts';

const as = (ctx: RepoContext, role: Role): RepoContext => ({
  ...ctx,
  session: { accountId: '0190a0a0-0000-7000-8000-000000000001', login: role, name: `Agent ${role}`, role },
});

describe('permissions in the repositories', () => {
  it('refuses every write of an entity to a role without its action, whatever repository function asks, and changes nothing', async () => {
    const ctx = await testContext();
    for (const role of roles) {
      for (const entity of entityNames) {
        if (can(role, editAction[entity])) continue;
        await expectRefused(ctx, () => writeTransaction(as(ctx, role), (w) => w.insert(entity, {} as never)), refusalOf(role, editAction[entity]));
      }
    }
  });

  it('lets a CPIP create a person and a measure but not a host, and a référent TIG the reverse', async () => {
    const ctx = await testContext();
    const person = await createPerson(as(ctx, 'cpip'), adultInput);
    await createMeasure(as(ctx, 'cpip'), measureInput(person.id));
    await expectRefused(ctx, () => createOrganisation(as(ctx, 'cpip'), associationInput), /^Votre rôle \(CPIP\) ne permet pas les structures d’accueil/);
    await createOrganisation(as(ctx, 'referentTig'), associationInput);
    await expectRefused(
      ctx,
      () => createPerson(as(ctx, 'referentTig'), { ...adultInput, caseNumber: '2026/00999' }),
      /^Votre rôle \(référent TIG\) ne permet pas le suivi des personnes/,
    );
  });

  it('keeps deleting a measure to a cadre: a CPIP is refused, a cadre bins it, and only a cadre empties the bin', async () => {
    const ctx = await testContext();
    const { measure } = await seedPlacement(ctx);
    await expectRefused(ctx, () => moveToBin(as(ctx, 'cpip'), 'measure', measure.id), /ne permet pas la suppression d’une personne ou d’une mesure/);
    await moveToBin(as(ctx, 'cadre'), 'measure', measure.id);
    await expectRefused(ctx, () => restoreFromBin(as(ctx, 'cpip'), 'measure', measure.id), /ne permet pas la suppression d’une personne ou d’une mesure/);
    await expectRefused(ctx, () => deleteFromBin(as(ctx, 'referentTig'), 'measure', measure.id), /ne permet pas/);
    await restoreFromBin(as(ctx, 'cadre'), 'measure', measure.id);
    // A référent TIG bins a post of theirs (with nothing hanging on it that is not theirs).
    const other = await seedHost(ctx, { siret: '21540395400021', name: 'Mairie de Toul', kind: 'collectivite_territoriale' });
    await expectRefused(ctx, () => moveToBin(as(ctx, 'cpip'), 'post', other.post.id), /ne permet pas les structures d’accueil/);
    await moveToBin(as(ctx, 'referentTig'), 'post', other.post.id);
  });

  it('signs each write with the logged-in account’s name, not the workstation’s', async () => {
    const ctx = await testContext();
    const person = await createPerson(as(ctx, 'cpip'), adultInput);
    expect(person.updatedBy).toBe('Agent cpip');
    const [entry] = await historyOf(ctx, 'person', person.id);
    expect(entry?.by).toBe('Agent cpip');
  });
});
