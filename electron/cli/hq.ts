import { resolve } from 'node:path';
import { MAX_BUNDLE_FILE_BYTES } from '../../shared/sync/bundle.ts';
import { reenrolSite } from '../../shared/sync/hqImport.ts';
import { hexToBytes } from '../../shared/sync/bytes.ts';
import { keyIdOf, loadHqKeyring } from '../../shared/sync/keys.ts';
import { hqFolderDir, hqPaths, initHqDir, openHqFolder, openHqStore, rotateHqKey, type HqKeyAccess } from '../node/hq/hqDir.ts';
import { expandBundlePaths, importBundleFiles, type FileImportResult } from '../node/hq/import.ts';
import { printable } from '../node/printable.ts';
import { readRegularFile } from '../node/regularFile.ts';
import { hqSiteRows, writeAcknowledgements, writeCentralExport, writeReferenceFile } from '../node/hq/outputs.ts';
import { parseCommandLine, requireString, runCommand, UsageError, type Command } from './command.ts';
import { counted } from '../../shared/format/agreement.ts';
import { CODES_FILE, DICTIONARY_FILE } from '../../shared/sync/dictionary.ts';

const USAGE = `Usage : passerelle hq <sous-commande> DOSSIER [options]

DOSSIER : un dossier créé par « passerelle hq init », ou le dossier de données de l’application en mode siège
(ou son sous-dossier hq) : les mêmes fichiers, ouverts de la même façon.

Sous-commandes :
  init DOSSIER                              crée un dossier du siège : clés (DOSSIER/hq.pub à diffuser), base vide
  import DOSSIER FICHIER...                 importe des lots (.passerelle, ou des dossiers qui en contiennent)
  export DOSSIER --out CHEMIN [--format ndjson|csv]
                                            écrit le fichier central (ndjson gzip) ou un CSV par entité,
                                            avec le dictionnaire des données
  acks DOSSIER --out DOSSIER_SORTIE         écrit l’accusé de réception signé de chaque site
  reference DOSSIER --out FICHIER           écrit les données de référence signées
  rotate-key DOSSIER                        remplace la clé de chiffrement (les anciennes restent utilisables)
  reenrol DOSSIER FICHIER [--note TEXTE] [--remplace ID]
                                           réinscrit un site avec la clé de ce lot (poste réinstallé) ; --remplace
                                           confirme l’installation retirée quand le code est tenu par une autre
  sites DOSSIER                             liste les sites inscrits
  conflicts DOSSIER                         liste les valeurs écartées lors des fusions (JSON, une par ligne)`;

type Sub = (args: string[]) => Promise<number>;

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`${what} attendu`);
  return positionals[0] as string;
}

/** One line per file (then one per note), every name and reason made printable: a file name cannot forge a line. */
function importLines(r: FileImportResult): string[] {
  let line: string;
  if (r.status === 'accepted') {
    const conflicts = r.conflicts ? `, ${counted(r.conflicts, 'conflit conservé', 'conflits conservés')}` : '';
    line = `${r.file} : accepté (${r.siteCode} n° ${r.sequence}, ${counted(r.records ?? 0, 'enregistrement')}${conflicts})`;
  } else if (r.status === 'known') {
    line = `${r.file} : déjà connu`;
  } else {
    line = `${r.file} : refusé : ${r.reason}`;
  }
  return [line, ...(r.notes ?? []).map((note) => `  ${note}`)].map(printable);
}

