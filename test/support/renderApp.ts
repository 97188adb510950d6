import { configure, render } from '@testing-library/react';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createElement, type ReactNode } from 'react';
import { setLink, type RegisteredLinkProps } from '@codegouvfr/react-dsfr/link';
import { createMemoryRouter, Link, RouterProvider, type RouteObject } from 'react-router';
import type { RepoContext } from '../../shared/repos/context.ts';
import { getIdentity } from '../../shared/repos/identity.ts';
import { RepoProvider } from '../../renderer/app/index.ts';

// Dexie runs live queries only where it found an IndexedDB when it loaded, and happy-dom has none: give it
// one (each test database still opens its own, see memoryDb.ts).
if (!Dexie.dependencies.indexedDB) {
  Dexie.dependencies.indexedDB = new IDBFactory();
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
}

// happy-dom lacks two standard properties react-hook-form reads to tell an untouched <select> (without them
// it takes the form's default values for edits and leaves the list on its first option): here they are, as
// the HTML standard defines them.
if (!('size' in HTMLSelectElement.prototype)) {
  Object.defineProperty(HTMLSelectElement.prototype, 'size', {
    configurable: true,
    get(this: HTMLSelectElement) {
      return Number(this.getAttribute('size') ?? 0);
    },
  });
}
if (!('defaultSelected' in HTMLOptionElement.prototype)) {
  Object.defineProperty(HTMLOptionElement.prototype, 'defaultSelected', {
    configurable: true,
    get(this: HTMLOptionElement) {
      return this.hasAttribute('selected');
    },
    set(this: HTMLOptionElement, value: boolean) {
      this.toggleAttribute('selected', value);
    },
  });
}

// Screens wait for IndexedDB queries: on a busy machine that can take more than the default second.
configure({ asyncUtilTimeout: 5000 });

// DSFR buttons and links navigate through the router's Link, as renderer/main.tsx registers it.
function RouterLink(props: RegisteredLinkProps & { children: ReactNode }) {
  return 'to' in props ? createElement(Link, props) : createElement('a', props);
}
setLink({ Link: RouterLink });

/**
 * A feature's routes rendered at `path` on a test context, as the application shell would (hash routing
 * aside): the repository context, the site's identity and a router whose location the test can read.
 */
export async function renderRoutes(ctx: RepoContext, routes: RouteObject[], path: string) {
  // A screen opens as in a new session: no list remembers the filters an earlier test left (tableMemory.ts).
  sessionStorage.clear();
  const identity = (await getIdentity(ctx)) ?? null;
  const router = createMemoryRouter([{ path: '/', children: [...routes, { path: '*', element: createElement('p', null, 'Autre écran') }] }], {
    initialEntries: [path],
  });
  const view = render(createElement(RepoProvider, { ctx, identity, children: createElement(RouterProvider, { router }) }));
  return { ...view, router };
}
