import type { Command } from './command.ts';

/** One command line: its subcommands, its version, and how it is typed (in a checkout, or in the installed app). */
export interface CliSetup {
  commands: Record<string, Command>;
  version: string;
  /** What comes before the subcommand: `passerelle`, or `passerelle cli` for the installed application. */
  invocation: string;
  /** Said under the commands: how to reach the ones this setup lacks, for instance. */
  note?: string;
}

export function helpText(setup: CliSetup): string {
  const lines = [
    `passerelle ${setup.version} : outils en ligne de commande de Passerelle`,
    '',
    `Usage : ${setup.invocation} <commande> [options]`,
    '',
    'Commandes :',
    ...Object.entries(setup.commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`),
    '  --help, -h       affiche cette aide',
    '  --version, -v    affiche la version',
    ...(setup.note ? ['', setup.note] : []),
  ];
  return lines.join('\n');
}

export async function runCli(argv: string[], setup: CliSetup): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText(setup));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(setup.version);
    return 0;
  }
  const command = setup.commands[name];
  if (!command) {
    console.error(`passerelle : commande inconnue « ${name} ». Voir « ${setup.invocation} --help ».`);
    return 2;
  }
  return command.run(rest);
}
