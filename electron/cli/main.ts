import { readFileSync } from 'node:fs';
import type { Command } from './command.ts';
import { demoCommand } from './demo.ts';
import { hqCommand } from './hq.ts';
import { inspectCommand } from './inspect.ts';

/**
 * Subcommands, by name. Each lives in its own module of electron/cli and uses the same shared engine as
 * the desktop application.
 */
const commands: Record<string, Command> = {
  hq: hqCommand,
  'demo-bundles': demoCommand,
  inspect: inspectCommand,
};

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function helpText(): string {
  const lines = [
    `passerelle ${packageVersion()} : outils en ligne de commande de Passerelle`,
    '',
    'Usage : passerelle <commande> [options]',
    '',
    'Commandes :',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`),
    '  --help, -h       affiche cette aide',
    '  --version, -v    affiche la version',
  ];
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(packageVersion());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`passerelle : commande inconnue « ${name} ». Voir « passerelle --help ».`);
    return 2;
  }
  return command.run(rest);
}
