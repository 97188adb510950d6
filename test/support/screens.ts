/**
 * Helpers for the component tests of whole screens, next to renderApp.ts (which renders a feature's routes):
 * what happy-dom lacks for DSFR modals and virtualised tables, and a field's message as assistive
 * technologies read it.
 */

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
