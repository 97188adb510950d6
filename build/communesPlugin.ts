import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const ID = 'virtual:communes';
const RESOLVED = `\0${ID}`;

/**
 * `import communes from 'virtual:communes'`: the official list of current communes (INSEE, via
 * @etalab/decoupage-administratif) reduced at build time to [code, name, département, postal code]
 * (1.3 MB instead of 8.6 MB), loaded by the renderer only when a commune field is used.
 */
export function communesPlugin(): Plugin {
  return {
    name: 'passerelle-communes',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const require = createRequire(import.meta.url);
      const path = require.resolve('@etalab/decoupage-administratif/data/communes.json');
      const all = JSON.parse(readFileSync(path, 'utf8')) as { code: string; nom: string; departement: string; type: string; codesPostaux?: string[] }[];
      const compact = all.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c.nom, c.departement, c.codesPostaux?.[0] ?? '']);
      return `export default ${JSON.stringify(compact)};`;
    },
  };
}