/** The subcommands, opening folders with the key access given (the installed app's reads its protected keys). */
const subcommandsWith = (access: HqKeyAccess): Record<string, Sub> => {
  const folder = (path: string) => openHqFolder(resolve(path), access);
  return {
    async init(args) {
      const { positionals } = parseCommandLine(args, {});
      const dir = resolve(onePositional(positionals, 'le dossier du siège est'));
      const hq = await initHqDir(dir, new Date());
      console.log(`Dossier du siège créé : ${dir}`);
      console.log(`Clé publique à transmettre aux sites : ${hqPaths(dir).publicFile} (clé ${hq.keyId})`);
      return 0;
    },

    async import(args) {
      const { positionals } = parseCommandLine(args, {});
      const [dir, ...paths] = positionals;
      if (!dir || paths.length === 0) throw new UsageError('le dossier du siège et au moins un lot sont attendus');
      const files = await expandBundlePaths(paths);
      if (files.length === 0) throw new UsageError('aucun lot à importer');
      const hq = await folder(dir);
      const results = await importBundleFiles(hq.dir, files, { keyring: await loadHqKeyring(hq.keys) });
      for (const r of results) for (const line of importLines(r)) console.log(line);
      return results.some((r) => r.status === 'refused') ? 1 : 0;
    },

    async export(args) {
      const { values, positionals } = parseCommandLine(args, { out: { type: 'string' }, format: { type: 'string' } });
      const dir = onePositional(positionals, 'le dossier du siège est');
      const out = requireString(values, 'out');
      const format = values.format ?? 'ndjson';
      if (format !== 'ndjson' && format !== 'csv') throw new UsageError('--format : ndjson ou csv');
      const { files } = await writeCentralExport(hqFolderDir(resolve(dir)), out, format);
      console.log(
        format === 'ndjson'
          ? `Fichier central écrit : ${out}, avec son dictionnaire des données (${DICTIONARY_FILE}, ${CODES_FILE}) à côté`
          : `${counted(files.length, 'fichier CSV écrit', 'fichiers CSV écrits')} dans ${out}, dictionnaire des données compris (${DICTIONARY_FILE}, ${CODES_FILE})`,
      );
      return 0;
    },

    async acks(args) {
      const { values, positionals } = parseCommandLine(args, { out: { type: 'string' } });
      const dir = onePositional(positionals, 'le dossier du siège est');
      const hq = await folder(dir);
      const written = await writeAcknowledgements(hq.dir, requireString(values, 'out'), { keys: hq.keys });
      for (const w of written) {
        const holds = w.ackedClock === null ? 'le siège ne détient aucune modification du site' : `accusé de réception jusqu’à ${w.ackedClock}`;
        console.log(printable(`${w.siteCode} : ${holds} (${w.file})`));
      }
      if (written.length === 0) console.log('Aucun site n’a encore envoyé de lot : aucun accusé de réception écrit.');
      return 0;
    },

    async reference(args) {
      const { values, positionals } = parseCommandLine(args, { out: { type: 'string' } });
      const dir = onePositional(positionals, 'le dossier du siège est');
      const hq = await folder(dir);
      const path = await writeReferenceFile(hq.dir, requireString(values, 'out'), { keys: hq.keys });
      console.log(`Données de référence signées écrites : ${path}`);
      return 0;
    },

    async 'rotate-key'(args) {
      const { positionals } = parseCommandLine(args, {});
      const dir = onePositional(positionals, 'le dossier du siège est');
      const hq = await folder(dir);
      const { previous, current } = await rotateHqKey(hq.dir, new Date(), hq.keys);
      console.log(`Nouvelle clé de chiffrement : ${current.keyId} (la clé ${previous.keyId} reste utilisable pour les lots déjà chiffrés avec elle).`);
      console.log(`Transmettez le nouveau fichier ${hqPaths(hq.dir).publicFile} aux sites.`);
      return 0;
    },

    async reenrol(args) {
      const { values, positionals } = parseCommandLine(args, { note: { type: 'string' }, remplace: { type: 'string' } });
      if (positionals.length !== 2) throw new UsageError('le dossier du siège et un lot du site sont attendus');
      const [dir, file] = positionals as [string, string];
      const bytes = await readRegularFile(file, MAX_BUNDLE_FILE_BYTES);
      const store = openHqStore(hqFolderDir(resolve(dir)));
      try {
        const note = typeof values.note === 'string' ? values.note : 'Réinscription par la ligne de commande';
        const replaces = typeof values.remplace === 'string' ? values.remplace : undefined;
        const result = reenrolSite(store, bytes, { now: Date.now(), note, replaces });
        const previous = result.previousKey ? ` (ancienne clé ${keyIdOf(hexToBytes(result.previousKey))})` : '';
        const moved = result.recordsMoved ? ` Les ${result.recordsMoved} enregistrements du site remplacé lui appartiennent désormais.` : '';
        console.log(`Site ${result.siteCode} réinscrit avec la clé ${keyIdOf(hexToBytes(result.newKey))}${previous}.${moved} Importez à nouveau ses lots.`);
        return 0;
      } finally {
        store.close();
      }
    },

    async sites(args) {
      const { positionals } = parseCommandLine(args, {});
      const store = openHqStore(hqFolderDir(resolve(onePositional(positionals, 'le dossier du siège est'))), { readOnly: true });
      try {
        const sites = hqSiteRows(store);
        if (sites.length === 0) console.log('Aucun site inscrit.');
        for (const s of sites) {
          const retired = s.retiredAt ? ' [remplacé]' : '';
          const last = s.lastSequence === null ? 'aucun lot reçu' : `dernier lot n° ${s.lastSequence} reçu ${s.lastBundleAt}`;
          console.log(printable(`${s.code}${retired} : ${s.name} ; ${counted(s.bundleCount, 'lot')} ; ${last} ; clé ${s.keyId}`));
          // One site, its workstations under it: an office's PCs are not sites of their own.
          for (const w of s.workstations) {
            const received = w.lastBundleAt === null ? 'aucun lot reçu' : `dernier lot reçu ${w.lastBundleAt}`;
            console.log(printable(`  poste ${w.name ?? w.deviceId} : ${received} ; clé ${w.keyId}`));
          }
        }
        return 0;
      } finally {
        store.close();
      }
    },

    async conflicts(args) {
      const { positionals } = parseCommandLine(args, {});
      const store = openHqStore(hqFolderDir(resolve(onePositional(positionals, 'le dossier du siège est'))), { readOnly: true });
      try {
        for (const c of store.conflicts()) console.log(JSON.stringify(c));
        return 0;
      } finally {
        store.close();
      }
    },
  };
};

/** `passerelle hq`, its folders' keys read as `access` allows (a checkout: files only). */
export function hqCommandWith(access: HqKeyAccess): Command {
  const subcommands = subcommandsWith(access);
  return {
    summary: 'siège : création, import des lots, fichier central, accusés, référentiel, clés',
    run(args) {
      return runCommand(USAGE, async () => {
        const [name, ...rest] = args;
        if (name === undefined || name === '--help' || name === '-h') {
          console.log(USAGE);
          return name === undefined ? 2 : 0;
        }
        const sub = subcommands[name];
        if (!sub) throw new UsageError(`sous-commande inconnue « ${name} »`);
        return sub(rest);
      });
    },
  };
}

export const hqCommand: Command = hqCommandWith({});
