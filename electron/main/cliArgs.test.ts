import { describe, expect, it } from 'vitest';
import { cliArguments } from './cliArgs.ts';

describe('the executable as the command line', () => {
  it('takes what follows « cli » in the installed application', () => {
    expect(cliArguments(['/opt/Passerelle/passerelle', 'cli', 'hq', 'sites', '/srv/siege'], true)).toEqual(['hq', 'sites', '/srv/siege']);
    expect(cliArguments(['C:\\Users\\a\\AppData\\Local\\Programs\\Passerelle\\Passerelle.exe', 'cli', '--help'], true)).toEqual(['--help']);
    expect(cliArguments(['passerelle', 'cli'], true)).toEqual([]);
  });

  it('skips Chromium’s and Electron’s switches before the word', () => {
    expect(cliArguments(['passerelle', '--no-sandbox', 'cli', 'hq', '--help'], true)).toEqual(['hq', '--help']);
  });

  it('in a checkout (`electron . cli …`), reads after the app folder', () => {
    expect(cliArguments(['/repo/node_modules/electron/dist/electron', '.', 'cli', 'inspect', 'a.pslot'], false)).toEqual(['inspect', 'a.pslot']);
    expect(cliArguments(['/repo/node_modules/electron/dist/electron', '.'], false)).toBeUndefined();
  });

  it('opens the window otherwise', () => {
    expect(cliArguments(['passerelle'], true)).toBeUndefined();
    expect(cliArguments(['passerelle', '--no-sandbox'], true)).toBeUndefined();
    expect(cliArguments(['passerelle', 'hq', 'cli'], true)).toBeUndefined();
  });
});
