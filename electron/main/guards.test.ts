import { describe, expect, it } from 'vitest';
import { FakeSession, FakeWebContents, navigation } from '../../test/support/fakeElectron.ts';
import { denyAllPermissions, guardWebContents, isExternalUrlAllowed, isSenderAllowed, openExternalIfAllowed } from './guards.ts';

function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  guardWebContents(contents, async (url) => {
    opened.push(url);
  });
  return { contents, opened };
}

describe('external URL filter', () => {
  it('lets https and mailto out', () => {
    expect(isExternalUrlAllowed('https://www.justice.gouv.fr/')).toBe(true);
    expect(isExternalUrlAllowed('mailto:tig@justice.fr?subject=Poste')).toBe(true);
  });

  it('refuses every other scheme and garbage', () => {
    for (const url of [
      'http://example.org/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://passerelle/',
      'data:text/html,x',
      'smb://serveur/partage',
      'ms-settings:',
      'not a url',
      '',
    ]) {
      expect(isExternalUrlAllowed(url), url).toBe(false);
    }
  });

  it('hands only allowed URLs to the system', async () => {
    const opened: string[] = [];
    const open = async (url: string) => {
      opened.push(url);
    };
    expect(openExternalIfAllowed(open, 'javascript:alert(1)')).toBe(false);
    expect(openExternalIfAllowed(open, 'https://www.service-public.fr/')).toBe(true);
    expect(opened).toEqual(['https://www.service-public.fr/']);
  });
});

describe('navigation guards', () => {
  it('lets the page move within app://passerelle', () => {
    const { contents, opened } = guarded();
    const event = navigation('app://passerelle/index.html#/personnes');
    contents.emit('will-frame-navigate', event);
    expect(event.prevented).toBe(false);
    expect(opened).toEqual([]);
  });

  it('stops navigation and redirects anywhere else', () => {
    const { contents } = guarded();
    for (const name of ['will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://example.org/', 'http://example.org/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)']) {
        const event = navigation(url);
        contents.emit(name, event);
        expect(event.prevented, `${name} ${url}`).toBe(true);
      }
    }
  });

  it('opens a main-frame https or mailto link in the system, never a sub-frame one or another scheme', () => {
    const { contents, opened } = guarded();
    contents.emit('will-frame-navigate', navigation('https://www.justice.gouv.fr/'));
    contents.emit('will-frame-navigate', navigation('mailto:spip54@justice.fr'));
    contents.emit('will-frame-navigate', navigation('https://tracker.example/', false));
    contents.emit('will-frame-navigate', navigation('http://example.org/'));
    contents.emit('will-frame-navigate', navigation('file:///C:/Windows/System32/calc.exe'));
    expect(opened).toEqual(['https://www.justice.gouv.fr/', 'mailto:spip54@justice.fr']);
  });

  it('denies every new window, handing only https and mailto to the system', () => {
    const { contents, opened } = guarded();
    const handler = contents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler installed');
    for (const url of [
      'https://www.justice.gouv.fr/',
      'mailto:a@b.fr',
      'app://passerelle/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://example.org/',
      'about:blank',
    ]) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.justice.gouv.fr/', 'mailto:a@b.fr']);
  });

  it('never attaches a webview', () => {
    const { contents } = guarded();
    const event = navigation('app://passerelle/');
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.org/' });
    expect(event.prevented).toBe(true);
  });
});

describe('permissions', () => {
  it('refuses every request, check and device', () => {
    const session = new FakeSession();
    denyAllPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      session.requestHandler?.({}, permission, (granted) => answers.push(granted));
      answers.push(session.checkHandler?.({}, permission) ?? true);
    }
    answers.push(session.deviceHandler?.({ deviceType: 'usb' }) ?? true);
    expect(answers).toHaveLength(13);
    expect(answers.every((granted) => granted === false)).toBe(true);
  });
});

describe('IPC sender check', () => {
  it('accepts frames showing the app', () => {
    expect(isSenderAllowed({ url: 'app://passerelle/' })).toBe(true);
    expect(isSenderAllowed({ url: 'app://passerelle/index.html#/synchronisation' })).toBe(true);
  });

  it('refuses gone, foreign or look-alike frames', () => {
    expect(isSenderAllowed(null)).toBe(false);
    expect(isSenderAllowed(undefined)).toBe(false);
    for (const url of [
      'https://example.org/',
      'file:///opt/passerelle/out/renderer/index.html',
      'app://passerelle.evil/',
      'app://evil/',
      'app://passerelle@evil/',
      'about:blank',
      'http://127.0.0.1:4180/',
      '',
    ]) {
      expect(isSenderAllowed({ url }), url).toBe(false);
    }
  });
});
