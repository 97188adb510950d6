import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SyncError } from '../../shared/errors.ts';
import { osReason } from '../node/osErrors.ts';

export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

/** A mistake in how the command was typed: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse options and positional arguments, turning node:util's English errors into a French usage error. */
export function parseCommandLine<O extends Options>(
  args: string[],
  options: O,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`option inconnue : ${/'([^']+)'/.exec((error as Error).message)?.[1] ?? ''}`.trim());
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(`valeur manquante ou invalide pour une option (${(error as Error).message.split('\n')[0]})`);
    throw new UsageError((error as Error).message);
  }
}

export function requireString(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`l’option --${name} est obligatoire`);
  return value;
}

export function positiveInt(values: Record<string, string | boolean | undefined>, name: string, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} : nombre entier positif attendu`);
  return n;
}

/**
 * Run a command body, printing failures in French: a usage error (exit 2, with the usage), a sync error (exit 1,
 * its message), anything else (exit 1) as the operating system's or SQLite's error said in French where it is
 * one a user can meet (`osReason`), else in its own words.
 */
export async function runCommand(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`passerelle : ${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof SyncError) {
      console.error(`passerelle : ${error.message}`);
      return 1;
    }
    console.error(`passerelle : ${osReason(error)}`);
    return 1;
  }
}
