/** The word that turns the application's executable into its command line: `passerelle cli hq sites DIR`. */
export const CLI_WORD = 'cli';

/**
 * The command-line arguments when the application was started as its command line, else undefined (a window
 * opens). The user's arguments follow the executable (packaged) or `electron <app folder>` (a checkout);
 * switches before the word are Chromium's or Electron's (`--no-sandbox`), so the first plain argument decides.
 */
export function cliArguments(argv: readonly string[], packaged: boolean): string[] | undefined {
  const args = argv.slice(packaged ? 1 : 2);
  const first = args.findIndex((arg) => !arg.startsWith('-'));
  return first >= 0 && args[first] === CLI_WORD ? args.slice(first + 1) : undefined;
}
