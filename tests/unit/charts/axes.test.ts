import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3';
import { stepIndex, ticksOf } from '../../../src/charts/axes';

describe('chart axes and keyboard steps', () => {
  it('turns a scale into labelled tick positions', () => {
    const ticks = ticksOf(scaleLinear().domain([0, 1]).range([0, 100]), 2, (v) => `${v * 100}%`);
    expect(ticks).toEqual([
      { value: 0, position: 0, label: '0%' },
      { value: 0.5, position: 50, label: '50%' },
      { value: 1, position: 100, label: '100%' },
    ]);
  });

  it('steps through data points with arrows, jumps with Home/End, stays in range, ignores other keys', () => {
    expect(stepIndex('ArrowRight', 0, 5)).toBe(1);
    expect(stepIndex('ArrowUp', 4, 5)).toBe(4);
    expect(stepIndex('ArrowLeft', 0, 5)).toBe(0);
    expect(stepIndex('ArrowDown', 3, 5)).toBe(2);
    expect(stepIndex('Home', 3, 5)).toBe(0);
    expect(stepIndex('End', 0, 5)).toBe(4);
    expect(stepIndex('ArrowRight', -1, 5)).toBe(0);
    expect(stepIndex('a', 2, 5)).toBeNull();
    expect(stepIndex('End', 0, 0)).toBeNull();
  });
});
