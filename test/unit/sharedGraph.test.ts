import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sharedFloors } from '../../eslint.config.js';

// The import graph of shared/ (tests aside: they may reach any floor to set up what they check), type-only
// imports included: a circle of types is still a circle for whoever reads or moves the files.
const shared = join(import.meta.dirname, '..', '..', 'shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each file of shared/ (relative to it) and the files of shared/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(shared)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.filter((i) => i.fileName.startsWith('.')).map((i) => relative(shared, resolve(dirname(file), i.fileName)));
    graph.set(relative(shared, file), targets);
  }
  return graph;
}

/** One circle of the graph (its files in import order, the first repeated at the end), or undefined. */
function findCircle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file];
    if (done.has(file)) return undefined;
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      const circle = visit(target);
      if (circle) return circle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const circle = visit(file);
    if (circle) return circle;
  }
  return undefined;
}

/** The floor a file of shared/ sits on: the index in `sharedFloors` of its folder, or of itself at the root. */
function floorOf(file: string): number {
  const member = file.split('/')[0]!;
  return sharedFloors.findIndex((floor) => floor.members.includes(member));
}

describe('shared/ import graph', () => {
  it('places every folder and file at the root of shared/ on one floor, and each floor names what exists', () => {
    const onDisk = readdirSync(shared, { withFileTypes: true })
      .filter((e) => e.isDirectory() || (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')))
      .map((e) => e.name);
    const members = sharedFloors.flatMap((floor) => floor.members);
    expect([...members].sort()).toEqual([...onDisk].sort());
    expect(new Set(members).size).toBe(members.length);
  });

  it('has no import going up a floor', () => {
    const upwards = [...importGraph()].flatMap(([file, targets]) => targets.filter((t) => floorOf(t) > floorOf(file)).map((t) => `${file} → ${t}`));
    expect(upwards).toEqual([]);
  });

  it('has no files importing each other in a circle', () => {
    expect(findCircle(importGraph())?.join(' → ')).toBeUndefined();
  });

  it('finds a circle however long, and none where the arrows only go down', () => {
    const circle = new Map([
      ['schemas/measure.ts', ['rules/ordered.ts']],
      ['rules/ordered.ts', ['schemas/labels.ts']],
      ['schemas/labels.ts', ['schemas/entities.ts']],
      ['schemas/entities.ts', ['schemas/measure.ts']],
    ]);
    expect(findCircle(circle)).toEqual(['schemas/measure.ts', 'rules/ordered.ts', 'schemas/labels.ts', 'schemas/entities.ts', 'schemas/measure.ts']);
    const tree = new Map([
      ['repos/writer.ts', ['db/database.ts', 'db/hlc.ts']],
      ['db/database.ts', ['db/versions.ts', 'db/rows.ts']],
      ['db/versions.ts', ['db/upgrades.ts']],
      ['db/upgrades.ts', ['db/rows.ts']],
    ]);
    expect(findCircle(tree)).toBeUndefined();
  });
});
