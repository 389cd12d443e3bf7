import { describe, expect, it } from 'vitest';
import { nothingStored } from '../../../src/state/first-visit';

describe('nothingStored (a first visit, told without the worker)', () => {
  it('is true only when the database is not among the listed ones', async () => {
    expect(await nothingStored('clv-studio', { databases: async () => [] })).toBe(true);
    expect(await nothingStored('clv-studio', { databases: async () => [{ name: 'other-app' }] })).toBe(true);
    expect(await nothingStored('clv-studio', { databases: async () => [{ name: 'other-app' }, { name: 'clv-studio' }] })).toBe(false);
  });

  it('is "not known" (false) without the listing, when it fails, answers nonsense or is slow', async () => {
    expect(await nothingStored('clv-studio', undefined)).toBe(false);
    expect(await nothingStored('clv-studio', {})).toBe(false);
    expect(await nothingStored('clv-studio', { databases: () => Promise.reject(new Error('SecurityError')) })).toBe(false);
    expect(await nothingStored('clv-studio', { databases: async () => null as unknown as [] })).toBe(false);
    const slow = { databases: () => new Promise<{ name: string }[]>((done) => setTimeout(() => done([]), 200)) };
    expect(await nothingStored('clv-studio', slow, 20)).toBe(false);
    expect(await nothingStored('clv-studio', slow, 1000)).toBe(true);
  });
});
