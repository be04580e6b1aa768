import { fromChineseNumeral, toChineseNumeral } from '../content/numerals.ts';
import { paragraphLabel, sectionLabel } from '../content/place.ts';
import type { Passage, SpeechDocument } from '../content/types.ts';

/**
 * A question that points at a place in the document (第二部分第三段, 导语讲了什么, 一要是什么,
 * "part 2, paragraph 3"): the numbers it names, as typed. Whether the place exists is for
 * {@link resolvePlace} to say.
 */
export interface PlaceRequest {
  /**
   * 0 for the introduction (导语), then the parts; `null` when the query names part 0 (第零部分).
   * Here and below, a negative number counts from the end: -1 is the last (最后一段, 倒数第二条 is -2).
   */
  section?: number | null;
  paragraph?: number;
  /** 第三条, 第三点, "point 3": a part's numbered paragraph (第三,…), or a paragraph's point. */
  item?: number;
  /** A point's own label as the speech prints it (一要, 四是). */
  pointLabel?: string;
  /** What else the query says, once the place and the words of "what does it say" are taken out. */
  rest: string;
  /** The query without the place's own words (第二部分, 第三条), which search must not match. */
  remainder: string;
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
/** 第三, 倒数第二, 最后(一): three groups, read by {@link ordinalZh}. */
const ORDINAL_ZH = `第\\s*(${NUMBER_ZH})|倒数第\\s*(${NUMBER_ZH})|(最后)\\s*一?`;
/** 最后一段时间, 最后一段路: a stretch of time, not a paragraph. */
const NOT_TEXT = '(?!时间|日子|路|期间|时期|阶段)';
const SECTION_ZH = new RegExp(`(?:${ORDINAL_ZH})\\s*(?:个|大)?\\s*(?:部分|部份|板块|章|节)`, 'i');
/** Where a word follows that makes it a place of the text, not a word of the question (开篇布局). */
const TEXT_PLACE_END = '(?=$|[\\s\\p{P}讲说写是的那这部段里中提谈])';
const INTRODUCTION_ZH = new RegExp(
  `导语|引言|序言|开场白|(?:前言|开篇)${TEXT_PLACE_END}|(?<!以\\S{0,8})开头(?:部分|那段|一段|的?段落?)?${TEXT_PLACE_END}`,
  'u',
);
/** A part's opening: 第二部分开头. */
const OPENING_ZH = /开头|开篇/;
/** The speech's last paragraph. */
const CLOSING_ZH = new RegExp(`(?:结尾|结束语|结语)${TEXT_PLACE_END}`, 'u');
const PARAGRAPH_ZH = new RegExp(`(?:${ORDINAL_ZH})\\s*(?:个)?(?:自然)?段(?:落)?${NOT_TEXT}`, 'i');
const ITEM_ZH = new RegExp(`(?:${ORDINAL_ZH})\\s*(?:条|点|项|个方面|方面)`, 'i');
/** 一要, 四是: a point's label, standing alone (not the 一要 of 统一要求). */
const POINT_LABEL_ZH =
  /(?<=^|[\s\p{P}的段分里中])([一二三四五六七八九十])(是|要)(?=$|[\s\p{P}]|什么|啥|讲|说|指|的|里|中|呢|是什么)/u;
/** Words that ask what a place says, which leave nothing else asked once taken out. */
const SAYS_ZH =
  /主要|内容|关于|主题|主旨|重点|要点|核心|观点|大意|大概|大致|概括|总结|简述|介绍|简单|讲话|文章|全文|这篇|原文|具体|一下|里面|请问|请|帮我|给我|看看|显示|引用|提到|都|(?:小)?标题|题目|(一共|总共|共)?(有)?(几|多少)(个)?(段落?|条|点|项|方面)|哪些段落/gu;
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
/** Roman numerals, but not a lone "i", which is the pronoun ("which part I should read"). */
const NUMBER_EN = `\\d+|${WORDS_EN.join('|')}|(?!i\\b)[ivx]+`;
const ORDINAL_EN = `${ORDINALS_EN.join('|')}|\\d+(?:st|nd|rd|th)|second[- ]to[- ]last|second[- ]last|last|final|penultimate`;
const SECTION_EN = new RegExp(
  `\\b(?:part|section|chapter)\\s+(${NUMBER_EN})\\b|\\b(${ORDINAL_EN})\\s+(?:part|section|chapter)\\b`,
);
const CLOSING_EN = /\b(?:closing (?:paragraph|remarks|words)|concluding (?:paragraph|remarks))\b/;
const INTRODUCTION_EN =
  /\b(?:introduction|intro|preamble|preface|opening (?:paragraph|section|part|remarks))\b/;
const PARAGRAPH_EN = new RegExp(
  `\\b(?:paragraph|para)\\s+(${NUMBER_EN})\\b|\\b(${ORDINAL_EN})\\s+paragraph\\b`,
);
const ITEM_EN = new RegExp(`\\b(?:point|item)\\s+(${NUMBER_EN})\\b|\\b(${ORDINAL_EN})\\s+(?:point|item)\\b`);
const SAYS_EN =
  /\b(?:what|what's|whats|which|is|are|was|were|in|the|of|about|does|do|did|say|says|said|cover|covers|covered|tell|me|us|summary|summari[sz]e|main|mainly|generally|overall|overview|gist|brief|briefly|explain|describe|can|could|you|all|points?|ideas?|topics?|contains?|speech|article|text|it|this|that|there|please|show|give|read|quote|talks?|discuss(?:es)?|deals?|with|and|s|title|heading|how|many|paragraphs)\b/g;

/** A query without a Han character is read as English, here and by the document questions. */
export function isEnglishQuery(query: string): boolean {
  return !/\p{Script=Han}/u.test(query);
}

/**
 * The place a query points at, or `undefined` when it names none. The query is normalized
 * (Simplified, half-width); `english` is whether it is written in English.
 *
 * @example parsePlaceRequest('第二部分第三段讲了什么', false) // { section: 2, paragraph: 3, rest: '', remainder: '讲了什么' }
 */
export function parsePlaceRequest(query: string, english = isEnglishQuery(query)): PlaceRequest | undefined {
  return english ? parseEnglish(query.toLowerCase()) : parseChinese(query);
}

function parseChinese(query: string): PlaceRequest | undefined {
  let rest = query;
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest);
    if (match) rest = rest.replace(match[0], ' ');
    return match;
  };
  const request: PlaceRequest = { rest: '', remainder: '' };
  const section = take(SECTION_ZH);
  if (section) request.section = partNumber(ordinalZh(section));
  else if (take(INTRODUCTION_ZH)) request.section = 0;
  // 第二部分开头: the part's first paragraph.
  if (section && take(OPENING_ZH)) request.paragraph = 1;
  const paragraph = take(PARAGRAPH_ZH);
  if (paragraph) request.paragraph = ordinalZh(paragraph);
  const item = take(ITEM_ZH);
  if (item) request.item = ordinalZh(item);
  const label = take(POINT_LABEL_ZH);
  if (label?.[0]) request.pointLabel = label[0];
  if (take(CLOSING_ZH)) request.paragraph = -1;
  if (!settleSection(request)) return undefined;
  request.remainder = rest.trim();
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
  const request: PlaceRequest = { rest: '', remainder: '' };
  const section = take(SECTION_EN);
  if (section !== undefined) request.section = partNumber(readNumber(section));
  else if (take(INTRODUCTION_EN)) request.section = 0;
  const paragraph = take(PARAGRAPH_EN);
  if (paragraph !== undefined) request.paragraph = readNumber(paragraph);
  const item = take(ITEM_EN);
  if (item !== undefined) request.item = readNumber(item);
  if (take(CLOSING_EN)) request.paragraph = -1;
  if (!settleSection(request)) return undefined;
  request.remainder = rest.trim();
  request.rest = rest
    .replace(/’/g, "'")
    .replace(SAYS_EN, '')
    .replace(/[\p{P}\s]/gu, '');
  return request;
}

