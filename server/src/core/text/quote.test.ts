import { describe, expect, it } from 'vitest';
import { quote } from './quote.js';

describe('quote', () => {
  it('quotes short text as it is', () => {
    expect(quote('sales.The')).toBe("'sales.The'");
    expect(quote('x'.repeat(60))).toBe(`'${'x'.repeat(60)}'`);
  });
  it('shows the two ends of long text, and its length after the quote', () => {
    const s = 'a'.repeat(30) + 'b'.repeat(60_000) + 'c'.repeat(30);
    const q = quote(s);
    expect(q).toBe(`'${'a'.repeat(29)}…${'c'.repeat(29)}' (60,060 characters)`);
    expect(q.length).toBeLessThan(90);
  });
});
