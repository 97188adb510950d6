import { buildBundle, readBundle } from '../../shared/sync/bundle.ts';
import { certify, chainOf, foundRoster, mergeRoster, type DeviceCertificate } from '../../shared/sync/officeTrust.ts';
import { bundleInputFromPending, collectPending } from '../../shared/sync/site.ts';
import { takeBundleSequence } from '../../shared/repos/syncState.ts';
import { siteFixture, type BundleFile } from './sync.ts';

export type Workstation = Awaited<ReturnType<typeof siteFixture>>;

/**
 * An office of two workstations of one site: A founded it, B joined with A's certificate (as "Ajouter un poste"
 * makes it), each with its own device id, signing key and database.
 */
export async function office() {
  const a = await siteFixture();
  const b = await siteFixture();
  // B joined A's site: same site, its own device.
  const identity = { ...b.identity, siteId: a.identity.siteId, code: a.identity.code, name: a.identity.name };
  await b.ctx.db.meta.put({ key: 'identity', value: identity });
  b.identity = identity;
  const at = Date.parse('2026-11-25T09:00:00Z');
  let roster = foundRoster(a.identity.siteId, { deviceId: a.identity.deviceId, name: 'Poste de l’accueil', secret: a.siteKeys.signingSecret }, at);
  const certificate = certify(
    { siteId: a.identity.siteId, deviceId: b.identity.deviceId, name: 'Poste de Mme Durand', publicKey: b.siteKeys.signingPublic },
    { deviceId: a.identity.deviceId, secret: a.siteKeys.signingSecret },
    at,
  );
  roster = mergeRoster(roster, { certificates: [certificate], revocations: [] }).roster;
  return { a, b, chainOfA: chainOf(roster, a.identity.deviceId), chainOfB: chainOf(roster, b.identity.deviceId) };
}

/** What the Node side exports for a workstation: its pending changes, its sequence, its certificate chain. */
export async function exportFrom(w: Workstation, hq: { pub: Parameters<typeof buildBundle>[2] }, chain?: DeviceCertificate[]): Promise<BundleFile> {
  const pending = await collectPending(w.ctx);
  const built = buildBundle(bundleInputFromPending(pending, await takeBundleSequence(w.ctx), w.ctx.clock.now(), chain), w.siteKeys, hq.pub);
  return { name: built.fileName, bytes: built.bytes };
}

export function headerOf(bundle: BundleFile) {
  const envelope = readBundle(bundle.bytes);
  if (!envelope.ok) throw new Error(envelope.reason);
  return envelope.header;
}
