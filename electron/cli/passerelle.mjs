#!/usr/bin/env node
// Launcher of the `passerelle` command line. Plain JavaScript so that it runs before anything else and can
// say clearly when Node.js is too old; the commands themselves are TypeScript that Node 24 runs directly.
import { nodeVersionProblem } from './nodeVersion.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(2);
}
// Node 24 strips TypeScript types without a flag; silence its one-line notice about the feature.
process.removeAllListeners('warning');
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
