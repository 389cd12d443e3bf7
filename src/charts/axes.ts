/** Axis ticks from D3 scales as plain data, so charts render them as Svelte markup. */
import type { ScaleLinear, ScaleLogarithmic } from 'd3';

export interface Tick {
  value: number;
  position: number;
  label: string;
}

export function ticksOf(scale: ScaleLinear<number, number> | ScaleLogarithmic<number, number>, count: number, format: (v: number) => string): Tick[] {
  return scale.ticks(count).map((value) => ({ value, position: scale(value), label: format(value) }));
}

/** Okabe–Ito: eight colours that stay distinct for the common kinds of colour blindness. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/**
 * The next data point for a key press in a chart explored by keyboard: arrows step, Home and End jump; null when
 * the key is not for the chart.
 */
export function stepIndex(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  if (key === 'ArrowRight' || key === 'ArrowUp') return Math.min(count - 1, index + 1);
  if (key === 'ArrowLeft' || key === 'ArrowDown') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
