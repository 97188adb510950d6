import { describe, expect, it } from 'vitest';
import { createWindowOptions, SPELLCHECK_LANGUAGES, spellchecks, WINDOW_TITLE } from './window.ts';

describe('window options', () => {
  const options = createWindowOptions('/opt/passerelle/out/preload/index.cjs', 'win32');
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the page, with no Node and web security on', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('loads the given preload and spell-checks in French', () => {
    expect(prefs.preload).toBe('/opt/passerelle/out/preload/index.cjs');
    expect(prefs.spellcheck).toBe(true);
    expect(SPELLCHECK_LANGUAGES).toEqual(['fr']);
  });

  it('spell-checks with the system on Windows and macOS, never on Linux, where Chromium would download dictionaries', () => {
    expect(spellchecks('win32') && spellchecks('darwin')).toBe(true);
    expect(spellchecks('linux')).toBe(false);
    expect(createWindowOptions('/p', 'linux').webPreferences?.spellcheck).toBe(false);
  });

  it('stays hidden until ready, with a title and a usable minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('Passerelle');
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? 0);
  });
});
