import { join } from 'node:path';

export interface MainPaths {
  preloadPath: string;
  rendererRoot: string;
}

/**
 * Where main finds the other bundles, from `out/` (the folder above out/main/index.js). Packaged, `out/` lies
 * inside app.asar, which Electron reads itself; nothing is unpacked beside it (electron-builder.yml).
 */
export function mainPaths(out: string): MainPaths {
  return {
    preloadPath: join(out, 'preload', 'index.cjs'),
    rendererRoot: join(out, 'renderer'),
  };
}

/**
 * A worker thread started from code held in memory rather than from a file: the import worker's code is part of
 * main's own bundle, inside the integrity-checked archive (build/importWorker.ts), and no file a user can
 * replace is ever loaded into the thread that receives headquarters' keys.
 */
export function inlineWorkerUrl(source: string): URL {
  return new URL(`data:text/javascript;base64,${Buffer.from(source, 'utf8').toString('base64')}`);
}
