import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** End-to-end tests run against the built renderer; `npm test` builds it first. */
export default function setup(): void {
  const index = resolve(import.meta.dirname, '../../out/renderer/index.html');
  if (!existsSync(index)) throw new Error(`Renderer not built (${index} missing): run "npm run build" first, or "npm test" which does.`);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
}
