import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused, seedHost } from '../../test/support/tig.ts';
import { historyOf } from './changes.ts';
import { commitImport, previewImport } from './imports.ts';
import { listOrganisations } from './organisations.ts';
import { listPersons } from './persons.ts';
import { listPosts } from './posts.ts';
import type { ImportRow } from '../csv/importFields.ts';
import { withSiretKey } from '../rules/siret.ts';

const orgRows: ImportRow[] = [
  {
    name: 'Association Solidarité Lorraine',
    kind: 'Association',
    siret: '215 403 954 00013',
    communeName: 'Nancy',
    departement: '54',
    postalCode: '54000',
    habilitationValidFrom: '01/01/2024',
    habilitationValidUntil: '31/12/2028',
  },
  { name: 'Mairie de Bourg', kind: 'mairie', communeName: 'Bourg-en-Bresse', departement: '1', postalCode: '1000', contactPhone: '474000000' },
  { name: 'Sans type', kind: '', communeName: 'Metz', departement: '57' },
  { name: 'Doublon', kind: 'association', siret: '21540395400013', communeName: 'Nancy', departement: '54' },
  { name: '', kind: '', communeName: '', departement: '' },
  { name: 'Hôpital', kind: 'Établissement public', siret: '123', communeName: 'Metz', departement: '57' },
];

