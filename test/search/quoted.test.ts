import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { compact } from '../../src/search/phrase.ts';
import { clauses, findQuoted } from '../../src/search/quoted.ts';
import { openSpeech } from '../../src/speech.ts';

const search = openSpeech(DEFAULT_CONTENT_DIR);
const point = search.passages.find((passage) => passage.kind === 'point' && passage.text.length > 80);
if (!point) throw new Error('the speech has no long point');

describe('clauses and compact', () => {
  it('split at sentence ends, commas and lines, and compare without spaces or punctuation', () => {
    expect(clauses('一,二。三\n四;五')).toEqual(['一', '二', '三', '四', '五']);
    expect(compact('守初心、担使命 , “找差距”')).toBe('守初心担使命找差距');
  });
});

describe('findQuoted', () => {
  it('finds a sentence pasted with other words around it, whatever its punctuation and spaces', () => {
    const quoted = compact(point.text).slice(4, 40);
    const match = findQuoted(search, `转发一下: ${quoted.split('').join(' ')} ——很重要`);
    expect(match.kind).toBe('verbatim');
    if (match.kind === 'verbatim') {
      expect(match.passage.id).toBe(point.id);
      expect(match.result.hits[0]?.passage.id).toBe(point.id);
      expect(match.share).toBeGreaterThan(0.5);
    }
  });

  it('finds a quote pasted in Traditional characters', () => {
    const match = findQuoted(search, '守初心，就是要守住為中國人民謀幸福的初心');
    expect(match.kind).toBe('verbatim');
  });

  it('takes the passage most of a long text quotes, and answers nothing for unrelated text', () => {
    const other = search.passages.find((passage) => passage.id !== point.id && passage.kind === 'paragraph');
    if (!other) throw new Error('no second passage');
    const text = `${other.text.slice(0, 30)}。${point.text}`;
    const match = findQuoted(search, text);
    expect(match.kind !== 'none' && match.passage.id).toBe(point.id);
    expect(findQuoted(search, '周五前请交周报。项目进度有点慢,需要加强团队协作。').kind).toBe('none');
  });
});

describe('stock phrases', () => {
  it('does not take a phrase the speech repeats in many passages for a quote of one', () => {
    const match = findQuoted(search, '深入学习习近平新时代中国特色社会主义思想');
    expect(match.kind).not.toBe('verbatim');
  });
});
