import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { v7 as uuidv7 } from 'uuid';
import type { Handlers } from '../../../shared/bridge/contract.ts';
import type { OfficeDevice, OfficeFetchResponse } from '../../../shared/bridge/officeSchemas.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import { bytesToHex } from '../../../shared/sync/bytes.ts';
import { SyncError } from '../../../shared/errors.ts';
import { createJoinFile, JOIN_FILE_EXTENSION, joinKeyNames, newJoinPassphrase, OFFICE_KEY_NAME, openJoinFile } from '../../../shared/sync/joinFile.ts';
import { loadSiteKeys, parseHqPublic, type SiteKeys } from '../../../shared/sync/keys.ts';
import { officeBatchBodySchema, officeFileNames, officeStateSchema, snapshotManifestSchema, snapshotPartSchema } from '../../../shared/sync/officeFile.ts';
import {
  decryptOfficeFile,
  officeFileSigned,
  openOfficeFile,
  sealOfficeFile,
  type OfficeHeader,
  type SnapshotManifest,
} from '../../../shared/sync/officeFile.ts';
import { waitingReason, type AppliedVector, type OfficeBatch } from '../../../shared/sync/officeBatch.ts';
import { certify, checkedRoster, foundRoster, liveKey, mergeRoster, revoke, rosterDevices, type Roster } from '../../../shared/sync/officeTrust.ts';
import type { SyncConfig, SyncConfigStore } from './config.ts';
import { requireSyncFolder, saveOutput } from './folders.ts';
import type { KeyVault } from './keyVault.ts';
import { officeShare, type OfficeShare } from './officeShare.ts';

export interface OfficeServiceDeps {
  config: SyncConfigStore;
  vault: KeyVault;
  clock: Clock;
}

type OfficeHandlers = Pick<
  Handlers,
  'officeStatus' | 'officeInvite' | 'officeJoin' | 'officeFetch' | 'officePublish' | 'officeSnapshotWrite' | 'officeSnapshotRead' | 'officeRevoke'
>;

/** A workstation of the office writes a snapshot when none exists, or when the latest is older than this. */
const SNAPSHOT_AGE_MS = 7 * 24 * 3_600_000;
/** Past this age any workstation writes one, so that a keeper left offline does not stop the share from shrinking. */
const SNAPSHOT_STALE_MS = 30 * 24 * 3_600_000;

const NOT_IN_OFFICE = 'Ce poste ne fait pas partie d’un bureau à plusieurs postes : ajoutez un poste dans Paramètres pour en créer un.';

interface OfficeKeys {
  site: SiteKeys;
  officeKey: Uint8Array;
}

interface Snapshot {
  deviceId: string;
  sequence: number;
  createdAt: string;
  manifest: SnapshotManifest;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'poste'
  );
}

function rosterOf(config: SyncConfig): Roster | undefined {
  return config.office && config.site
    ? { siteId: config.site.siteId, certificates: config.office.certificates, revocations: config.office.revocations }
    : undefined;
}

/**
 * The office side of the bridge: the join file, and the files of the office share (batches of each workstation's
 * changes, state files, snapshots). It holds the keys: it reads, verifies and decrypts what colleagues wrote and
 * seals what this workstation writes; the page, which holds the database, applies and collects the rows.
 */
