import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../../shared/bridge/contract.ts';
import { memoryKeyStore } from '../../../shared/ports/keyStore.ts';
import { completeSetup, getSetupState, readIdentity } from '../../../shared/repos/identity.ts';
import { openOfficeChecks } from '../../../shared/office/checks.ts';
import { joinSite } from '../../../shared/office/snapshot.ts';
import { createOrganisation, updateOrganisation } from '../../../shared/repos/organisations.ts';
import { createPerson } from '../../../shared/repos/persons.ts';
import { fromBase64 } from '../../../shared/sync/bytes.ts';
import { loadSiteKeys } from '../../../shared/sync/keys.ts';
import { officeCycle, loadSiteFromShare } from '../../../shared/bridge/officeCycle.ts';
import { OFFICE_FOLDER } from '../../../shared/sync/officeFile.ts';
import { removeTempDirs, tempDir } from '../../../test/support/fakeElectron.ts';
import { fixedClock, memoryDb, testContext } from '../../../test/support/memoryDb.ts';
import { siteState } from '../../../test/support/office.ts';
import { bridgeOf, memoryKeyVault, testServices } from '../../../test/support/services.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';

afterAll(removeTempDirs);

const org = { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' } as const;

/** A workstation: its page's database and its host's services, on its own data folder, with the office's share. */
async function founder(share: string) {
  const ctx = await testContext(undefined, fixedClock(new Date().toISOString()));
  const identity = (await readIdentity(ctx.db))!;
  const keys = memoryKeyStore();
  const services = testServices({ dataDir: await tempDir('office-a'), vault: memoryKeyVault(keys), clock: ctx.clock });
  const bridge = bridgeOf(services);
  await bridge.startSession({
    site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
  });
  await bridge.siteKeysGenerate({});
  await bridge.syncSetFolder({ path: share });
  return { ctx, identity, services, bridge, keys };
}

/** "Rejoindre un site existant" on a new installation, as the first run does it. */
async function joiner(file: { name: string; base64: string }, passphrase: string) {
  const keys = memoryKeyStore();
  const services = testServices({ dataDir: await tempDir('office-b'), vault: memoryKeyVault(keys) });
  const bridge = bridgeOf(services);
  const joined = await bridge.officeJoin({ file, passphrase });
  const ctx = { db: memoryDb('office-b'), clock: fixedClock(new Date().toISOString()) };
  await joinSite(ctx, { ...joined.site, deviceId: joined.deviceId, userName: 'Julie Petit', createdAt: new Date().toISOString() });
  await bridge.startSession({ site: joined.site });
  return { ctx, services, bridge, joined, keys };
}

async function invite(bridge: Bridge, ctx: RepoContext, name: string) {
  const identity = (await readIdentity(ctx.db))!;
  const site = { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement };
  const invited = await bridge.officeInvite({ site, inviter: { deviceId: identity.deviceId, name: 'Poste de Camille' }, name, target: 'download' });
  return { passphrase: invited.passphrase, file: invited.output.download! };
}

describe('an office of two workstations through the share', () => {
  it('adds a workstation with a join file, loads the site on it, then exchanges both ways', async () => {
    const share = await tempDir('share');
    const a = await founder(share);
    const person = await createPerson(a.ctx, {
      lastName: 'Lefèvre',
      firstName: 'Julien',
      birthDate: '1990-04-12',
      caseNumber: '2026/00123',
      departement: '54',
    });
    const { passphrase, file } = await invite(a.bridge, a.ctx, 'Poste de Julie');
    expect(file.name).toBe('passerelle-poste-SPIP-54-Poste-de-Julie.passerelle-poste');
    const first = await officeCycle(a.ctx, a.bridge);
    expect(first).toMatchObject({ sent: 1, snapshot: true });

    const b = await joiner(file, passphrase);
    expect(b.joined).toMatchObject({ deviceName: 'Poste de Julie', syncFolder: share });
    const [keysA, keysB] = [(await loadSiteKeys(a.keys))!, (await loadSiteKeys(b.keys))!];
    expect(keysB.pseudonymSecret).toEqual(keysA.pseudonymSecret);
    expect(keysB.signingPublic).not.toEqual(keysA.signingPublic);
    const loaded = await loadSiteFromShare(b.ctx, b.bridge);
    expect(loaded.problems).toEqual([]);
    await completeSetup(b.ctx);
    expect((await getSetupState(b.ctx)).done).toBe(true);
    expect(await b.ctx.db.persons.get(person.id)).toEqual(person);

    const created = await createOrganisation(b.ctx, org);
    expect(await officeCycle(b.ctx, b.bridge)).toMatchObject({ sent: 1, problems: [] });
    const back = await officeCycle(a.ctx, a.bridge);
    expect(back).toMatchObject({ batches: 1, rows: 1, problems: [] });
    expect(await a.ctx.db.organisations.get(created.id)).toEqual(created);
    expect((await a.bridge.officeStatus({})).devices.map((d) => [d.name, d.self, d.lastSeen !== null])).toEqual([
      ['Poste de Camille', true, true],
      ['Poste de Julie', false, true],
    ]);

    a.ctx.clock.advance(60_000);
    b.ctx.clock.advance(120_000);
    await updateOrganisation(a.ctx, created.id, { name: 'Mairie' });
    await updateOrganisation(b.ctx, created.id, { name: 'Ville de Nancy' });
    for (let i = 0; i < 2; i++) for (const w of [a, b]) await officeCycle(w.ctx, w.bridge);
    expect(await siteState(a.ctx)).toEqual(await siteState(b.ctx));
    expect(await a.ctx.db.conflicts.count()).toBe(1);
    expect(await b.ctx.db.conflicts.count()).toBe(1);
  });

  it('skips a damaged or half-written file with a message, changes nothing, and applies it once it is whole', async () => {
    const share = await tempDir('share');
    const a = await founder(share);
    const { passphrase, file } = await invite(a.bridge, a.ctx, 'Poste 2');
    await officeCycle(a.ctx, a.bridge);
    const b = await joiner(file, passphrase);
    await loadSiteFromShare(b.ctx, b.bridge);
    await createOrganisation(a.ctx, org);
    await officeCycle(a.ctx, a.bridge);

    const folder = join(share, OFFICE_FOLDER, a.identity.deviceId);
    const name = (await readdir(folder)).find((n) => n.startsWith('lot-'))!;
    const whole = await readFile(join(folder, name));
    const before = await siteState(b.ctx);
    for (const damaged of [
      whole.subarray(0, whole.length - 30),
      Buffer.concat([whole.subarray(0, -100), Buffer.from([whole[whole.length - 100]! ^ 1]), whole.subarray(-99)]),
    ]) {
      await writeFile(join(folder, name), damaged);
      const report = await officeCycle(b.ctx, b.bridge);
      expect(report.batches).toBe(0);
      expect(report.problems.join(' ')).toMatch(/ignoré : (fichier tronqué|signature invalide)/);
      expect(await siteState(b.ctx)).toEqual(before);
    }
    await writeFile(join(folder, name), whole);
    expect(await officeCycle(b.ctx, b.bridge)).toMatchObject({ batches: 1, problems: [] });
    expect(await b.ctx.db.organisations.count()).toBe(1);
  });

  it('flags the same person created on both workstations, and no longer reads a removed workstation’s new files', async () => {
    const share = await tempDir('share');
    const a = await founder(share);
    const { passphrase, file } = await invite(a.bridge, a.ctx, 'Poste 2');
    await officeCycle(a.ctx, a.bridge);
    const b = await joiner(file, passphrase);
    await loadSiteFromShare(b.ctx, b.bridge);
    await createPerson(a.ctx, { lastName: 'Roux', firstName: 'Léa', birthDate: '1985-02-02', caseNumber: 'A1', departement: '54' });
    await createPerson(b.ctx, { lastName: 'ROUX', firstName: 'Lea', birthDate: '1985-02-02', caseNumber: 'B7', departement: '54' });
    for (let i = 0; i < 2; i++) for (const w of [a, b]) await officeCycle(w.ctx, w.bridge);
    expect((await openOfficeChecks(a.ctx)).map((c) => c.rule)).toEqual(['duplicatePerson']);
    expect((await openOfficeChecks(b.ctx)).map((c) => c.rule)).toEqual(['duplicatePerson']);

    const removed = await a.bridge.officeRevoke({ deviceId: b.joined.deviceId, confirmed: true });
    expect(removed.name).toBe('Poste 2');
    await officeCycle(a.ctx, a.bridge);
    await createOrganisation(b.ctx, org);
    await officeCycle(b.ctx, b.bridge);
    const report = await officeCycle(a.ctx, a.bridge);
    expect(report.batches).toBe(0);
    expect(await a.ctx.db.organisations.count()).toBe(0);
    expect((await a.bridge.officeStatus({})).devices.find((d) => d.name === 'Poste 2')?.revokedAt).not.toBeNull();
    await expect(a.bridge.officeRevoke({ deviceId: a.identity.deviceId, confirmed: true })).rejects.toThrow(/ne se retire pas lui-même/);
  });

  it('prunes a workstation’s batches once every colleague applied them and a snapshot covers them', async () => {
    const share = await tempDir('share');
    const a = await founder(share);
    const { passphrase, file } = await invite(a.bridge, a.ctx, 'Poste 2');
    await officeCycle(a.ctx, a.bridge);
    const b = await joiner(file, passphrase);
    await loadSiteFromShare(b.ctx, b.bridge);
    await createOrganisation(a.ctx, org);
    await officeCycle(a.ctx, a.bridge);
    const folder = join(share, OFFICE_FOLDER, a.identity.deviceId);
    expect((await readdir(folder)).filter((n) => n.startsWith('lot-'))).toHaveLength(1);
    await officeCycle(b.ctx, b.bridge);
    await officeCycle(a.ctx, a.bridge);
    // Applied by b, but no snapshot covers it yet: a workstation joining later would need it.
    expect((await readdir(folder)).filter((n) => n.startsWith('lot-'))).toHaveLength(1);
    a.ctx.clock.advance(8 * 24 * 3_600_000);
    await officeCycle(a.ctx, a.bridge);
    await officeCycle(a.ctx, a.bridge);
    expect((await readdir(folder)).filter((n) => n.startsWith('lot-'))).toEqual([]);
  });

  it('refuses a join file with the wrong passphrase, and a second join on an installation that has other keys', async () => {
    const share = await tempDir('share');
    const a = await founder(share);
    const { passphrase, file } = await invite(a.bridge, a.ctx, 'Poste 2');
    const other = testServices({ dataDir: await tempDir('office-c'), vault: memoryKeyVault(memoryKeyStore()) });
    await expect(bridgeOf(other).officeJoin({ file, passphrase: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' })).rejects.toThrow(/Phrase secrète incorrecte/);
    await bridgeOf(other).siteKeysGenerate({});
    await expect(bridgeOf(other).officeJoin({ file, passphrase })).rejects.toThrow(/déjà des clés d’un autre site/);
    expect(fromBase64(file.base64).length).toBeGreaterThan(100);
  });
});
