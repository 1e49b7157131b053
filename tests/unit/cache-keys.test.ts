// Pure pieces of the cache and the HTTP layer: glob patterns (the L1 side of pattern
// invalidation), tag and pattern validation, and If-None-Match matching.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertPattern, assertTag, globToRegExp, hashId } from '../../server/cache/keys';
import { etagOf, jsonWithEtag, matchesEtag } from '../../server/http/response-optimisation';

describe('glob patterns', () => {
  it('* matches any run, ? one character, everything else only itself', () => {
    expect(globToRegExp('fir:record:*').test('fir:record:abc')).toBe(true);
    expect(globToRegExp('fir:record:*').test('fir:recordx:abc')).toBe(false);
    expect(globToRegExp('kb:query:a?c').test('kb:query:abc')).toBe(true);
    expect(globToRegExp('kb:query:a?c').test('kb:query:ac')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('a+b').test('a+b')).toBe(true);
  });

  it('a pattern without wildcards matches exactly itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.@=+:-]{1,40}$/), fc.stringMatching(/^[A-Za-z0-9_.@=+:-]{1,40}$/), (p, k) => {
        expect(globToRegExp(p).test(k)).toBe(p === k);
      }),
    );
  });

  it('refuses what Redis and the regular expression would read differently', () => {
    expect(() => assertPattern('fir:[ab]')).toThrow(/wildcards/);
    expect(() => assertPattern('fir:a\\*')).toThrow();
    expect(() => assertPattern('fir:record:*')).not.toThrow();
    expect(() => assertTag('Firs')).toThrow();
    expect(() => assertTag('station:12')).not.toThrow();
  });

  it('hashId is stable and tells different inputs apart', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.string(), fc.integer(), (a, b, c, d) => {
        expect(hashId(a, b)).toBe(hashId(a, b));
        expect(hashId(a, b) === hashId(c, d)).toBe(a === c && b === d);
        expect(hashId(a, b)).toMatch(/^[A-Za-z0-9_-]{22}$/);
      }),
    );
  });
});

describe('If-None-Match', () => {
  it('matches the ETag in any of its forms, in a list, or *', () => {
    const tag = etagOf('{"a":1}');
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(matchesEtag(tag, tag)).toBe(true);
    expect(matchesEtag(tag.slice(2), tag)).toBe(true);
    expect(matchesEtag(`"x", ${tag}`, tag)).toBe(true);
    expect(matchesEtag('*', tag)).toBe(true);
    expect(matchesEtag(etagOf('{"a":2}'), tag)).toBe(false);
    expect(matchesEtag(undefined, tag)).toBe(false);
  });
});

describe('jsonWithEtag', () => {
  it('gives the JSON text of any object and the ETag of exactly that text, the same for the same object', () => {
    fc.assert(
      fc.property(fc.object(), (value) => {
        const made = jsonWithEtag(value);
        expect(made.body).toBe(JSON.stringify(value));
        expect(made.etag).toBe(etagOf(made.body));
        expect(jsonWithEtag(value)).toBe(made);
      }),
    );
  });

  it('makes a new body for a different object with other content', () => {
    expect(jsonWithEtag({ a: 1 }).etag).not.toBe(jsonWithEtag({ a: 2 }).etag);
  });
});
