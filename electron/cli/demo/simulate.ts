import { base, Faker, fr } from '@faker-js/faker';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../shared/db/database.ts';
import type { FileStore } from '../../../shared/ports/fileStore.ts';
import { memoryKeyStore, type KeyStore } from '../../../shared/ports/keyStore.ts';
import { departements } from '../../../shared/reference/geo.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { setUpSite } from '../../../shared/repos/identity.ts';
import { writeTransaction, type Writer } from '../../../shared/repos/writer.ts';
import { centralEntityNames, type CentralEntityName, type EntityInput, type EntityName } from '../../../shared/schemas/entities.ts';
import type { SiteKind } from '../../../shared/schemas/site.ts';
import type { BundleHeader } from '../../../shared/sync/bundle.ts';
import { keyNames, type HqPublic } from '../../../shared/sync/keys.ts';
import { exportBundle } from '../../../shared/sync/site.ts';
import { nodeDeflate } from '../../node/deflate.ts';
import { generators, type Generator } from './generators.ts';
import { LiveRecords } from './live.ts';
import { derive, deriveInt, seededIds } from './seeded.ts';

export interface DemoOptions {
  hq: HqPublic;
  files: FileStore;
  sites: number;
  /** About this many records of every kind per site in the first export. */
  records: number;
  generations: number;
  seed: number;
  /**
   * The simulated present, in milliseconds: the last export of every site is written at this time and the
   * earlier ones a week apart before it, so headquarters' clock check accepts them all. The command line
   * passes the current time; the same seed and the same `until` give the same records.
   */
  until: number;
  onBundle?: (bundle: { fileName: string; header: BundleHeader }) => void;
}

/** Site ids are UUID v7 stamped with this fixed time, so a site's id depends on its index alone. */
const SITE_ID_TIME = Date.parse('2026-01-05T08:00:00.000Z');
const WEEK = 7 * 86_400_000;
/** The writes of a generation fall in the six days and 23 hours before its export. */
const WRITING_WINDOW = WEEK - 3_600_000;
/** At most ten minutes between two writes of a simulated user. */
const LONGEST_PAUSE = 600_000;

export function demoSiteCode(index: number): string {
  return `DEMO-${String(index).padStart(3, '0')}`;
}

/** Every third site from the second is a prison establishment (DEMO-002, DEMO-005, ...), the others SPIP. */
export function demoSiteKind(index: number): SiteKind {
  return index % 3 === 2 ? 'etablissement' : 'spip';
}

/** Entities in an order where every record's targets exist before it (generators declare what they need). */
export function generationOrder(): CentralEntityName[] {
  const order: CentralEntityName[] = [];
  const visit = (entity: CentralEntityName, path: CentralEntityName[]) => {
    if (order.includes(entity)) return;
    if (path.includes(entity)) throw new Error(`Demo generators: dependency cycle through ${entity}`);
    for (const need of generators[entity].needs) visit(need, [...path, entity]);
    order.push(entity);
  };
  for (const entity of centralEntityNames) visit(entity, []);
  return order;
}

/**
 * Simulate `sites` sites, each writing through the real repositories on its own in-memory database (so the
 * change log is genuine) and exporting `generations` bundles, with edits, additions and deletions between
 * them. Sites read no acknowledgement, so every export is cumulative. The same seed writes the same records;
 * a site's code and id depend on its index alone, its keys on the seed.
 */
export async function simulateDemoSites(options: DemoOptions): Promise<{ fileName: string; header: BundleHeader }[]> {
  const written: { fileName: string; header: BundleHeader }[] = [];
  for (let index = 1; index <= options.sites; index++) {
    written.push(...(await simulateSite(index, options)));
  }
  return written;
}

/** One simulated site, from its set-up to its last export (also what each thread of `simulateInThreads` runs). */
export async function simulateSite(index: number, options: DemoOptions): Promise<{ fileName: string; header: BundleHeader }[]> {
  const site = await openDemoSite(index, options);
  const bundles: { fileName: string; header: BundleHeader }[] = [];
  for (let generation = 1; generation <= options.generations; generation++) {
    await site.write(generation);
    // One PC per simulated site: its bundles are named and acknowledged as the site's (no workstation).
    const exported = await exportBundle(site.ctx, { keys: site.keys, files: options.files, hq: options.hq, deflate: nodeDeflate, namingNoWorkstation: true });
    bundles.push(exported);
    options.onBundle?.(exported);
  }
  site.ctx.db.close();
  return bundles;
}

