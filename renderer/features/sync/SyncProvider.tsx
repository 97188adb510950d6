import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ExportOutcome, FolderStatus, HqStatus, Inbox, SyncStatus, Target } from '../../../shared/bridge/syncSchemas.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { syncOverview } from '../../../shared/repos/syncHistory.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { fileToPayload } from './files.ts';
import { applyInbox, autoExportDue, exportPending, exportReadiness, type JournalEntry } from './runtime.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { officeCycle, type OfficeProgress } from '../../../shared/bridge/officeCycle.ts';
import { officeReportLines } from './officeText.ts';

export interface SyncContextValue {
  /** Which host serves the page: the desktop app has folder dialogs, the web host asks for typed paths. */
  host: 'electron' | 'web' | undefined;
  mode: 'site' | 'hq';
  /** Headquarters mode: whether its store opened, and its counts. */
  hq: HqStatus | undefined;
  refreshHq(): Promise<void>;
  status: SyncStatus | undefined;
  refreshStatus(): Promise<void>;
  /** The last check of the sync folder (every minute). */
  folder: FolderStatus;
  /** What happened lately (exports, acknowledgements, refusals), newest first. */
  journal: JournalEntry[];
  log(ok: boolean, text: string): void;
  exporting: boolean;
  exportNow(target: Target): Promise<ExportOutcome | undefined>;
  checkNow(): Promise<void>;
  /** Apply an acknowledgement or reference file the person chose. */
  importFile(file: File): Promise<void>;
  /** The office share: whether this workstation belongs to an office, and the exchange under way. */
  office: OfficeState;
  /** Read again whether this workstation belongs to an office (after "Ajouter un poste" founded it). */
  refreshOffice(): Promise<void>;
}

export interface OfficeState {
  enabled: boolean;
  running: boolean;
  progress: OfficeProgress | undefined;
}

/** The office exchange runs at start, on "Synchroniser maintenant" and this often. */
export const OFFICE_INTERVAL_MS = 3 * 60_000;

const SyncCtx = createContext<SyncContextValue | null>(null);

const JOURNAL_SIZE = 30;

/**
 * Sync for the whole application: says who this site is to the Node side (headquarters mode opens its
 * store), follows the sync folder's checks, applies acknowledgements and reference data as they arrive, and
 * exports on its own when the folder answers and something changed.
 */
