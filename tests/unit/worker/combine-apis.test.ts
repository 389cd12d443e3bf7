import { describe, expect, it } from 'vitest';
import { combineApis } from '../../../workers/combine-apis';

describe('combineApis', () => {
  it('joins the domains into one flat object whose functions answer as registered', () => {
    const api = combineApis({ a: { one: () => 1, two: (n: number) => n * 2 }, b: { three: async () => 3 } });
    expect(Object.keys(api).sort()).toEqual(['one', 'three', 'two']);
    expect(api.one()).toBe(1);
    expect(api.two(21)).toBe(42);
  });

  it('refuses a name registered by two domains, naming both (a spread would let the second win silently)', () => {
    expect(() => combineApis({ figures: { snapshot: () => 1 }, sharing: { snapshot: () => 2 } })).toThrow(/"snapshot" is registered by both the figures and the sharing domain/);
  });

  it('is not fooled by prototype names', () => {
    const api = combineApis({ a: { toString: () => 'mine' }, b: { constructor: () => 'also mine' } });
    expect(api.toString()).toBe('mine');
    expect(() => combineApis({ a: { hasOwnProperty: () => 1 }, b: { hasOwnProperty: () => 2 } })).toThrow(/registered by both/);
  });
});