/**
 * Gives a paragraph that needs no part its section (the first paragraph is the introduction's,
 * the last is the last part's), and says whether the request then names a place: a section or a
 * point label. 第三段 or 第三条 alone could be in any part, so search answers it.
 */
function settleSection(request: PlaceRequest): boolean {
  if (request.section !== undefined || request.pointLabel !== undefined) return true;
  if (request.item !== undefined) return false;
  if (request.paragraph === 1) request.section = 0;
  else if (request.paragraph === -1) request.section = -1;
  return request.section !== undefined;
}

/** The number of a match of {@link ORDINAL_ZH}: 第三 is 3, 倒数第二 -2, 最后 -1. */
function ordinalZh(match: RegExpExecArray): number | undefined {
  const [, fromStart, fromEnd, last] = match;
  if (fromStart !== undefined) return readNumber(fromStart);
  const counted = fromEnd === undefined ? undefined : readNumber(fromEnd);
  if (counted !== undefined) return counted > 0 ? -counted : undefined;
  return last === undefined ? undefined : -1;
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
  if (text === 'last' || text === 'final') return -1;
  if (text === 'penultimate' || /^second[- ](?:to[- ])?last$/.test(text)) return -2;
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
  const { pointLabel } = request;
  const section = absoluteSection(request, document);
  if (section === null) {
    return {
      found: false,
      reason: english
        ? `After an introduction, the speech has ${parts} parts, numbered 1 to ${parts}.`
        : `全文在导语之后分${countZh(parts)}个部分,从${sectionLabel(1)}到${sectionLabel(parts)}。`,
    };
  }
  const inSection =
    section === undefined ? body : body.filter((passage) => passage.place.section === section);
  const where = section === undefined ? '' : sectionLabel(section, english ? 'en' : 'zh');
  const paragraphs = section === undefined ? [] : (document.sections[section]?.paragraphs ?? []);
  const paragraph = counted(request.paragraph, paragraphs.length);
  if (pointLabel !== undefined || section === undefined) {
    // 第二部分第四段的一是: the label within the paragraph named, if one is.
    const paragraphId = paragraph === undefined ? undefined : paragraphs[paragraph - 1]?.id;
    const inScope = inSection.filter(
      (passage) =>
        passage.kind === 'point' && (paragraph === undefined || passage.paragraphId === paragraphId),
    );
    const points = inScope.filter((passage) => passage.label === pointLabel);
    const [point] = points;
    // 一要 in two paragraphs of a part is not one place.
    if (!point || points.length > 1) {
      const scope = paragraphId === undefined ? where : paragraphWhere(where, paragraph ?? 0, english);
      const labels = paragraphId === undefined ? [] : inScope.map((passage) => passage.label ?? '');
      return missingPoint(pointLabel ?? '', scope, labels, english);
    }
    return { found: true, passages: [point], narrow: true };
  }
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
    if (request.item === undefined) return { found: true, passages, narrow: true };
    const points = passages.filter((passage) => passage.kind === 'point');
    const point = points[(counted(request.item, points.length) ?? 0) - 1];
    if (!point) {
      const count = points.length;
      return {
        found: false,
        reason: english
          ? `${paragraphWhere(where, paragraph, true)} lists ${count} point${count === 1 ? '' : 's'}.`
          : `${paragraphWhere(where, paragraph, false)}${count ? `列了${countZh(count)}点` : '没有分点'}。`,
      };
    }
    return { found: true, passages: [point], narrow: true };
  }
  if (request.item !== undefined) {
    // 第三部分第二条: the paragraph that opens 第二,…; in a part whose paragraphs are not numbered, the second.
    const numbered = paragraphs.some((candidate) => candidate.label !== undefined);
    const count = numbered
      ? paragraphs.filter((candidate) => candidate.label !== undefined).length
      : paragraphs.length;
    const item = counted(request.item, count) ?? 0;
    const chosen = numbered
      ? paragraphs.find(
          (candidate) =>
            candidate.label !== undefined && fromChineseNumeral(candidate.label.replace(/^第/, '')) === item,
        )
      : paragraphs[item - 1];
    if (!chosen) {
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
  if (inSection.length === 0) {
    return { found: false, reason: english ? `${where} is empty.` : `${where}没有内容。` };
  }
  // The introduction is one paragraph: naming it names that paragraph.
  return { found: true, passages: inSection, narrow: paragraphs.length === 1 };
}

/**
 * The section a request names, counted from the start (最后一部分 is the last part), or `null`
 * when the document has no such section; `undefined` when the request names none.
 */
export function absoluteSection(request: PlaceRequest, document: SpeechDocument): number | null | undefined {
  const { section } = request;
  if (section === undefined || section === null) return section;
  const index = section < 0 ? document.sections.length + section : section;
  return index >= 0 && document.sections[index] && (index > 0 || section >= 0) ? index : null;
}

/** A position counted from the end (-1 the last of `count`) as one counted from the start. */
function counted(position: number | undefined, count: number): number | undefined {
  return position !== undefined && position < 0 ? count + 1 + position : position;
}

/**
 * No single point with this label: where was looked, and, within a named paragraph, the labels
 * it has instead (第二部分第四段 lists 一要 … 四要, not 一是).
 */
function missingPoint(
  label: string,
  where: string,
  labels: readonly string[],
  english: boolean,
): ResolvedPlace {
  const named = labels.filter((candidate) => candidate !== '');
  if (english) {
    const instead = named.length > 0 ? `; its points are ${named.join(', ')}` : '';
    return {
      found: false,
      reason: `${where || 'The speech'} has no single point labelled ${label}${instead}.`,
    };
  }
  const instead = named.length > 0 ? `,分点是${named.join('、')}` : '';
  return { found: false, reason: `${where || '全文'}没有“${label}”这一点${instead}。` };
}

/** A paragraph of a part, as the messages name it: 第二部分第四段, "Part 2, paragraph 4". */
function paragraphWhere(where: string, paragraph: number, english: boolean): string {
  return english ? `${where}, paragraph ${paragraph}` : `${where}${paragraphLabel(paragraph)}`;
}

/** A count as said before a measure word: 两段, not 二段. */
function countZh(n: number): string {
  return n === 2 ? '两' : toChineseNumeral(n);
}
