import { describe, expect, it } from 'vitest';
import type { Role } from '../schemas/account.ts';
import { createBridge } from './client.ts';
import type { Channel } from './contract.ts';
import { BridgeError } from './envelope.ts';
import { channelActions, guardBridge } from './guard.ts';

function recordingBridge() {
  const calls: Channel[] = [];
  const bridge = createBridge({
    invoke: async (channel) => {
      calls.push(channel);
      return { ok: true, value: {} };
    },
    listen: () => () => undefined,
  });
  return { bridge, calls };
}

describe('the bridge as a role may use it', () => {
  it('refuses a CPIP the key backup, a manual backup and a restore, in French, without calling the Node side', async () => {
    const { bridge, calls } = recordingBridge();
    let role: Role | undefined = 'cpip';
    const guarded = guardBridge(bridge, () => role);
    const refused = await guarded.keysBackup({ passphrase: 'phrase de passe longue', target: { kind: 'download' } } as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BridgeError);
    expect((refused as Error).message).toBe('Votre rôle (CPIP) ne permet pas la gestion des clés : demandez à un compte administrateur.');
    await expect(guarded.backupStart({ origin: 'manuelle' } as never)).rejects.toThrow('ne permet pas l’écriture d’une sauvegarde');
    await expect(guarded.backupOpen({} as never)).rejects.toThrow('ne permet pas la restauration d’une sauvegarde');
    await expect(guarded.syncSetFolder({} as never)).rejects.toThrow('ne permet pas les réglages de la synchronisation');
    expect(calls).toEqual([]);

    // The daily backup of a CPIP's session is written; an administrator, or no session at all (first run), goes through.
    await guarded.backupStart({ origin: 'quotidienne' } as never).catch(() => undefined);
    role = 'administrateur';
    await guarded.keysBackup({} as never).catch(() => undefined);
    role = undefined;
    await guarded.backupOpen({} as never).catch(() => undefined);
    expect(calls).toEqual(['backupStart', 'keysBackup', 'backupOpen']);
  });

  it('lets a cadre write a backup but not restore one, and keeps headquarters’ store to its analysts', async () => {
    const { bridge, calls } = recordingBridge();
    let role: Role = 'cadre';
    const guarded = guardBridge(bridge, () => role);
    await guarded.backupStart({ origin: 'manuelle' } as never).catch(() => undefined);
    await expect(guarded.backupOpen({} as never)).rejects.toThrow(/demandez à un compte administrateur/);
    role = 'analyste';
    await guarded.hqImport({} as never).catch(() => undefined);
    await expect(guarded.hqRotateKey({} as never)).rejects.toThrow(/ne permet pas la gestion des clés/);
    expect(calls).toEqual(['backupStart', 'hqImport']);
    expect(Object.keys(channelActions).length).toBeGreaterThan(10);
  });

  it('counts writing, reading and opening transferred files among the sync exchanges, which a CPIP runs', async () => {
    expect([channelActions.transferPersonKey, channelActions.transferWrite, channelActions.transferOpen, channelActions.transferScan]).toEqual(
      Array(4).fill('sync.run'),
    );
    const { bridge, calls } = recordingBridge();
    const guarded = guardBridge(bridge, () => 'cpip');
    await guarded.transferScan({} as never).catch(() => undefined);
    await guarded.transferWrite({} as never).catch(() => undefined);
    expect(calls).toEqual(['transferScan', 'transferWrite']);
  });
});
