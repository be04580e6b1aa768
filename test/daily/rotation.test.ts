import { describe, expect, it } from 'vitest';
import { nextUnitId, rotationState } from '../../src/daily/rotation.ts';

/** Posts `count` times, feeding each pick back into the history, as the scheduler does. */
function run(unitIds: readonly string[], count: number, history: string[] = []): string[] {
  for (let i = 0; i < count; i++) history.push(nextUnitId(unitIds, history) as string);
  return history;
}

describe('nextUnitId', () => {
  const units = ['a', 'b', 'c', 'd', 'e'];

  it('walks every unit in reading order before repeating any', () => {
    expect(run(units, 12)).toEqual(['a', 'b', 'c', 'd', 'e', 'a', 'b', 'c', 'd', 'e', 'a', 'b']);
  });

  it('covers every unit of the real size before any repeat', () => {
    const many = Array.from({ length: 23 }, (_, i) => `u${i}`);
    const history = run(many, 23);
    expect(new Set(history).size).toBe(23);
    expect(run(many, 1, history).at(-1)).toBe('u0');
  });

  it('returns undefined without units', () => {
    expect(nextUnitId([], ['a'])).toBeUndefined();
  });

  it('includes a unit added ahead of the reader in the current cycle', () => {
    const history = run(units, 2); // a, b
    const grown = ['a', 'b', 'c', 'c2', 'd', 'e'];
    expect(run(grown, 5, history).slice(2)).toEqual(['c', 'c2', 'd', 'e', 'a']);
  });

  it('includes a unit added behind the reader before the cycle ends', () => {
    const history = run(units, 3); // a, b, c
    const grown = ['a', 'a2', 'b', 'c', 'd', 'e'];
    expect(run(grown, 5, history).slice(3)).toEqual(['d', 'e', 'a2', 'a', 'a2']);
  });

  it('includes a unit added right after a cycle completed', () => {
    const history = run(units, 5);
    expect(run([...units, 'f'], 2, history).slice(5)).toEqual(['f', 'a']);
  });

  it('skips removed units', () => {
    const history = run(units, 2); // a, b
    const shrunk = ['a', 'b', 'd', 'e'];
    expect(run(shrunk, 4, history).slice(2)).toEqual(['d', 'e', 'a', 'b']);
    // A history of only removed units starts from the beginning.
    expect(nextUnitId(['x', 'y'], ['a', 'b'])).toBe('x');
  });

  it('continues after the last unit even when it was removed meanwhile', () => {
    expect(nextUnitId(['a', 'c', 'd'], ['a', 'b'])).toBe('c');
  });

  it('is deterministic', () => {
    const history = ['c', 'a', 'e'];
    expect(nextUnitId(units, history)).toBe(nextUnitId([...units], [...history]));
    expect(nextUnitId(units, history)).toBe('b');
  });
});

describe('rotationState', () => {
  it('starts a new cycle when a unit comes round again', () => {
    expect(rotationState(['a', 'b', 'c'], ['a', 'b', 'c', 'a'])).toEqual({ readInCycle: ['a'], last: 'a' });
    expect(rotationState(['a', 'b', 'c'], ['a', 'b', 'a'])).toEqual({ readInCycle: ['a'], last: 'a' });
    expect(rotationState(['a', 'b', 'c'], [])).toEqual({ readInCycle: [] });
  });
});
