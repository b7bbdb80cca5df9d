import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticPath } from './static-files';

const ROOT = resolve('/srv/ui');

describe('resolveStaticPath', () => {
  it('maps / and /index.html to the page, and assets under the root', () => {
    expect(resolveStaticPath(ROOT, '/')).toEqual({
      kind: 'file',
      path: join(ROOT, 'index.html'),
      isIndex: true,
    });
    expect(resolveStaticPath(ROOT, '/index.html?x=1#top')).toMatchObject({ isIndex: true });
    expect(resolveStaticPath(ROOT, '/assets/a%20b.js')).toEqual({
      kind: 'file',
      path: join(ROOT, 'assets', 'a b.js'),
      isIndex: false,
    });
  });

  it.each(['/../etc/passwd', '/%2e%2e/x', '/a/%2E%2E/%2e%2e/x', '/..%2fx', '/assets/..'])(
    '%s is refused with 403',
    (target) => {
      expect(resolveStaticPath(ROOT, target)).toMatchObject({ kind: 'refused', status: 403 });
    },
  );

  it.each(['/%', '/a%zz', '/x%00.js', '/..%5cx', 'x.js', '*'])(
    '%s is refused with 400',
    (target) => {
      expect(resolveStaticPath(ROOT, target)).toMatchObject({ kind: 'refused', status: 400 });
    },
  );

  it('a double-encoded dot stays a literal name inside the root', () => {
    expect(resolveStaticPath(ROOT, '/%252e%252e/x')).toEqual({
      kind: 'file',
      path: join(ROOT, '%2e%2e', 'x'),
      isIndex: false,
    });
  });
});

describe('contentTypeOf', () => {
  it('knows the build’s file types and falls back to bytes', () => {
    expect(contentTypeOf('/a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('x.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('x.bin')).toBe('application/octet-stream');
  });
});
