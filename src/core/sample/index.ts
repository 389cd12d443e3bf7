/**
 * The sample shop: a deterministic synthetic orders file for first-time visitors and demos.
 */
export { generateSampleShop, SAMPLE_HEADER, type SampleCurrency, type SampleShopOptions } from './shop';
export { mulberry32, mixSeed, type UniformSource } from './prng';
export { Random } from './distributions';
