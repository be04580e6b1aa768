import { fromChineseNumeral, toChineseNumeral } from '../content/numerals.ts';
import { sectionLabel } from '../content/place.ts';
import type { Passage, SpeechDocument } from '../content/types.ts';

/**
 * A question that points at a place in the document (第二部分第三段, 导语讲了什么, 一要是什么,
 * "part 2, paragraph 3"): the numbers it names, as typed. Whether the place exists is for
 * {@link resolvePlace} to say.
 */
export interface PlaceRequest {
  /** 0 for the introduction (导语), then the parts; `null` when the query names part 0 (第零部分). */
  section?: number | null;
  paragraph?: number;
  /** 第三条, 第三点, "point 3": a part's numbered paragraph (第三,…), or a paragraph's point. */
  item?: number;
  /** A point's own label as the speech prints it (一要, 四是). */
  pointLabel?: string;
  /** What else the query says, once the place and the words of "what does it say" are taken out. */
  rest: string;
}

/** Where a request points: the passages there, in reading order, or why there is none. */
export type ResolvedPlace =
  | {
      found: true;
      /** The passages there, in reading order. */
      passages: Passage[];
      /** A paragraph or a point, not a whole part: the question's other words only choose within it. */
      narrow: boolean;
    }
  | { found: false; reason: string };

const NUMBER_ZH = '[0-9]+|[零〇两一二三四五六七八九十]+|[IVX]+';
const SECTION_ZH = new RegExp(`第\\s*(${NUMBER_ZH})\\s*(?:个|大)?\\s*(?:部分|部份|板块|章|节)`, 'i');
const INTRODUCTION_ZH = /导语|引言|前言|序言|开篇|开场白|开头(?:部分|那段|一段|的?段落?)?/;
const PARAGRAPH_ZH = new RegExp(`第\\s*(${NUMBER_ZH})\\s*(?:个)?(?:自然)?段`, 'i');
const ITEM_ZH = new RegExp(`第\\s*(${NUMBER_ZH})\\s*(?:条|点|项|个方面|方面)`, 'i');
/** 一要, 四是: a point's label, standing alone (not the 一要 of 统一要求). */
const POINT_LABEL_ZH =
  /(?<=^|[\s\p{P}的段分里中])([一二三四五六七八九十])(是|要)(?=$|[\s\p{P}]|什么|啥|讲|说|指|的|里|中|呢|是什么)/u;
/** Words that ask what a place says, which leave nothing else asked once taken out. */
const SAYS_ZH =
  /主要|内容|关于|主题|重点|要点|核心|大意|讲话|文章|全文|这篇|原文|具体|一下|里面|请|帮我|给我|看看|显示|引用|提到|都|(几|多少)(个)?(段|条|点|项|方面)/gu;
const SAYS_CHARS_ZH = /[讲说写谈是了的啥什么哪些呢吗在有中里念看\p{P}\s]/gu;

const WORDS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ORDINALS_EN = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];
const NUMBER_EN = `\\d+|${WORDS_EN.join('|')}|[ivx]+`;
const ORDINAL_EN = `${ORDINALS_EN.join('|')}|\\d+(?:st|nd|rd|th)`;
const SECTION_EN = new RegExp(
  `\\b(?:part|section|chapter)\\s+(${NUMBER_EN})\\b|\\b(${ORDINAL_EN})\\s+(?:part|section|chapter)\\b`,
);
const INTRODUCTION_EN =
  /\b(?:introduction|intro|preamble|preface|opening (?:paragraph|section|part|remarks))\b/;
