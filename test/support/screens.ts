import { configure, render } from '@testing-library/react';
import { Dexie } from 'dexie';
import { IDBFactory } from 'fake-indexeddb';
import { setLink } from '@codegouvfr/react-dsfr/link';
import { createElement } from 'react';
import { createMemoryRouter, Link, RouterProvider, type RouteObject } from 'react-router';
import { getIdentity } from '../../shared/repos/identity.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { RepoProvider } from '../../renderer/app/RepoProvider.tsx';

// Dexie runs live queries only when it found an IndexedDB when it loaded (a browser has one); happy-dom has
// none, and each test database brings its own fake one, so tell Dexie there is one.
Dexie.dependencies.indexedDB ??= new IDBFactory();

// Screens wait for IndexedDB queries: on a busy machine that can take more than the default second.
configure({ asyncUtilTimeout: 5000 });

// DSFR buttons and links navigate with the router's Link, as renderer/main.tsx sets up.
setLink({ Link: Link as Parameters<typeof setLink>[0]['Link'] });

/** A screen of the application at `path`, on the test database, as the router of the app would show it. */
export async function renderScreen(ctx: RepoContext, routes: RouteObject[], path: string) {
  const identity = (await getIdentity(ctx)) ?? null;
  const router = createMemoryRouter([{ path: '/', children: routes }], { initialEntries: [path] });
  const view = render(createElement(RepoProvider, { ctx, identity, children: createElement(RouterProvider, { router }) }));
  return { router, ...view };
}

/**
 * The DSFR script opens and closes modals (`window.dsfr(element).modal.disclose()`); happy-dom does not run
 * it, so this does what it does to the dialog: the `open` attribute and the events react-dsfr listens to.
 */
export function installDsfrModals(): () => void {
  const target = window as unknown as { dsfr?: unknown };
  target.dsfr = (element: HTMLElement) => ({
    modal: {
      disclose: () => {
        element.setAttribute('open', '');
        element.dispatchEvent(new Event('dsfr.disclose'));
      },
      conceal: () => {
        element.removeAttribute('open');
        element.dispatchEvent(new Event('dsfr.conceal'));
      },
    },
  });
  return () => {
    delete target.dsfr;
  };
}

/** happy-dom lays nothing out: give elements a height so virtualised tables render their rows. */
export function giveElementsASize(): () => void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  return () => {
    Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
    Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
  };
}

/** The message a field shows, read through its own `aria-describedby`, as assistive technologies do. */
export function fieldMessage(field: HTMLElement): string | null {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  const texts = ids.map((id) => document.getElementById(id)?.textContent).filter(Boolean);
  return texts.length > 0 ? texts.join(' ') : null;
}
