import { resolve } from 'node:path';
import { readHqPublicFile } from '../node/hq/hqDir.ts';
import { parseCommandLine, positiveInt, requireString, runCommand, UsageError, type Command } from './command.ts';
import { simulateInThreads } from './demo/threads.ts';
import { counted } from '../../shared/format/agreement.ts';

const USAGE = `Usage : passerelle demo-bundles --hq-pub FICHIER --out DOSSIER --sites N --records M --generations G --seed S [--until DATE] [--threads T]

Simule N sites (codes DEMO-001, DEMO-002, ...) qui saisissent chacun environ M enregistrements de chaque type,
puis G exports successifs, une semaine d’intervalle, avec des modifications et des suppressions entre deux
exports, et écrit leurs lots dans DOSSIER, chiffrés pour le siège de FICHIER (hq.pub). Le dernier export a lieu
maintenant, ou à la DATE donnée (par exemple 2026-11-25T12:00:00Z). La même graine et la même date donnent les
mêmes enregistrements ; les clés des sites dépendent de la graine. Les sites sont simulés sur T fils d’exécution
à la fois (par défaut, un par cœur du processeur).`;

/** `--until`: an ISO date and time, or now. */
function untilOption(value: string | boolean | undefined): number {
  if (value === undefined) return Date.now();
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new UsageError('--until : date et heure attendues, par exemple 2026-11-25T12:00:00Z');
  return time;
}

export const demoCommand: Command = {
  summary: 'écrit des lots de démonstration de sites simulés',
  run(args) {
    return runCommand(USAGE, async () => {
      if (args[0] === '--help' || args[0] === '-h') {
        console.log(USAGE);
        return 0;
      }
      const { values, positionals } = parseCommandLine(args, {
        'hq-pub': { type: 'string' },
        out: { type: 'string' },
        sites: { type: 'string' },
        records: { type: 'string' },
        generations: { type: 'string' },
        seed: { type: 'string' },
        until: { type: 'string' },
        threads: { type: 'string' },
      });
      if (positionals.length > 0) throw new UsageError(`argument inattendu : ${positionals[0]}`);
      const until = untilOption(values.until);
      const hq = await readHqPublicFile(requireString(values, 'hq-pub'));
      const out = resolve(requireString(values, 'out'));
      const seedText = requireString(values, 'seed');
      if (!/^\d+$/.test(seedText)) throw new UsageError('--seed : nombre entier attendu');
      const bundles = await simulateInThreads({
        hq,
        out,
        ...(values.threads === undefined ? {} : { threads: positiveInt(values, 'threads') }),
        sites: positiveInt(values, 'sites'),
        records: positiveInt(values, 'records'),
        generations: positiveInt(values, 'generations'),
        seed: Number(seedText),
        until,
        onBundle: ({ fileName, header }) => {
          const records = Object.values(header.counts).reduce((a, b) => a + b, 0);
          console.log(`${fileName} : ${records} enregistrements, ${header.changeCount} modifications`);
        },
      });
      console.log(`${counted(bundles.length, 'lot écrit', 'lots écrits')} dans ${out}`);
      return 0;
    });
  },
};
