import { join } from 'node:path';

export interface MainPaths {
  preloadPath: string;
  rendererRoot: string;
  importWorkerPath: string;
}

/**
 * Where main finds the other bundles, from `out/` (the folder above out/main/index.js). Packaged, `out/` lies
 * inside app.asar, but Node loads a worker thread's script and its chunks from the real file system: the
 * worker is read from app.asar.unpacked, where electron-builder.yml's asarUnpack puts it. The preload and the
 * renderer stay inside app.asar, which Electron reads itself.
 */
export function mainPaths(out: string): MainPaths {
  return {
    preloadPath: join(out, 'preload', 'index.cjs'),
    rendererRoot: join(out, 'renderer'),
    importWorkerPath: unpackedPath(join(out, 'main', 'importWorker.js')),
  };
}

/** The same file outside the archive: the `app.asar` folder of the path becomes `app.asar.unpacked`. */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}
