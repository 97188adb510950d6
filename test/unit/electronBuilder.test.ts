import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
// electron-builder validates with ajv too (strict: false for its schema's extra keywords), but also coerces
// types; this check does not, so a value is right only if it has the type the schema names.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  directories: Record<string, unknown>;
  nsis: Record<string, unknown>;
  linux: Record<string, unknown>;
  electronFuses: Record<string, unknown>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it("matches electron-builder's configuration schema", () => {
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('is checked by a schema that refuses unknown or mistyped options', () => {
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } })).toBe(false);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'non' } })).toBe(false);
  });

  it('names and packs the app', () => {
    expect(config.appId).toBe('fr.justice.atigip.passerelle');
    expect(config.productName).toBe('Passerelle');
    expect(config.directories.output).toBe('release');
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.asar).toBe(true);
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });

  it('keeps every file under the archive’s integrity check: nothing unpacked (the import worker, which gets headquarters’ keys, is embedded in main)', () => {
    expect(config).not.toHaveProperty('asarUnpack');
    expect(config).not.toHaveProperty('extraResources');
    expect(config).not.toHaveProperty('extraFiles');
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('installs per user on Windows, in French, keeping the data on uninstall', () => {
    expect(config.win).toMatchObject({ target: 'nsis' });
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      language: '1036',
      installerLanguages: ['fr_FR'],
      deleteAppDataOnUninstall: false,
    });
  });

  it('ships an AppImage and a deb on Linux', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('ships the command line inside the app: its executable, named as the README says, runs it from the main bundle', () => {
    // `passerelle cli …` on Linux (the deb links /usr/bin/passerelle to /opt/Passerelle/passerelle), `Passerelle.exe cli …`
    // on Windows: the same binary, whose main process (out/main/index.js, in `files`) dispatches to electron/cli/installed.ts.
    expect(config.linux.executableName).toBe('passerelle');
    expect(config.productName).toBe('Passerelle');
    expect(config.files).toContain('out/**');
    const builderConfig = readFileSync(join(root, 'build', 'electron.vite.config.ts'), 'utf8');
    expect(builderConfig).toContain("index: resolve(root, 'electron/main/index.ts')");
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('passerelle cli hq sites');
    expect(readme).toContain('\\Programs\\Passerelle\\Passerelle.exe" cli');
    // The fuses keep the executable from being a plain Node: the command line is the app's own code, not a script beside it.
    expect(config.electronFuses.runAsNode).toBe(false);
  });

  it('has a square PNG icon of at least 512 pixels', () => {
    const png = readFileSync(join(root, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    expect(width).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBe(width);
  });
});
