import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { communesPlugin } from './communesPlugin.ts';
import { importWorkerPlugin } from './importWorker.ts';
import { metaContentSecurityPolicy } from '../electron/node/csp.ts';

const root = resolve(import.meta.dirname, '..');
const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;

// One build for the three bundles. The renderer is built once and served by both hosts: Electron's
// app:// protocol and the web host read the same out/renderer folder.
export default defineConfig({
  // Main and preload bundle their dependencies (zod): the sandboxed preload cannot require() anything but
  // electron, and the packaged app then needs no node_modules at run time.
  main: {
    build: {
      externalizeDeps: false,
      outDir: resolve(root, 'out/main'),
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
    // The headquarters import's worker thread is built into index.js itself (build/importWorker.ts says why).
    plugins: [importWorkerPlugin(root)],
    // fflate's Node build declares its own `require` (createRequire), which collides with the one electron-vite's
    // CommonJS shim declares at the top of index.js: one module cannot hold both. Its plain ES build has the same
    // synchronous functions (the only ones used) and declares nothing.
    resolve: { alias: [{ find: /^fflate$/, replacement: resolve(root, 'node_modules/fflate/esm/browser.js') }] },
  },
  preload: {
    build: {
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      // Sandboxed preloads cannot load ES modules or other files: one CommonJS file.
      rollupOptions: { input: resolve(root, 'electron/preload/index.ts'), output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    publicDir: resolve(root, 'renderer/public'),
    plugins: [
      react(),
      communesPlugin(),
      // The built page carries its policy too (the dev server's inline scripts would not pass it).
      {
        name: 'passerelle-csp-meta',
        apply: 'build',
        transformIndexHtml: () => [
          { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() }, injectTo: 'head-prepend' },
        ],
      },
    ],
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
      // The CSP allows no data: fonts or scripts; keep every asset a file.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 4000,
    },
  },
});
