import { hqCommand } from './hq.ts';
import { inspectCommand } from './inspect.ts';
import { runCli, type CliSetup } from './runner.ts';

/**
 * The command line the installed application carries, run by its own executable (`passerelle cli …` on Linux,
 * `Passerelle.exe cli …` on Windows; electron/main/cliArgs.ts): the headquarters and inspection commands, built
 * into the app's main bundle, so nothing outside the integrity-checked archive runs. demo-bundles, a tool for
 * tests and benchmarks that runs TypeScript in worker threads, stays in a checkout.
 */
export function installedSetup(version: string): CliSetup {
  return {
    commands: { hq: hqCommand, inspect: inspectCommand },
    version,
    invocation: 'passerelle cli',
    note: 'Sous Windows : & "$env:LOCALAPPDATA\\Programs\\Passerelle\\Passerelle.exe" cli <commande> | Write-Output (PowerShell).',
  };
}

export function runInstalledCli(argv: string[], version: string): Promise<number> {
  return runCli(argv, installedSetup(version));
}