/** A simulated site's database and keys, written one generation at a time. */
export interface DemoSite {
  ctx: RepoContext;
  keys: KeyStore;
  /** Write a generation's records (all of them on the first, changes on the next); the clock then reads its export time. */
  write(generation: number): Promise<void>;
}

/** Set up simulated site `index`: what `simulateSite` exports, and what benchmarks export or read on their own. */
export async function openDemoSite(index: number, options: Pick<DemoOptions, 'records' | 'generations' | 'seed' | 'until'>): Promise<DemoSite> {
  const exportTime = (generation: number) => options.until - (options.generations - generation) * WEEK;
  let now = exportTime(1) - WRITING_WINDOW;
  const db = createDb({ name: `demo-${index}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const code = demoSiteCode(index);
  const departement = departements[(index * 37) % departements.length]?.code ?? '75';
  const faker = new Faker({ locale: [fr, base] });
  faker.seed(deriveInt(`faker/${options.seed}/${index}`));
  faker.setDefaultRefDate(new Date(now));
  const kind = demoSiteKind(index);
  const identity = await setUpSite(
    { db, clock: { now: () => now }, newId: seededIds(`site/${index}`, () => SITE_ID_TIME) },
    {
      kind,
      code,
      name: `${kind === 'spip' ? 'SPIP' : 'Centre pénitentiaire'} de démonstration n° ${index}`,
      departement,
      userName: faker.person.fullName(),
    },
  );
  // Pauses shrink when a generation has more writes than ten-minute pauses fit in its window.
  let longestPause = LONGEST_PAUSE;
  // The simulated users type one record after the other: the writer reads the clock once per record it
  // stamps, and each reading comes a pause after the previous one. Exports read it still.
  let typing = false;
  const clock = {
    now: () => {
      if (typing) now += faker.number.int({ min: 1, max: longestPause });
      return now;
    },
  };
  const ctx: RepoContext = { db, clock, newId: seededIds(`records/${options.seed}/${index}`, () => now) };
  const keys = memoryKeyStore({
    [keyNames.siteSigning]: derive(`signing/${options.seed}/${index}`),
    [keyNames.sitePseudonym]: derive(`pseudonym/${options.seed}/${index}`),
    [keyNames.siteEncryption]: derive(`encryption/${options.seed}/${index}`),
  });

  const live = new LiveRecords();
  let today = new Date(now).toISOString().slice(0, 10);
  const g = live.context(faker, identity, () => today);
  const order = generationOrder();
  const writing = async <T>(fn: (w: Writer) => Promise<T>): Promise<T> => {
    typing = true;
    try {
      return await writeTransaction(ctx, fn);
    } finally {
      typing = false;
    }
  };
  // A batch is generated record by record (each seeing the ones before it), then written in bulk.
  const create = async (entity: CentralEntityName, count: number) => {
    const generator = generators[entity] as unknown as Generator<EntityName>;
    const inputs: EntityInput<EntityName>[] = [];
    for (let i = 0; i < count; i++) {
      const input = generator.create(g);
      if (!input) break;
      live.stage(entity, input);
      inputs.push(input);
    }
    live.commit(entity, await writing((w) => w.insertMany(entity, inputs)));
  };

  const entityCount = order.length;
  const write = async (generation: number) => {
    now = exportTime(generation) - WRITING_WINDOW;
    const changes = Math.max(1, Math.round(options.records / 4));
    const additions = Math.max(1, Math.round(options.records / 10));
    const writes = generation === 1 ? entityCount * options.records : entityCount * (changes + 2 * additions);
    longestPause = Math.max(1, Math.min(LONGEST_PAUSE, Math.floor(WRITING_WINDOW / (writes + 1))));
    today = new Date(now).toISOString().slice(0, 10);
    faker.setDefaultRefDate(new Date(now));
    if (generation === 1) {
      for (const entity of order) await create(entity, options.records);
    } else {
      for (const entity of order) {
        const generator = generators[entity] as unknown as Generator<EntityName>;
        const records = live.all(entity);
        const edited = faker.helpers.arrayElements(records, Math.min(changes, records.length));
        const patches = edited.map((record) => ({ id: record.id, patch: generator.edit(g, record as never) }));
        await writing(async (w) => {
          for (const record of await w.updateMany(entity, patches)) live.set(entity, record);
          if (generator.deletable) {
            const remaining = live.all(entity);
            const removed = faker.helpers.arrayElements(remaining, Math.min(additions, remaining.length)).map((r) => r.id);
            await w.removeMany(entity, removed);
            for (const id of removed) live.delete(entity, id);
          }
        });
        await create(entity, additions);
      }
    }
    now = exportTime(generation);
  };
  return { ctx, keys, write };
}
