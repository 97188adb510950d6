import { readFileSync } from 'node:fs';
import { join, posix, relative, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mainPaths, unpackedPath } from './paths.ts';

const root = join(import.meta.dirname, '..', '..');
const asarUnpack = (parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { asarUnpack: string[] }).asarUnpack;

describe('main: paths of the other bundles', () => {
  it('loads the import worker from app.asar.unpacked in the packaged app', () => {
    const out = posix.join('/opt/Passerelle/resources/app.asar', 'out');
    expect(mainPaths(out)).toEqual({
      preloadPath: '/opt/Passerelle/resources/app.asar/out/preload/index.cjs',
      rendererRoot: '/opt/Passerelle/resources/app.asar/out/renderer',
      importWorkerPath: '/opt/Passerelle/resources/app.asar.unpacked/out/main/importWorker.js',
    });
  });

  it('loads it from the unpacked folder that electron-builder.yml keeps outside the archive', () => {
    const worker = mainPaths('/opt/Passerelle/resources/app.asar/out').importWorkerPath;
    const inApp = relative('/opt/Passerelle/resources/app.asar.unpacked', worker);
    expect(asarUnpack).toContain(inApp);
    expect(asarUnpack).toContain('out/main/chunks/**');
  });

  it('handles Windows paths', () => {
    const worker = win32.join('C:\\Users\\agent\\AppData\\Local\\Programs\\Passerelle\\resources\\app.asar', 'out', 'main', 'importWorker.js');
    expect(unpackedPath(worker)).toBe('C:\\Users\\agent\\AppData\\Local\\Programs\\Passerelle\\resources\\app.asar.unpacked\\out\\main\\importWorker.js');
  });

  it('leaves the paths of an unpackaged run (out/ of a clone) and already unpacked paths as they are', () => {
    expect(mainPaths('/home/agent/passerelle/out').importWorkerPath).toBe('/home/agent/passerelle/out/main/importWorker.js');
    expect(unpackedPath('/opt/Passerelle/resources/app.asar.unpacked/out/main/importWorker.js')).toBe(
      '/opt/Passerelle/resources/app.asar.unpacked/out/main/importWorker.js',
    );
    expect(unpackedPath('/home/agent/app.asarx/out/main/importWorker.js')).toBe('/home/agent/app.asarx/out/main/importWorker.js');
  });
});