describe('organisation import', () => {
  it('previews every row, writing nothing', async () => {
    const ctx = await testContext();
    const preview = await previewImport(ctx, 'organisations', orgRows);
    expect(preview).toMatchObject({ ok: 2, refused: 4, blocking: 0 });
    expect(preview.lines.map((l) => [l.line, l.status, l.reasons])).toEqual([
      [2, 'ok', []],
      [3, 'ok', []],
      [4, 'refused', ['Type de structure : champ obligatoire']],
      [5, 'refused', ['SIRET 21540395400013 : déjà présent plus haut dans le fichier']],
      [6, 'refused', ['Ligne vide']],
      [7, 'refused', ['SIRET invalide : 14 chiffres dont la clé de contrôle est juste']],
    ]);
    expect(await ctx.db.organisations.count()).toBe(0);
    expect(await ctx.db.changes.count()).toBe(0);
  });

  it('commits the accepted rows in one go and reports the others', async () => {
    const ctx = await testContext();
    const result = await commitImport(ctx, 'organisations', orgRows);
    expect(result.written).toBe(2);
    expect(result.refused.map((l) => l.line)).toEqual([4, 5, 6, 7]);
    const rows = await listOrganisations(ctx);
    const bourg = rows.find((o) => o.name === 'Mairie de Bourg');
    expect(bourg).toMatchObject({
      kind: 'collectivite_territoriale',
      departement: '01',
      postalCode: '01000',
      contactPhone: '0474000000',
      // A collectivité territoriale is a public body: imported, it needs no habilitation either.
      habilitation: { status: 'non_requise' },
    });
    const asso = rows.find((o) => o.siret === '21540395400013');
    expect(asso?.habilitation).toEqual({ status: 'valide', until: '2028-12-31' });
    expect((await historyOf(ctx, 'organisation', asso!.id))[0]?.op).toBe('create');
    const again = await previewImport(ctx, 'organisations', orgRows.slice(0, 1));
    expect(again.lines[0]?.reasons).toEqual(['SIRET 21540395400013 : déjà enregistré pour « Association Solidarité Lorraine »']);
  });

  it('reports its progress row by row, in the preview and the commit', async () => {
    const ctx = await testContext();
    const seen: [number, number][] = [];
    await previewImport(ctx, 'organisations', orgRows, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((done) => [done, orgRows.length]));
    const committed: number[] = [];
    await commitImport(ctx, 'organisations', orgRows, { onProgress: (done) => committed.push(done) });
    expect(committed).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('stops the whole commit at a row a repository rule refuses, naming its line', async () => {
    const ctx = await testContext();
    const rows: ImportRow[] = [
      orgRows[0]!,
      { name: 'Club de foot', kind: 'association', communeName: 'Nancy', departement: '54', habilitationDecisionDate: '01/12/2026' },
    ];
    const preview = await previewImport(ctx, 'organisations', rows);
    expect(preview.lines[1]).toMatchObject({ status: 'blocking', reasons: ['La date de la décision d’habilitation ne peut être dans le futur'] });
    await expectRefused(
      ctx,
      () => commitImport(ctx, 'organisations', rows),
      /^Ligne 3 \(Club de foot\) : La date de la décision d’habilitation ne peut être dans le futur\. Rien n’a été importé\.$/,
    );
  });
});

describe('post import', () => {
  it('finds the organisation by SIRET or by name, and the tutor by name', async () => {
    const ctx = await testContext();
    const { organisation } = await seedHost(ctx);
    await seedHost(ctx, { name: 'Maison des jeunes', siret: withSiretKey('7820123400001') });
    await seedHost(ctx, { name: 'Maison des jeunes', siret: withSiretKey('7820123400002') });
    const rows: ImportRow[] = [
      {
        organisationSiret: '215 403 954 00013',
        title: 'Peinture',
        domain: 'Bâtiment',
        capacity: '3',
        openToMinors: 'oui',
        tutorLastName: 'MOREL',
        tutorFirstName: 'claire',
      },
      {
        organisationName: 'association les jardins du coeur',
        title: 'Potager',
        domain: 'jardinage',
        communeName: 'Laxou',
        tutorLastName: 'Petit',
        tutorFirstName: 'Luc',
      },
      { organisationName: 'Maison des jeunes', title: 'Animation', domain: 'animation' },
      { organisationName: 'Inconnue', title: 'Accueil', domain: 'administratif' },
      { organisationSiret: '21540395400013', title: 'Cuisine', domain: 'pâtisserie' },
      { organisationSiret: '21540395400013', title: 'Tri', domain: 'recyclage', capacity: '2,5' },
    ];
    const preview = await previewImport(ctx, 'posts', rows);
    expect(preview.lines.map((l) => [l.status, l.reasons])).toEqual([
      ['ok', []],
      ['ok', []],
      ['refused', ['Plusieurs structures s’appellent « Maison des jeunes » : indiquez leur SIRET']],
      ['refused', ['Aucune structure enregistrée au nom de « Inconnue »']],
      ['refused', [expect.stringMatching(/^Domaine d’activité : « pâtisserie » : domaine d’activité inconnu \(/)]],
      ['refused', ['Capacité (personnes en même temps) : « 2,5 » : nombre entier attendu']],
    ]);
    const result = await commitImport(ctx, 'posts', rows);
    expect(result.written).toBe(2);
    const posts = (await listPosts(ctx)).filter((p) => p.organisationId === organisation.id);
    const painting = posts.find((p) => p.title === 'Peinture');
    expect(painting).toMatchObject({
      domain: 'batiment',
      capacity: 3,
      openToMinors: true,
      communeName: 'Nancy',
      departement: '54',
      tutorNames: ['Claire Morel'],
    });
    expect(posts.find((p) => p.title === 'Potager')).toMatchObject({
      domain: 'espaces_verts',
      capacity: 1,
      openToMinors: false,
      active: true,
      communeName: 'Laxou',
      tutorNames: ['Luc Petit'],
    });
  });
});

describe('person import', () => {
  it('imports persons, skipping known case numbers', async () => {
    const ctx = await testContext();
    const rows: ImportRow[] = [
      { lastName: 'Martin', firstName: 'Léa', birthDate: '12/04/1990', caseNumber: 'A-1', phone: '612345678', departement: '54' },
      { lastName: 'Martin', firstName: 'Léo', birthDate: '1/2/1995', caseNumber: 'A-1' },
      { lastName: 'Durand', firstName: 'Paul', birthDate: '30/02/1990', caseNumber: 'A-3' },
    ];
    const result = await commitImport(ctx, 'persons', rows, { lines: [5, 6, 7] });
    expect(result.written).toBe(1);
    expect(result.refused).toEqual([
      { line: 6, label: 'Martin Léo', status: 'refused', reasons: ['Numéro de dossier A-1 : déjà présent plus haut dans le fichier'] },
      { line: 7, label: 'Durand Paul', status: 'refused', reasons: ['Date de naissance : « 30/02/1990 » n’est pas une date (jj/mm/aaaa)'] },
    ]);
    expect((await listPersons(ctx))[0]).toMatchObject({ lastName: 'Martin', birthDate: '1990-04-12', phone: '0612345678' });
  });

  it('stops at a birth date in the future', async () => {
    const ctx = await testContext();
    const rows: ImportRow[] = [
      { lastName: 'Martin', firstName: 'Léa', birthDate: '12/04/1990', caseNumber: 'A-1' },
      { lastName: 'Futur', firstName: 'Bébé', birthDate: '01/01/2030', caseNumber: 'A-2' },
    ];
    const error = await expectRefused(
      ctx,
      () => commitImport(ctx, 'persons', rows),
      /^Ligne 3 \(Futur Bébé\) : La date de naissance ne peut être dans le futur\. Rien n’a été importé\.$/,
    );
    expect(error.issues).toEqual([{ path: '3.birthDate', message: 'La date de naissance ne peut être dans le futur' }]);
  });
});