const PARAGRAPH_EN = new RegExp(
  `\\b(?:paragraph|para)\\s+(${NUMBER_EN})\\b|\\b(${ORDINAL_EN})\\s+paragraph\\b`,
);
const ITEM_EN = new RegExp(`\\b(?:point|item)\\s+(${NUMBER_EN})\\b|\\b(${ORDINAL_EN})\\s+(?:point|item)\\b`);
const SAYS_EN =
  /\b(?:what|what's|whats|which|is|are|was|were|in|the|of|about|does|do|did|say|says|said|cover|covers|covered|tell|me|us|summary|summari[sz]e|main|points?|ideas?|topics?|contains?|speech|article|text|it|this|that|there|please|show|give|read|quote|talks?|discuss(?:es)?|deals?|with|and|s)\b/g;

/**
 * The place a query points at, or `undefined` when it names none. The query is normalized
 * (Simplified, half-width); `english` is whether it is written in English.
 *
 * @example parsePlaceRequest('第二部分第三段讲了什么', false) // { section: 2, paragraph: 3, rest: '' }
 */
export function parsePlaceRequest(query: string, english: boolean): PlaceRequest | undefined {
  return english ? parseEnglish(query.toLowerCase()) : parseChinese(query);
}

function parseChinese(query: string): PlaceRequest | undefined {
  let rest = query;
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest);
    if (match) rest = rest.replace(match[0], ' ');
    return match;
  };
  const request: PlaceRequest = { rest: '' };
  const section = take(SECTION_ZH);
  if (section?.[1] !== undefined) request.section = partNumber(readNumber(section[1]));
  else if (take(INTRODUCTION_ZH)) request.section = 0;
  const paragraph = take(PARAGRAPH_ZH);
  if (paragraph?.[1] !== undefined) request.paragraph = readNumber(paragraph[1]);
  const item = take(ITEM_ZH);
  if (item?.[1] !== undefined) request.item = readNumber(item[1]);
  const label = take(POINT_LABEL_ZH);
  if (label?.[0]) request.pointLabel = label[0];
  if (!section && request.section === undefined && !paragraph && !item && !label) return undefined;
  // 第三段 or 第三条 alone could be in any part: search answers it.
  if (request.section === undefined && request.pointLabel === undefined) return undefined;
  request.rest = rest.replace(SAYS_ZH, '').replace(SAYS_CHARS_ZH, '');
  return request;
}

function parseEnglish(query: string): PlaceRequest | undefined {
  let rest = query;
  const take = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(rest);
    if (!match) return undefined;
    rest = rest.replace(match[0], ' ');
    return match[1] ?? match[2] ?? match[0];
  };
  const request: PlaceRequest = { rest: '' };
  const section = take(SECTION_EN);
  if (section !== undefined) request.section = partNumber(readNumber(section));
  else if (take(INTRODUCTION_EN)) request.section = 0;
  const paragraph = take(PARAGRAPH_EN);
  if (paragraph !== undefined) request.paragraph = readNumber(paragraph);
  const item = take(ITEM_EN);
  if (item !== undefined) request.item = readNumber(item);
  if (request.section === undefined) return undefined;
  request.rest = rest
    .replace(/’/g, "'")
    .replace(SAYS_EN, '')
    .replace(/[\p{P}\s]/gu, '');
  return request;
}

/** A part's number as typed: part 0 (第零部分) names none, which the request keeps as `null`. */
function partNumber(n: number | undefined): number | null | undefined {
  return n === 0 ? null : n;
}

/** 3, 三, 〇, III, three, third, 3rd: the number, or `undefined`. */
function readNumber(token: string): number | undefined {
  const text = token.toLowerCase();
  if (/^\d+$/.test(text)) return Number(text);
  const ordinal = /^(\d+)(?:st|nd|rd|th)$/.exec(text)?.[1];
  if (ordinal) return Number(ordinal);
  if (/^[零〇]$/.test(text)) return 0;
  if (text === '两') return 2;
  const chinese = fromChineseNumeral(text);
  if (chinese !== undefined) return chinese;
  const word = WORDS_EN.indexOf(text);
  if (word >= 0) return word;
  const ordinalWord = ORDINALS_EN.indexOf(text);
  if (ordinalWord >= 0) return ordinalWord;
  return readRoman(text);
}

const ROMAN: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10 };

