import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mimeTypeOf, resolveStaticPath } from './staticFiles.ts';

describe('static file resolution', () => {
  const root = join('/srv', 'renderer');

  it('serves index.html for the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
  });

  it('resolves files under the root', () => {
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveStaticPath(root, '/dsfr/dsfr.min.css')).toBe(join(root, 'dsfr', 'dsfr.min.css'));
  });

  it('refuses to leave the root', () => {
    expect(resolveStaticPath(root, '/../secret.txt')).toBeNull();
    expect(resolveStaticPath(root, '/assets/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/..%5c..%5cwindows')).toBeNull();
    expect(resolveStaticPath(root, '/a%00b')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('knows the types the renderer ships', () => {
    expect(mimeTypeOf('x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});
