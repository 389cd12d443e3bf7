/**
 * A small seeded pseudo-random generator, so the sample shop is the same file every time for the same seed.
 * Math.random cannot be seeded; this can, and 32 bits of state are plenty for a few thousand customers.
 */

/** A source of uniform numbers in [0, 1). */
export type UniformSource = () => number;

/**
 * Scramble a user seed (often a small integer like 1, 2, 3) into a well-mixed 32-bit state, so neighbouring seeds
 * give unrelated streams. The multipliers are the usual 32-bit avalanche constants (a "murmur3-style finaliser").
 */
export function mixSeed(seed: number): number {
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Mulberry32: one 32-bit state advanced by a Weyl step (+0x6D2B79F5) and scrambled by two multiply-xorshift
 * rounds. Returns uniform numbers in [0, 1) with 32 bits of resolution.
 */
export function mulberry32(seed: number): UniformSource {
  let state = mixSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}
