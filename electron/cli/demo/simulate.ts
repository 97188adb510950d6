import { base, Faker, fr } from '@faker-js/faker';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../shared/db/database.ts';
import type { FileStore } from '../../../shared/ports/fileStore.ts';
import { memoryKeyStore } from '../../../shared/ports/keyStore.ts';
import { departements } from '../../../shared/reference/geo.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { setUpSite } from '../../../shared/repos/identity.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { entityNames, type EntityName, type EntityRecord } from '../../../shared/schemas/entities.ts';
import type { SiteKind } from '../../../shared/schemas/site.ts';
import type { BundleHeader } from '../../../shared/sync/bundle.ts';
import { keyNames, type HqPublic } from '../../../shared/sync/keys.ts';
import { exportBundle } from '../../../shared/sync/site.ts';
import { generators, type GenContext, type Generator } from './generators.ts';
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
export function generationOrder(): EntityName[] {
  const order: EntityName[] = [];
  const visit = (entity: EntityName, path: EntityName[]) => {
    if (order.includes(entity)) return;
    if (path.includes(entity)) throw new Error(`Demo generators: dependency cycle through ${entity}`);
    for (const need of generators[entity].needs) visit(need, [...path, entity]);
    order.push(entity);
  };
  for (const entity of entityNames) visit(entity, []);
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

async function simulateSite(index: number, options: DemoOptions): Promise<{ fileName: string; header: BundleHeader }[]> {
  const exportTime = (generation: number) => options.until - (options.generations - generation) * WEEK;
  let now = exportTime(1) - WRITING_WINDOW;
  const clock = { now: () => now };
  const db = createDb({ name: `demo-${index}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const code = demoSiteCode(index);
  const departement = departements[(index * 37) % departements.length]?.code ?? '75';
  const faker = new Faker({ locale: [fr, base] });
  faker.seed(deriveInt(`faker/${options.seed}/${index}`));
  faker.setDefaultRefDate(new Date(now));
  const kind = demoSiteKind(index);
  const identity = await setUpSite(
    { db, clock, newId: seededIds(`site/${index}`, () => SITE_ID_TIME) },
    {
      kind,
      code,
      name: `${kind === 'spip' ? 'SPIP' : 'Centre pénitentiaire'} de démonstration n° ${index}`,
      departement,
      userName: faker.person.fullName(),
    },
  );
  const ctx: RepoContext = { db, clock, newId: seededIds(`records/${options.seed}/${index}`, clock.now) };
  const keys = memoryKeyStore({
    [keyNames.siteSigning]: derive(`signing/${options.seed}/${index}`),
    [keyNames.sitePseudonym]: derive(`pseudonym/${options.seed}/${index}`),
    [keyNames.siteEncryption]: derive(`encryption/${options.seed}/${index}`),
  });

  const live = new Map<EntityName, Map<string, Record<string, unknown>>>(entityNames.map((e) => [e, new Map()]));
  const g: GenContext = {
    faker,
    site: identity,
    today: new Date(now).toISOString().slice(0, 10),
    live: <E extends EntityName>(entity: E) => [...(live.get(entity) as Map<string, Record<string, unknown>>).values()] as EntityRecord<E>[],
  };
  const order = generationOrder();
  const bundles: { fileName: string; header: BundleHeader }[] = [];

  const entityCount = order.length;
  // Pauses shrink when a generation has more writes than ten-minute pauses fit in its window.
  let longestPause = LONGEST_PAUSE;
  const tick = () => {
    now += faker.number.int({ min: 1, max: longestPause });
  };
  const create = async (entity: EntityName, count: number) => {
    const generator = generators[entity] as unknown as Generator<EntityName>;
    await writeTransaction(ctx, async (w) => {
      for (let i = 0; i < count; i++) {
        const input = generator.create(g);
        if (!input) break;
        tick();
        const record = await w.insert(entity, input);
        live.get(entity)?.set(record.id, record as Record<string, unknown>);
      }
    });
  };

  for (let generation = 1; generation <= options.generations; generation++) {
    now = exportTime(generation) - WRITING_WINDOW;
    const changes = Math.max(1, Math.round(options.records / 4));
    const additions = Math.max(1, Math.round(options.records / 10));
    const writes = generation === 1 ? entityCount * options.records : entityCount * (changes + 2 * additions);
    longestPause = Math.max(1, Math.min(LONGEST_PAUSE, Math.floor(WRITING_WINDOW / (writes + 1))));
    g.today = new Date(now).toISOString().slice(0, 10);
    faker.setDefaultRefDate(new Date(now));
    if (generation === 1) {
      for (const entity of order) await create(entity, options.records);
    } else {
      for (const entity of order) {
        const generator = generators[entity] as unknown as Generator<EntityName>;
        const records = live.get(entity) as Map<string, Record<string, unknown>>;
        await writeTransaction(ctx, async (w) => {
          for (const record of faker.helpers.arrayElements([...records.values()], Math.min(changes, records.size))) {
            tick();
            const updated = await w.update(entity, record.id as string, generator.edit(g, record as never));
            records.set(updated.id, updated as Record<string, unknown>);
          }
          if (generator.deletable) {
            for (const record of faker.helpers.arrayElements([...records.values()], Math.min(additions, records.size))) {
              tick();
              await w.remove(entity, record.id as string);
              records.delete(record.id as string);
            }
          }
        });
        await create(entity, additions);
      }
    }
    now = exportTime(generation);
    const exported = await exportBundle(ctx, { keys, files: options.files, hq: options.hq });
    bundles.push(exported);
    options.onBundle?.(exported);
  }
  db.close();
  return bundles;
}
