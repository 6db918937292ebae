import { describe, expect, it } from 'vitest';
import { lfLineStarts, lineStartsOf } from './line-index';

describe('lineStartsOf', () => {
  it('counts LF, CRLF and a lone CR', () => {
    expect(Array.from(lineStartsOf('a\nb\r\nc\rd'))).toEqual([0, 2, 5, 7]);
  });

  it("takes the caller's LF count where the text has no CR, and counts again where it has one", () => {
    const text = 'a\nbb\n';
    const lf = lfLineStarts(text);
    expect(lineStartsOf(text, lf)).toBe(lf);
    const withCr = 'a\rb\nc';
    expect(Array.from(lineStartsOf(withCr, lfLineStarts(withCr)))).toEqual([0, 2, 4]);
  });
});
