import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFs } from '../services.ts';
import { officeShare } from './officeShare.ts';

/*
 * The sync folder and the office share are folders other people and machines write to: a file there may be a
 * pipe (a read would wait forever, holding one of Node's few file-system threads), a link to a secret or to
 * /dev/zero, or a folder. Only regular files are read, with a French reason for the rest.
 */

let root: string;
const deviceId = uuidv7();
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'passerelle-shared-reads-'));
  await mkdir(join(root, 'bureau', deviceId), { recursive: true });
  await writeFile(join(root, 'secret.key'), 'clé privée');
  await writeFile(join(root, 'bureau', deviceId, 'lot-00000001.passerelle-bureau'), 'contenu');
  execFileSync('mkfifo', [join(root, 'bureau', deviceId, 'lot-00000002.passerelle-bureau')]);
  await symlink(join(root, 'secret.key'), join(root, 'bureau', deviceId, 'lot-00000003.passerelle-bureau'));
  await symlink('/dev/zero', join(root, 'bureau', deviceId, 'lot-00000004.passerelle-bureau'));
  await mkdir(join(root, 'bureau', deviceId, 'lot-00000005.passerelle-bureau'));
  execFileSync('mkfifo', [join(root, 'SPIP-54.accuse.json')]);
  await symlink(join(root, 'secret.key'), join(root, 'referentiel.json'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('files read from shared folders', () => {
  it('office share: reads a regular file, refuses a pipe, links and a folder in French, without waiting', async () => {
    const share = officeShare(root);
    expect(new TextDecoder().decode(await share.read(deviceId, 'lot-00000001.passerelle-bureau'))).toBe('contenu');
    for (const name of ['lot-00000002', 'lot-00000003', 'lot-00000004', 'lot-00000005']) {
      await expect(share.read(deviceId, `${name}.passerelle-bureau`), name).rejects.toThrow(/^Fichier illisible \(.*\) : .*(tube|lien|dossier)/);
    }
  });

  it('sync folder: refuses a pipe named as an acknowledgement and a link named as the reference data', async () => {
    await expect(nodeFs.readFile(join(root, 'SPIP-54.accuse.json'))).rejects.toThrow(/tube/);
    await expect(nodeFs.readFile(join(root, 'referentiel.json'))).rejects.toThrow(/lien symbolique/);
    expect(new TextDecoder().decode(await nodeFs.readFile(join(root, 'secret.key')))).toBe('clé privée');
  });
});
