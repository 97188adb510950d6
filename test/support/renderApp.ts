import { render } from '@testing-library/react';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import type { RepoContext } from '../../shared/repos/context.ts';
import { getIdentity } from '../../shared/repos/identity.ts';
import { RepoProvider } from '../../renderer/app/RepoProvider.tsx';

// Dexie runs live queries only where it found an IndexedDB when it loaded, and happy-dom has none: give it
// one (each test database still opens its own, see memoryDb.ts).
if (!Dexie.dependencies.indexedDB) {
  Dexie.dependencies.indexedDB = new IDBFactory();
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
}

/**
 * A feature's routes rendered at `path` on a test context, as the application shell would (hash routing
 * aside): the repository context, the site's identity and a router whose location the test can read.
 */
export async function renderRoutes(ctx: RepoContext, routes: RouteObject[], path: string) {
  const identity = (await getIdentity(ctx)) ?? null;
  const router = createMemoryRouter([{ path: '/', children: [...routes, { path: '*', element: createElement('p', null, 'Autre écran') }] }], { initialEntries: [path] });
  const view = render(createElement(RepoProvider, { ctx, identity }, createElement(RouterProvider, { router })));
  return { ...view, router };
}
