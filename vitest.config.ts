import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { communesPlugin } from './build/communesPlugin.ts';

const version = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Three projects: pure logic under Node (shared/, electron/, renderer logic), React components in happy-dom,
// and end-to-end specs driving Debian's Chromium against the web host (slow, so one file at a time).
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Demo data and property tests take seconds, and tens of seconds when other work shares the 2 cores; the
          // timeout only catches a hang, a rule test never waits on time.
          testTimeout: 60_000,
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        // Screens with a commune field import the official list, and the shell its version, as the renderer
        // build does.
        plugins: [communesPlugin()],
        define: { __APP_VERSION__: JSON.stringify(version) },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          testTimeout: 30_000,
          include: ['renderer/**/*.test.tsx'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          // A browser, two web hosts and a bundle round trip take a minute when the 2 cores are shared.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
