import type { HqKeyAccess } from '../node/hq/hqDir.ts';
import { hqCommandWith } from './hq.ts';
import { inspectCommand } from './inspect.ts';
import { runCli, type CliSetup } from './runner.ts';

/**
 * The command line the installed application carries, run by its own executable (`passerelle cli …` on Linux,
 * `Passerelle.exe cli …` on Windows; electron/main/cliArgs.ts): the headquarters and inspection commands, built
 * into the app's main bundle, so nothing outside the integrity-checked archive runs. demo-bundles, a tool for
 * tests and benchmarks that runs TypeScript in worker threads, stays in a checkout.
 */
export function installedSetup(version: string, access: HqKeyAccess = {}): CliSetup {
  return {
    commands: { hq: hqCommandWith(access), inspect: inspectCommand },
    version,
    invocation: 'passerelle cli',
    note: 'Sous Windows : & "$env:LOCALAPPDATA\\Programs\\Passerelle\\Passerelle.exe" cli <commande> | Write-Output (PowerShell).',
  };
}

/**
 * `access` reads the keys the desktop app protects with the system (safeStorage), which only this executable can:
 * on the application's own folder in headquarters mode, every hq subcommand works, import and acknowledgements
 * included.
 */
export function runInstalledCli(argv: string[], version: string, access: HqKeyAccess = {}): Promise<number> {
  return runCli(argv, installedSetup(version, access));
}