/** i–xxxix, as a part is numbered in an outline. */
function readRoman(text: string): number | undefined {
  if (!/^x{0,3}(ix|iv|v?i{0,3})$/.test(text) || text === '') return undefined;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN[text.charAt(i)] ?? 0;
    const next = ROMAN[text.charAt(i + 1)] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * The passages at the place a request points to, in reading order: a whole part, a paragraph
 * with its points, one point. When there is no such place, says what there is instead, in the
 * request's language.
 */
export function resolvePlace(
  request: PlaceRequest,
  document: SpeechDocument,
  english: boolean,
): ResolvedPlace {
  const body = document.passages.filter((passage) => passage.kind !== 'source');
  const parts = document.sections.filter((section) => section.heading !== null).length;
  const { section, paragraph, item, pointLabel } = request;
  if (section === null || (section !== undefined && !document.sections[section])) {
    return {
      found: false,
      reason: english
        ? `After an introduction, the speech has ${parts} parts, numbered 1 to ${parts}.`
        : `全文在导语之后分${countZh(parts)}个部分,从第一部分到第${toChineseNumeral(parts)}部分。`,
    };
  }
  const inSection = section === undefined ? body : body.filter((passage) => passage.sectionIndex === section);
  const where = section === undefined ? '' : sectionLabel(section, english ? 'en' : 'zh');
  if (pointLabel !== undefined || section === undefined) {
    const points = inSection.filter((passage) => passage.kind === 'point' && passage.label === pointLabel);
    const [point] = points;
    // 一要 in two paragraphs of a part is not one place.
    if (!point || points.length > 1) return missingPoint(pointLabel ?? '', where, english);
    return { found: true, passages: [point], narrow: true };
  }
  const paragraphs = document.sections[section]?.paragraphs ?? [];
  if (paragraph !== undefined) {
    const chosen = paragraphs[paragraph - 1];
    if (!chosen || paragraph < 1) {
      return {
        found: false,
        reason: english
          ? `${where} has ${paragraphs.length} paragraph${paragraphs.length === 1 ? '' : 's'}.`
          : `${where}共${countZh(paragraphs.length)}段。`,
      };
    }
    const passages = inSection.filter((passage) => passage.paragraphId === chosen.id);
    if (item === undefined) return { found: true, passages, narrow: true };
    const point = passages.filter((passage) => passage.kind === 'point')[item - 1];
    if (!point) {
      const count = passages.filter((passage) => passage.kind === 'point').length;
      return {
        found: false,
        reason: english
          ? `${where}, paragraph ${paragraph} lists ${count} point${count === 1 ? '' : 's'}.`
          : `${where}第${toChineseNumeral(paragraph)}段${count ? `列了${countZh(count)}点` : '没有分点'}。`,
      };
    }
    return { found: true, passages: [point], narrow: true };
  }
  if (item !== undefined) {
    // 第三部分第二条: the paragraph that opens 第二,…; in a part whose paragraphs are not numbered, the second.
    const numbered = paragraphs.some((candidate) => candidate.label !== undefined);
    const chosen = numbered
      ? paragraphs.find(
          (candidate) =>
            candidate.label !== undefined && fromChineseNumeral(candidate.label.replace(/^第/, '')) === item,
        )
      : paragraphs[item - 1];
    if (!chosen) {
      const count = numbered
        ? paragraphs.filter((candidate) => candidate.label !== undefined).length
        : paragraphs.length;
      return {
        found: false,
        reason: english
          ? `${where} makes ${count} numbered point${count === 1 ? '' : 's'}.`
          : `${where}共${countZh(count)}条。`,
      };
    }
    return {
      found: true,
      passages: inSection.filter((passage) => passage.paragraphId === chosen.id),
      narrow: true,
    };
  }
  // The introduction is one paragraph: naming it names that paragraph.
  return { found: true, passages: inSection, narrow: paragraphs.length === 1 };
}

function missingPoint(label: string, where: string, english: boolean): ResolvedPlace {
  return {
    found: false,
    reason: english
      ? `${where || 'The speech'} has no single point labelled ${label}.`
      : `${where || '全文'}没有唯一一处“${label}”。`,
  };
}

/** A count as said before a measure word: 两段, not 二段. */
function countZh(n: number): string {
  return n === 2 ? '两' : toChineseNumeral(n);
}
