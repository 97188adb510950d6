import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { sharedFloors } from '../../eslint.config.js';

// The project's own eslint.config.js, applied to one import written into a (virtual) file of a given folder:
// the boundaries of ../shared/ARCHITECTURE.md hold only if each folder's block keeps its whole list.
const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function refusals(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const nodeAndElectron = ['node:fs', 'fs', 'path', 'electron', 'dexie', '../../../electron/node/atomicFile.ts', '../../electron/main/index.ts'];

describe('lint: import boundaries', () => {
  const rendererFiles = [
    'renderer/features/persons/Probe.tsx',
    'renderer/app/Probe.tsx',
    'renderer/ui/Probe.tsx',
    'renderer/bridge/probe.ts',
    'renderer/features/persons/probe.test.tsx',
  ];

  it.each(rendererFiles)('refuses Node built-ins, electron/, Electron and Dexie in %s', async (file) => {
    for (const specifier of nodeAndElectron) {
      expect(await refusals(file, specifier), `${file} importing ${specifier}`).not.toEqual([]);
    }
  });

  it('lets a feature reach the application shell only through renderer/app/index.ts', async () => {
    const file = 'renderer/features/persons/Probe.tsx';
    expect(await refusals(file, '../../app/RepoProvider.tsx')).toEqual([
      expect.stringContaining('A feature reaches the application shell only through renderer/app/index.ts.'),
    ]);
    expect(await refusals(file, '../../app/router.tsx')).not.toEqual([]);
    expect(await refusals(file, '../../app/index.ts')).toEqual([]);
  });

  it('lets a feature or the shell reach another feature only through its index.ts', async () => {
    expect(await refusals('renderer/features/persons/Probe.tsx', '../hosts/PostForm.tsx')).toEqual([
      expect.stringContaining('Import another feature only through its index.ts.'),
    ]);
    expect(await refusals('renderer/features/persons/Probe.tsx', '../hosts/index.ts')).toEqual([]);
    expect(await refusals('renderer/app/Probe.tsx', '../features/hosts/PostForm.tsx')).not.toEqual([]);
    expect(await refusals('renderer/app/Probe.tsx', '../features/hosts/index.ts')).toEqual([]);
  });

  it('keeps the database out of features: the repository context is handed to shared/ functions, never opened', async () => {
    const file = join(root, 'renderer/features/persons/Probe.tsx');
    const problems = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: file });
      return (result?.messages ?? []).map((m) => m.message);
    };
    const refusal = expect.stringContaining('Components never touch the database');
    const header = "import { useRepo } from '../../app/index.ts';\nexport function useProbe() {\n  const ctx = useRepo();\n";
    expect(await problems(`${header}  return ctx.db.persons.count();\n}\n`)).toEqual([refusal]);
    expect(await problems(`${header}  const { db } = ctx;\n  return db;\n}\n`)).toEqual([refusal]);
    expect(await problems(`${header}  return ctx['db'];\n}\n`)).toEqual([refusal]);
    expect(await refusals('renderer/features/persons/Probe.tsx', '../../../shared/db/database.ts')).toEqual([refusal]);
    expect(await problems(`${header}  return listPersons(ctx);\n}\nimport { listPersons } from '../../../shared/repos/persons.ts';\n`)).toEqual([]);
  });

  it('keeps the UI kit away from features and the shell', async () => {
    expect(await refusals('renderer/ui/Probe.tsx', '../features/hosts/index.ts')).not.toEqual([]);
    expect(await refusals('renderer/ui/Probe.tsx', '../app/index.ts')).not.toEqual([]);
  });

  it('allows what the renderer needs', async () => {
    for (const specifier of ['react', 'dexie-react-hooks', '../../../shared/repos/writer.ts', '../../ui/DataTable.tsx', '../../bridge/index.ts']) {
      expect(await refusals('renderer/features/persons/Probe.tsx', specifier), specifier).toEqual([]);
    }
  });

  it('keeps shared/ free of Node, Electron, React and the other rooms', async () => {
    for (const specifier of ['node:fs', 'fs', 'electron', 'react', '../../renderer/app/index.ts', '../../electron/node/atomicFile.ts']) {
      expect(await refusals('shared/repos/probe.ts', specifier), specifier).not.toEqual([]);
    }
    expect(await refusals('shared/repos/probe.ts', 'zod')).toEqual([]);
  });

  it('keeps each floor of shared/ to itself and the floors beneath it', async () => {
    const upwards = [
      ['shared/db/probe.ts', '../repos/changes.ts'],
      ['shared/schemas/probe.ts', '../db/database.ts'],
      ['shared/reference/probe.ts', '../schemas/site.ts'],
      ['shared/repos/probe.ts', '../sync/signed.ts'],
      ['shared/sync/probe.ts', '../review/types.ts'],
      ['shared/review/probe.ts', '../bridge/contract.ts'],
      ['shared/util.ts', './repos/guards.ts'],
    ];
    for (const [file, specifier] of upwards) {
      expect(await refusals(file!, specifier!), `${file} importing ${specifier}`).toEqual([expect.stringContaining('shared/ is built in floors')]);
    }
    const downwards = [
      ['shared/sync/probe.ts', '../repos/writer.ts'],
      ['shared/repos/probe.ts', '../db/hlc.ts'],
      ['shared/db/probe.ts', '../util.ts'],
      ['shared/schemas/probe.ts', '../rules/hours.ts'],
      ['shared/rules/probe.ts', '../schemas/measure.ts'],
      ['shared/bridge/probe.ts', '../review/types.ts'],
      ['shared/repos/probe.ts', './writer.ts'],
    ];
    for (const [file, specifier] of downwards) expect(await refusals(file!, specifier!), `${file} importing ${specifier}`).toEqual([]);
  });

  it('refuses every arrow up the floors of shared/ and lets every other one through', async () => {
    const floor = (member: string) => sharedFloors.findIndex((f) => f.members.includes(member));
    const members = sharedFloors.flatMap((f) => f.members);
    const wrong: string[] = [];
    for (const from of members) {
      const file = from.endsWith('.ts') ? `shared/${from}` : `shared/${from}/probe.ts`;
      for (const to of members) {
        const specifier = `${from.endsWith('.ts') ? './' : '../'}${to.endsWith('.ts') ? to : `${to}/probe.ts`}`;
        const refused = (await refusals(file, specifier)).length > 0;
        if (refused !== floor(to) > floor(from)) wrong.push(`${file} importing ${specifier}: ${refused ? 'refused' : 'allowed'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps electron out of plain Node modules and React and the renderer out of the whole Node side', async () => {
    expect(await refusals('electron/node/probe.ts', 'electron')).not.toEqual([]);
    for (const file of ['electron/node/probe.ts', 'electron/main/probe.ts', 'electron/preload/probe.ts']) {
      expect(await refusals(file, 'react'), file).not.toEqual([]);
      expect(await refusals(file, '../../renderer/app/index.ts'), file).not.toEqual([]);
    }
    expect(await refusals('electron/main/probe.ts', 'electron')).toEqual([]);
    expect(await refusals('electron/node/probe.ts', 'node:fs')).toEqual([]);
  });

  it('keeps the web host, the CLI and the plain Node modules out of electron/main', async () => {
    for (const [file, specifier] of [
      ['electron/webhost/probe.ts', '../main/protocol.ts'],
      ['electron/cli/probe.ts', '../main/paths.ts'],
      ['electron/node/hq/probe.ts', '../../main/ipc.ts'],
    ]) {
      expect(await refusals(file!, specifier!), `${file} importing ${specifier}`).toEqual([
        expect.stringContaining('electron/main is Electron’s process only'),
      ]);
    }
    expect(await refusals('electron/webhost/probe.ts', '../node/csp.ts')).toEqual([]);
    expect(await refusals('electron/main/probe.ts', './protocol.ts')).toEqual([]);
    expect(await refusals('electron/preload/probe.ts', '../main/protocol.ts')).toEqual([]);
  });
});
