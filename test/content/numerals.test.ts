import { describe, expect, it } from 'vitest';
import { fromChineseNumeral, toChineseNumeral } from '../../src/content/numerals.ts';

describe('toChineseNumeral / fromChineseNumeral', () => {
  it('writes the numbers the speech uses', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 11, 12, 19, 20, 21, 35, 90, 99].map(toChineseNumeral)).toEqual([
      '一',
      '二',
      '三',
      '四',
      '五',
      '九',
      '十',
      '十一',
      '十二',
      '十九',
      '二十',
      '二十一',
      '三十五',
      '九十',
      '九十九',
    ]);
  });

  it('round-trips 1..99, each to a different numeral', () => {
    const written = new Set<string>();
    for (let n = 1; n <= 99; n++) {
      const numeral = toChineseNumeral(n);
      expect(numeral).toMatch(/^[一二三四五六七八九十]{1,3}$/);
      expect(fromChineseNumeral(numeral)).toBe(n);
      written.add(numeral);
    }
    expect(written.size).toBe(99);
  });

  it('leaves numbers outside 1..99 as digits', () => {
    expect([0, 100, -3, 1.5].map(toChineseNumeral)).toEqual(['0', '100', '-3', '1.5']);
  });

  it('reads nothing but 1..99 written the usual way', () => {
    for (const text of ['', '零', '一十', '十十', '二十零', '百', '一百', '两', '3', '第一', '一是']) {
      expect(fromChineseNumeral(text)).toBeUndefined();
    }
  });
});
