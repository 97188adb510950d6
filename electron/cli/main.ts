import { readFileSync } from 'node:fs';
import { demoCommand } from './demo.ts';
import { hqCommand } from './hq.ts';
import { inspectCommand } from './inspect.ts';
import { helpText as helpOf, runCli, type CliSetup } from './runner.ts';

/**
 * The command line of a checkout (`npx passerelle`): every subcommand, each in its own module of electron/cli,
 * using the same shared engine as the desktop application. The installed application carries the same
 * commands but demo-bundles (electron/cli/installed.ts).
 */
function checkoutSetup(): CliSetup {
  return { commands: { hq: hqCommand, 'demo-bundles': demoCommand, inspect: inspectCommand }, version: packageVersion(), invocation: 'passerelle' };
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function helpText(): string {
  return helpOf(checkoutSetup());
}

export function main(argv: string[]): Promise<number> {
  return runCli(argv, checkoutSetup());
}
