import { describe, expect, it } from 'vitest';
import { toChineseNumeral } from '../../src/content/numerals.ts';
import { splitPoints } from '../../src/content/points.ts';

function labels(text: string): string[] {
  return splitPoints(text).points.map((p) => p.label);
}

describe('splitPoints', () => {
  it('splits a run of 一是, 二是… into a lead and points', () => {
    expect(splitPoints('目标。一是学习。二是实践。')).toEqual({
      lead: '目标。',
      points: [
        { label: '一是', text: '一是学习。' },
        { label: '二是', text: '二是实践。' },
      ],
    });
  });

  it('splits 一要, 二要… and a paragraph that opens with its first point', () => {
    expect(splitPoints('一要学。二要做;三要改!')).toEqual({
      lead: '',
      points: [
        { label: '一要', text: '一要学。' },
        { label: '二要', text: '二要做;' },
        { label: '三要', text: '三要改!' },
      ],
    });
  });

  it('counts past 十', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${toChineseNumeral(i + 1)}是第${i + 1}点。`).join('');
    expect(labels(text)).toEqual([
      '一是',
      '二是',
      '三是',
      '四是',
      '五是',
      '六是',
      '七是',
      '八是',
      '九是',
      '十是',
      '十一是',
      '十二是',
    ]);
  });

  it('does not split on a stray 三要 in a sentence', () => {
    const text = '要坚持三要原则,做到三要三不要。';
    expect(splitPoints(text)).toEqual({ lead: text, points: [] });
  });

  it('does not split on a 三要 opening a sentence when no run starts at 一', () => {
    const text = '形势很好。三要素已经齐备。四要素还差一个。';
    expect(splitPoints(text)).toEqual({ lead: text, points: [] });
  });

  it('does not split on markers inside a sentence', () => {
    const text = '我们一是学习,二是实践。';
    expect(splitPoints(text)).toEqual({ lead: text, points: [] });
  });

  it('does not split with fewer than two points', () => {
    for (const text of ['目标。一是学习。', '目标。一是学习。三是实践。', '二是学习。三是实践。']) {
      expect(splitPoints(text)).toEqual({ lead: text, points: [] });
    }
  });

  it('keeps to one run: the same suffix, counting up by one', () => {
    const text = '一是甲。二是乙。三要丙。一是丁。三是戊。';
    expect(splitPoints(text).points).toEqual([
      { label: '一是', text: '一是甲。' },
      { label: '二是', text: '二是乙。三要丙。一是丁。' },
      { label: '三是', text: '三是戊。' },
    ]);
  });

  it('never loses a character: lead + points is the text', () => {
    for (const text of [
      '目标。一是学习。二是实践。',
      '一要学。二要做。',
      '没有要点。',
      '前言;一是甲;二是乙',
    ]) {
      const { lead, points } = splitPoints(text);
      expect(lead + points.map((p) => p.text).join('')).toBe(text);
    }
  });
});