export function SyncProvider({ children }: { children: ReactNode }) {
  const ctx = useRepo();
  const identity = useIdentity();
  const mode = identity.kind === 'atigip' ? 'hq' : 'site';
  const [host, setHost] = useState<'electron' | 'web'>();
  const [hq, setHq] = useState<HqStatus>();
  const [status, setStatus] = useState<SyncStatus>();
  const [folder, setFolder] = useState<FolderStatus>({ folder: null, reachable: false, checkedAt: null });
  const [journal, setJournal] = useState<JournalEntry[]>([]);
  const [exporting, setExporting] = useState(false);
  const statusRef = useRef<SyncStatus | undefined>(undefined);
  const lastAutoExport = useRef<number | undefined>(undefined);
  // Exports run one after the other: each takes the next sequence number and reads what is pending then.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const running = useRef(0);
  const [office, setOffice] = useState<OfficeState>({ enabled: false, running: false, progress: undefined });
  const officeEnabled = useRef(false);
  const officeRun = useRef<Promise<void> | undefined>(undefined);

  const log = useCallback((ok: boolean, text: string) => {
    setJournal((entries) => [{ at: new Date().toISOString(), ok, text }, ...entries].slice(0, JOURNAL_SIZE));
  }, []);

  const refreshStatus = useCallback(async () => {
    try {
      const next = await getBridge().syncStatus({});
      statusRef.current = next;
      setStatus(next);
      if (next.checkedAt) setFolder({ folder: next.folder, reachable: next.reachable, checkedAt: next.checkedAt });
    } catch (error) {
      log(false, errorMessage(error));
    }
  }, [log]);

  const refreshHq = useCallback(async () => {
    try {
      setHq(await getBridge().hqStatus({}));
    } catch (error) {
      setHq({ ok: false, message: errorMessage(error) });
    }
  }, []);

  const receive = useCallback(
    async (inbox: Inbox) => {
      for (const line of await applyInbox(ctx, inbox)) log(line.ok, line.text);
    },
    [ctx, log],
  );

  const exportNow = useCallback(
    (target: Target): Promise<ExportOutcome | undefined> => {
      const run = async (): Promise<ExportOutcome | undefined> => {
        const missing = exportReadiness(statusRef.current);
        if (missing) {
          log(false, missing);
          return undefined;
        }
        try {
          const outcome = await exportPending(ctx, getBridge(), target);
          const where = outcome.output.folder ? ` dans ${outcome.output.folder}` : '';
          log(true, `Lot ${outcome.fileName} exporté${where} : ${counted(outcome.changeCount, 'changement')}.`);
          return outcome;
        } catch (error) {
          log(false, `Export impossible : ${errorMessage(error)}`);
          return undefined;
        }
      };
      running.current += 1;
      setExporting(true);
      const next = queue.current.then(run).finally(() => {
        running.current -= 1;
        if (running.current === 0) setExporting(false);
      });
      queue.current = next;
      return next;
    },
    [ctx, log],
  );

  const maybeAutoExport = useCallback(
    async (checked: FolderStatus) => {
      if (mode !== 'site' || !checked.reachable || running.current > 0) return;
      const overview = await syncOverview(ctx);
      const now = Date.now();
      if (
        !autoExportDue({
          reachable: true,
          ready: exportReadiness(statusRef.current) === undefined,
          exportNeeded: overview.exportNeeded,
          lastAttempt: lastAutoExport.current,
          now,
        })
      )
        return;
      lastAutoExport.current = now;
      await exportNow('syncFolder');
    },
    [ctx, mode, exportNow],
  );

  const refreshOffice = useCallback(async () => {
    try {
      const enabled = mode === 'site' && (await getBridge().officeStatus({})).enabled;
      officeEnabled.current = enabled;
      setOffice((o) => ({ ...o, enabled }));
    } catch (error) {
      log(false, errorMessage(error));
    }
  }, [mode, log]);

  /** One exchange with the office share at a time: a second request while one runs waits for it. */
  const exchangeWithOffice = useCallback((): Promise<void> => {
    if (!officeEnabled.current) return Promise.resolve();
    if (officeRun.current) return officeRun.current;
    const run = (async () => {
      setOffice((o) => ({ ...o, running: true }));
      try {
        const report = await officeCycle(ctx, getBridge(), (progress) => setOffice((o) => ({ ...o, progress })));
        for (const line of officeReportLines(report)) log(line.ok, line.text);
      } catch (error) {
        log(false, `Bureau : ${errorMessage(error)}`);
      } finally {
        officeRun.current = undefined;
        setOffice((o) => ({ ...o, running: false, progress: undefined }));
      }
    })();
    officeRun.current = run;
    return run;
  }, [ctx, log]);

  const checkNow = useCallback(async () => {
    try {
      const { status: checked, inbox } = await getBridge().syncCheckNow({});
      setFolder(checked);
      await receive(inbox);
      // Colleagues' changes first: an export then carries this workstation's own changes only, whatever it applied.
      if (checked.reachable) await exchangeWithOffice();
      await maybeAutoExport(checked);
    } catch (error) {
      log(false, errorMessage(error));
    }
  }, [receive, exchangeWithOffice, maybeAutoExport, log]);

  useEffect(() => {
    if (!office.enabled) return;
    const timer = setInterval(() => void exchangeWithOffice(), OFFICE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [office.enabled, exchangeWithOffice]);

  const importFile = useCallback(
    async (file: File) => {
      try {
        const read = await getBridge().siteReadFile({ file: await fileToPayload(file) });
        await receive(read.kind === 'acknowledgement' ? { acknowledgement: read.acknowledgement, problems: [] } : { reference: read.reference, problems: [] });
      } catch (error) {
        log(false, `${file.name} : ${errorMessage(error)}`);
      }
    },
    [receive, log],
  );

  // Events first, so nothing announced while the session starts is missed.
  useEffect(() => {
    const bridge = getBridge();
    const stopFolder = bridge.on('syncFolderChecked', (checked) => {
      setFolder(checked);
      void maybeAutoExport(checked);
    });
    const stopInbox = bridge.on('syncInboxReceived', (inbox) => void receive(inbox));
    return () => {
      stopFolder();
      stopInbox();
    };
  }, [maybeAutoExport, receive]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const bridge = getBridge();
    void (async () => {
      try {
        setHost((await bridge.appInfo({})).host);
        const session = await bridge.startSession({
          site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
          deviceId: identity.deviceId,
        });
        if (session.hq) setHq(session.hq);
        await refreshStatus();
        if (session.mode === 'site') {
          await refreshOffice();
          await checkNow();
        }
      } catch (error) {
        log(false, errorMessage(error));
      }
    })();
  }, [identity, refreshStatus, refreshOffice, checkNow, log]);

  const value = useMemo<SyncContextValue>(
    () => ({ host, mode, hq, refreshHq, status, refreshStatus, folder, journal, log, exporting, exportNow, checkNow, importFile, office, refreshOffice }),
    [host, mode, hq, refreshHq, status, refreshStatus, folder, journal, log, exporting, exportNow, checkNow, importFile, office, refreshOffice],
  );
  return <SyncCtx.Provider value={value}>{children}</SyncCtx.Provider>;
}

export function useSync(): SyncContextValue {
  const value = useContext(SyncCtx);
  if (!value) throw new Error('useSync outside SyncProvider');
  return value;
}