export function officeHandlers({ config, vault, clock }: OfficeServiceDeps): OfficeHandlers {
  /** Each file refused is said once per version of it. */
  const told = new Map<string, string>();
  /** State files and snapshot manifests already read, by version. */
  const states = new Map<string, { version: string; state: ReturnType<typeof officeStateSchema.parse> }>();
  const manifests = new Map<string, { version: string; snapshot: Snapshot | undefined }>();

  async function keys(): Promise<OfficeKeys> {
    const site = await loadSiteKeys(vault.store);
    const officeKey = await vault.store.get(OFFICE_KEY_NAME);
    if (!site) throw new SyncError('Ce poste n’a pas encore de clés : générez-les dans Paramètres, ou restaurez la sauvegarde des clés.');
    if (!officeKey) throw new SyncError(NOT_IN_OFFICE);
    return { site, officeKey };
  }

  async function office(): Promise<{ settings: SyncConfig; roster: Roster; me: string; share: OfficeShare }> {
    const settings = await config.read();
    const roster = rosterOf(settings);
    if (!roster || !settings.office) throw new SyncError(NOT_IN_OFFICE);
    const folder = await requireSyncFolder(settings.syncFolder);
    return { settings, roster, me: settings.office.deviceId, share: officeShare(folder) };
  }

  async function saveRoster(roster: Roster): Promise<void> {
    await config.update((current) =>
      current.office ? { ...current, office: { ...current.office, certificates: roster.certificates, revocations: roster.revocations } } : current,
    );
  }

  function problem(problems: string[], key: string, version: string, text: string): void {
    if (told.get(key) === version) return;
    told.set(key, version);
    problems.push(text);
  }

  /**
   * Read every workstation's state file: what it applied, and the certificates and revocations it knows (a new
   * workstation makes itself known this way). Returns the roster with what was accepted.
   */
  async function readStates(share: OfficeShare, roster: Roster, officeKey: Uint8Array, problems: string[]): Promise<Roster> {
    let current = roster;
    for (const deviceId of await share.devices()) {
      const name = officeFileNames.state;
      const version = await share.version(deviceId, name);
      if (!version) continue;
      const key = `${deviceId}/${name}`;
      if (states.get(key)?.version === version) continue;
      const bytes = await share.read(deviceId, name);
      const opened = decryptOfficeFile(bytes, officeKey);
      const parsed = opened.ok && opened.header.deviceId === deviceId && opened.header.kind === 'state' ? officeStateSchema.safeParse(opened.body) : undefined;
      if (!parsed?.success) {
        problem(problems, key, version, `Bureau : état du poste ${deviceId} illisible (${opened.ok ? 'contenu inattendu' : opened.reason}).`);
        continue;
      }
      const merged = mergeRoster(current, parsed.data);
      const signer = liveKey(merged.roster, deviceId);
      if (!signer || !officeFileSigned(bytes, signer)) {
        problem(problems, key, version, `Bureau : état du poste « ${parsed.data.name} » refusé (poste inconnu ou retiré, ou fichier altéré).`);
        continue;
      }
      current = merged.roster;
      states.set(key, { version, state: parsed.data });
    }
    if (current !== roster) await saveRoster(current);
    return current;
  }

  function stateOf(deviceId: string) {
    return states.get(`${deviceId}/${officeFileNames.state}`)?.state;
  }

  /** Every complete snapshot in the share (its manifest is written last), from trusted workstations. */
  async function snapshots(share: OfficeShare, roster: Roster, officeKey: Uint8Array): Promise<Snapshot[]> {
    const found: Snapshot[] = [];
    for (const deviceId of await share.devices()) {
      const publicKey = rosterDevices(roster).get(deviceId)?.publicKey;
      if (!publicKey) continue;
      for (const file of (await share.files(deviceId)).filter((f) => f.kind === 'snapshot')) {
        const key = `${deviceId}/${file.name}`;
        const version = (await share.version(deviceId, file.name)) ?? '';
        let cached = manifests.get(key);
        if (cached?.version !== version) {
          const opened = openOfficeFile(await share.read(deviceId, file.name), { officeKey, keyOf: () => publicKey });
          const manifest = opened.ok ? snapshotManifestSchema.safeParse(opened.body) : undefined;
          cached = {
            version,
            snapshot:
              opened.ok && manifest?.success ? { deviceId, sequence: file.sequence, createdAt: opened.header.createdAt, manifest: manifest.data } : undefined,
          };
          manifests.set(key, cached);
        }
        if (cached.snapshot) found.push(cached.snapshot);
      }
    }
    return found.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  async function readBatch(
    share: OfficeShare,
    roster: Roster,
    officeKey: Uint8Array,
    deviceId: string,
    name: string,
    problems: string[],
  ): Promise<OfficeBatch | undefined> {
    const bytes = await share.read(deviceId, name);
    const opened = openOfficeFile(bytes, { officeKey, keyOf: (id) => (id === deviceId ? rosterDevices(roster).get(id)?.publicKey : undefined) });
    const body = opened.ok ? officeBatchBodySchema.safeParse(opened.body) : undefined;
    const header = opened.ok ? opened.header : undefined;
    if (!opened.ok || !body?.success || header?.kind !== 'batch' || header.siteId !== roster.siteId) {
      const version = (await share.version(deviceId, name)) ?? '';
      const who = rosterDevices(roster).get(deviceId)?.name ?? deviceId;
      problem(
        problems,
        `${deviceId}/${name}`,
        version,
        `Bureau : fichier ${name} du poste « ${who} » ignoré : ${opened.ok ? 'contenu inattendu' : opened.reason} Il sera relu au prochain échange.`,
      );
      return undefined;
    }
    return { deviceId, sequence: header.sequence, after: body.data.after, rows: body.data.rows as OfficeBatch['rows'] };
  }

  function names(roster: Roster): Record<string, string> {
    return Object.fromEntries([...rosterDevices(roster).values()].map((d) => [d.deviceId, d.name]));
  }

  function header(kind: OfficeHeader['kind'], roster: Roster, me: string, sequence: number, part?: number): Omit<OfficeHeader, 'formatVersion'> {
    return { kind, siteId: roster.siteId, deviceId: me, sequence, ...(part !== undefined ? { part } : {}), createdAt: new Date(clock.now()).toISOString() };
  }

  return {
    async officeStatus() {
      const settings = await config.read();
      const roster = rosterOf(settings);
      if (!roster || !settings.office) return { enabled: false, deviceId: null, devices: [] };
      const devices = rosterDevices(roster);
      const list: OfficeDevice[] = [...devices.values()].map((d) => ({
        deviceId: d.deviceId,
        name: d.name,
        keyId: d.keyId,
        issuedAt: d.issuedAt,
        addedBy: d.issuer === d.deviceId ? null : (devices.get(d.issuer)?.name ?? d.issuer),
        revokedAt: d.revoked?.at ?? null,
        lastSeen: stateOf(d.deviceId)?.writtenAt ?? null,
        self: d.deviceId === settings.office?.deviceId,
      }));
      return { enabled: true, deviceId: settings.office.deviceId, devices: list };
    },

    async officeInvite({ site, inviter, name, target }) {
      const problemWithVault = await vault.problem();
      if (problemWithVault) throw new SyncError(problemWithVault);
      if (site.kind === 'atigip') throw new SyncError('Le siège travaille sur un seul poste : l’ajout de postes concerne les SPIP et les établissements.');
      const siteKeys = await loadSiteKeys(vault.store);
      if (!siteKeys)
        throw new SyncError(
          'Générez d’abord les clés de ce poste dans Paramètres (ou restaurez leur sauvegarde) : le nouveau poste recevra la clé pseudonyme du site.',
        );
      const settings = await config.read();
      if (!settings.syncFolder)
        throw new SyncError('Réglez d’abord le dossier de synchronisation : le partage réseau du service, par lequel les postes échangent leurs changements.');
      await requireSyncFolder(settings.syncFolder);
      const now = clock.now();
      let roster = rosterOf(settings);
      let officeKey = await vault.store.get(OFFICE_KEY_NAME);
      if (!roster || !officeKey) {
        officeKey = randomBytes(32);
        await vault.store.put(OFFICE_KEY_NAME, officeKey);
        roster = foundRoster(site.siteId, { deviceId: inviter.deviceId, name: inviter.name, secret: siteKeys.signingSecret }, now);
        await config.update((current) => ({ ...current, office: { deviceId: inviter.deviceId, certificates: roster!.certificates, revocations: [] } }));
      }
      if (settings.office && settings.office.deviceId !== inviter.deviceId)
        throw new SyncError('Ce poste n’est pas celui que le bureau connaît : rechargez la page.');
      const signing = ed25519.utils.randomSecretKey();
      const deviceId = uuidv7();
      const certificate = certify(
        { siteId: site.siteId, deviceId, name, publicKey: ed25519.getPublicKey(signing) },
        { deviceId: inviter.deviceId, secret: siteKeys.signingSecret },
        now,
      );
      roster = mergeRoster(roster, { certificates: [certificate], revocations: [] }).roster;
      await saveRoster(roster);
      const passphrase = newJoinPassphrase();
      const bytes = createJoinFile(
        {
          site,
          device: { deviceId, name },
          keys: { signing, pseudonym: siteKeys.pseudonymSecret, office: officeKey },
          hqPublic: settings.hqPublic ?? null,
          syncFolder: settings.syncFolder,
          certificates: roster.certificates,
          revocations: roster.revocations,
        },
        passphrase,
        { now },
      );
      const fileName = `passerelle-poste-${site.code}-${slug(name)}${JOIN_FILE_EXTENSION}`;
      return { passphrase, deviceId, output: await saveOutput([{ name: fileName, bytes }], target, { syncFolder: undefined, zipName: fileName }) };
    },

    async officeJoin({ file, passphrase }) {
      const problemWithVault = await vault.problem();
      if (problemWithVault) throw new SyncError(problemWithVault);
      const content = openJoinFile(Uint8Array.from(Buffer.from(file.base64, 'base64')), passphrase);
      const roster = checkedRoster(content.site.siteId, content.certificates, content.revocations);
      if (!roster || liveKey(roster, content.device.deviceId) !== bytesToHex(ed25519.getPublicKey(content.keys.signing))) {
        throw new SyncError('Fichier d’ajout de poste incohérent : les certificats des postes ne correspondent pas. Refaites-le sur un poste du site.');
      }
      const held = await vault.store.list();
      for (const [role, keyName] of Object.entries(joinKeyNames) as [keyof typeof joinKeyNames, string][]) {
        const current = held.includes(keyName) ? await vault.store.get(keyName) : undefined;
        if (current && bytesToHex(current) !== bytesToHex(content.keys[role])) {
          throw new SyncError(
            'Ce poste a déjà des clés d’un autre site : Passerelle ne les remplace pas. Installez Passerelle sur un poste neuf (ou un autre profil) pour rejoindre le site.',
          );
        }
      }
      if (content.hqPublic !== null) parseHqPublic(new TextEncoder().encode(content.hqPublic));
      for (const [role, keyName] of Object.entries(joinKeyNames) as [keyof typeof joinKeyNames, string][]) await vault.store.put(keyName, content.keys[role]);
      await config.update((current) => ({
        ...current,
        ...(content.syncFolder !== null ? { syncFolder: content.syncFolder } : {}),
        ...(content.hqPublic !== null ? { hqPublic: content.hqPublic } : {}),
        site: content.site,
        office: { deviceId: content.device.deviceId, certificates: roster.certificates, revocations: roster.revocations },
      }));
      return { site: content.site, deviceId: content.device.deviceId, deviceName: content.device.name, syncFolder: content.syncFolder };
    },

    async officeFetch({ applied, maxRows }) {
      const { roster: known, me, share } = await office();
      const { officeKey } = await keys();
      const problems: string[] = [];
      const roster = await readStates(share, known, officeKey, problems);
      const devices = rosterDevices(roster);
      const vector: AppliedVector = { ...applied };
      const queues = new Map<string, { sequence: number; name: string }[]>();
      let gap = false;
      for (const deviceId of await share.devices()) {
        const device = devices.get(deviceId);
        if (!device) continue;
        const done = vector[deviceId] ?? 0;
        const batches = (await share.files(deviceId))
          .filter((f) => f.kind === 'batch' && f.sequence > done && (!device.revoked || f.sequence <= device.revoked.lastSequence))
          .map((f) => ({ sequence: f.sequence, name: f.name }));
        if (batches.length > 0 && batches[0]!.sequence !== done + 1) gap = true;
        queues.set(deviceId, batches);
      }
      const batches: OfficeBatch[] = [];
      const read = new Map<string, OfficeBatch | undefined>();
      let rows = 0;
      for (let progress = true; progress && rows < maxRows;) {
        progress = false;
        for (const [deviceId, queue] of queues) {
          const next = queue[0];
          if (!next || next.sequence !== (vector[deviceId] ?? 0) + 1) continue;
          const key = `${deviceId}/${next.name}`;
          if (!read.has(key)) read.set(key, await readBatch(share, roster, officeKey, deviceId, next.name, problems));
          const batch = read.get(key);
          if (!batch || waitingReason(vector, batch) !== undefined) continue;
          batches.push(batch);
          vector[deviceId] = batch.sequence;
          queue.shift();
          rows += batch.rows.length;
          progress = true;
          if (rows >= maxRows) break;
        }
      }
      const remaining = [...queues.values()].reduce((n, q) => n + q.length, 0);
      const all = await snapshots(share, roster, officeKey);
      const newest = all.at(-1);
      const live = [...devices.values()]
        .filter((d) => !d.revoked)
        .map((d) => d.deviceId)
        .sort();
      const age = newest ? clock.now() - Date.parse(newest.createdAt) : Infinity;
      const snapshotDue = remaining === 0 && (newest === undefined || age > SNAPSHOT_STALE_MS || (live[0] === me && age > SNAPSHOT_AGE_MS));
      const response: OfficeFetchResponse = { batches, problems, remaining, snapshotDue, gap, names: names(roster) };
      return response;
    },

    async officePublish({ rows, applied }) {
      const { roster, me, share } = await office();
      const { site, officeKey } = await keys();
      const own = await share.files(me);
      const highest = own.filter((f) => f.kind === 'batch').reduce((max, f) => Math.max(max, f.sequence), 0);
      const done = applied[me] ?? 0;
      if (done < highest) throw new SyncError('Des changements de ce poste sur le partage n’ont pas encore été relus ici : synchronisez à nouveau.');
      let sequence: number | null = null;
      const sealKeys = { officeKey, signingSecret: site.signingSecret };
      if (rows.length > 0) {
        sequence = Math.max(done, highest) + 1;
        const { [me]: _own, ...after } = applied;
        await share.create(me, officeFileNames.batch(sequence), sealOfficeFile(header('batch', roster, me, sequence), { after, rows }, sealKeys));
      }
      const devices = rosterDevices(roster);
      const state = {
        name: devices.get(me)?.name ?? '',
        applied: { ...applied, ...(sequence !== null ? { [me]: sequence } : {}) },
        certificates: roster.certificates,
        revocations: roster.revocations,
        writtenAt: new Date(clock.now()).toISOString(),
      };
      await share.replace(me, officeFileNames.state, sealOfficeFile(header('state', roster, me, 0), state, sealKeys));

      // Own files every live colleague applied, and that a snapshot covers (a workstation joining later starts from it).
      const colleagues = [...devices.values()].filter((d) => !d.revoked && d.deviceId !== me);
      const appliedByAll = Math.min(state.applied[me] ?? 0, ...colleagues.map((d) => stateOf(d.deviceId)?.applied[me] ?? 0));
      const all = await snapshots(share, roster, officeKey);
      const covered = Math.max(0, ...all.map((s) => s.manifest.applied[me] ?? 0));
      const limit = Math.min(appliedByAll, covered);
      const latestOwn = all.filter((s) => s.deviceId === me).at(-1);
      let pruned = 0;
      for (const file of own) {
        const old =
          (file.kind === 'batch' && file.sequence <= limit) ||
          ((file.kind === 'snapshot' || file.kind === 'snapshotPart') && latestOwn !== undefined && file.sequence < latestOwn.sequence);
        if (!old) continue;
        await share.remove(me, file.name);
        pruned++;
      }
      return { sequence, pruned };
    },

    async officeSnapshotWrite(request) {
      const { roster, me, share } = await office();
      const { site, officeKey } = await keys();
      const sealKeys = { officeKey, signingSecret: site.signingSecret };
      if (request.step === 'begin') {
        const sequence =
          (await share.files(me)).filter((f) => f.kind === 'snapshot' || f.kind === 'snapshotPart').reduce((max, f) => Math.max(max, f.sequence), 0) + 1;
        return { sequence };
      }
      if (request.step === 'part') {
        await share.create(
          me,
          officeFileNames.snapshotPart(request.sequence, request.part),
          sealOfficeFile(header('snapshotPart', roster, me, request.sequence, request.part), { chunks: request.chunks }, sealKeys),
        );
        return { sequence: request.sequence };
      }
      const parts = (await share.files(me)).filter((f) => f.kind === 'snapshotPart' && f.sequence === request.sequence).length;
      if (parts !== request.manifest.parts)
        throw new SyncError(`Instantané incomplet sur le partage (${parts} parties sur ${request.manifest.parts}) : il sera refait.`);
      await share.create(
        me,
        officeFileNames.snapshot(request.sequence),
        sealOfficeFile(header('snapshot', roster, me, request.sequence), request.manifest, sealKeys),
      );
      return { sequence: request.sequence };
    },

    async officeSnapshotRead(request) {
      const { roster, share } = await office();
      const { officeKey } = await keys();
      const problems: string[] = [];
      const current = await readStates(share, roster, officeKey, problems);
      const all = await snapshots(share, current, officeKey);
      if (request.step === 'manifest') {
        const newest = all.at(-1);
        if (!newest)
          throw new SyncError(
            'Aucun instantané du site sur le partage pour l’instant : un poste du site doit d’abord se synchroniser (il en écrit un), puis réessayez.',
          );
        return { deviceId: newest.deviceId, sequence: newest.sequence, manifest: newest.manifest, chunks: [] };
      }
      const snapshot = all.find((s) => s.deviceId === request.deviceId && s.sequence === request.sequence);
      if (!snapshot) throw new SyncError('Cet instantané n’est plus sur le partage (un plus récent l’a remplacé) : recommencez l’ajout du poste.');
      const publicKey = rosterDevices(current).get(snapshot.deviceId)?.publicKey;
      const opened = openOfficeFile(await share.read(snapshot.deviceId, officeFileNames.snapshotPart(snapshot.sequence, request.part)), {
        officeKey,
        keyOf: () => publicKey,
      });
      const part = opened.ok && opened.header.kind === 'snapshotPart' ? snapshotPartSchema.safeParse(opened.body) : undefined;
      if (!part?.success)
        throw new SyncError(`Partie ${request.part} de l’instantané illisible (${opened.ok ? 'contenu inattendu' : opened.reason}) : réessayez plus tard.`);
      return { deviceId: snapshot.deviceId, sequence: snapshot.sequence, manifest: snapshot.manifest, chunks: part.data.chunks };
    },

    async officeRevoke({ deviceId }) {
      const { roster, me, share } = await office();
      const { site } = await keys();
      if (deviceId === me) throw new SyncError('Un poste ne se retire pas lui-même : retirez-le depuis un autre poste du bureau.');
      const device = rosterDevices(roster).get(deviceId);
      if (!device) throw new SyncError('Poste inconnu du bureau.');
      if (device.revoked) throw new SyncError(`Le poste « ${device.name} » est déjà retiré.`);
      const lastSequence = (await share.files(deviceId)).filter((f) => f.kind === 'batch').reduce((max, f) => Math.max(max, f.sequence), 0);
      const revocation = revoke({ siteId: roster.siteId, deviceId, lastSequence }, { deviceId: me, secret: site.signingSecret }, clock.now());
      await saveRoster(mergeRoster(roster, { certificates: [], revocations: [revocation] }).roster);
      return { name: device.name, lastSequence };
    },
  };
}
