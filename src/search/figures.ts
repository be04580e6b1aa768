/**
 * Questions that ask for a figure — a number, a date or time, a phone number or address — can
 * only be answered by a passage that states one. A speech of principles rarely does, so
 * "新馆什么时候建成?" should get "not found" rather than the paragraph that mentions 新馆.
 */

/**
 * The Chinese words that ask when, standard and colloquial (啥时候, 几时): one list for every
 * question that asks for a date, so a colloquial one is not left out of some.
 */
export const WHEN_ZH = '什么时候|什么时间|啥时候|啥时|何时|几时|哪天|哪一天|哪年|哪一年|哪个月|几月|几号';

// 几位/几名/几个人 count people, which a speech of principles never does (几个人民群众, 几个人事项
// do not); 几次/几回 (how many times) need a stated count the same way, while "how often" may be
// answered without one (定期, regularly); 几个 alone may count the points a passage lists
// (有几个目标: 一是…五是), so it is not here. "What day-to-day work", "what time period" ask
// what, not when.
// A deadline or a date asks when too (整改的期限, 截止日期, "what's the deadline"), and so does a
// length of time (几个月内完成, 搞几天, "how long will it take"); 近几年, 过去几年, 几年来 and 这几天
// only set the question in time ("how long-term" asks what kind).
const ASKS_FOR_FIGURE = new RegExp(
  [
    `多少|${WHEN_ZH}|几点|多久|多长时间|期限|截止|日期|(?<![近这那前后头去十])几(?:个月|个星期|天|日|周|年)(?!来|以来)`,
    '(?<!哪)几(?:[位名次回遍趟]|个?人(?![民事才格生]))',
    '电话|地址|网址|邮箱',
    '(?:^|[,.;:?!]\\s*)when\\b',
    '\\b(?:what|which) (?:date|day|month|year|time)s?\\b(?![-–—]|\\s+(?:to\\s+day|period|frame|span|scale)\\b)',
    'how many|how much|how long\\b(?!-)|phone|address|deadline|due date|by when',
  ].join('|'),
  'i',
);

// Digits, or a Chinese date/count: 二〇一九年, 七月, 十八日, 总第3400期, 两次.
const STATES_FIGURE = /\d|[〇零一二三四五六七八九十百千万两]+[年月日号期卷元次回遍]/;

/**
 * True when the question asks for a number, a date or time, or contact details. English "when"
 * asks only where a question or clause starts with it: "what to do when fixing problems" asks
 * what, not when.
 * @example asksForFigure('馆藏一共有多少卷档案?') // true
 * @example asksForFigure('干事创业敢担当要推进哪几个体系建设?') // false: it asks which, not how many
 */
export function asksForFigure(query: string): boolean {
  return ASKS_FOR_FIGURE.test(query);
}

/**
 * True when the text states a number or a date.
 * @example statesFigure('来源:中国档案报(2019年7月18日 总第3400期 第三版)') // true
 */
export function statesFigure(text: string): boolean {
  return STATES_FIGURE.test(text);
}

/**
 * The years a question names, as four digits: 2020年, 二〇二〇年, "in 2020". A question set in a
 * year the content never names (an event after the speech) cannot be answered by it, like one
 * set in 今年 or in another province (`settingWords`). jieba tags 2020 and 年 as two numerals,
 * not as one time word, so they are read here rather than from its tags.
 * @example yearsNamed('2020年疫情期间怎么查档') // ['2020']
 * @example yearsNamed('二〇一九年七月') // ['2019']
 */
export function yearsNamed(text: string): string[] {
  return [...text.matchAll(YEAR)].map((match) =>
    [...(match[1] ?? match[2] ?? match[3] ?? '')].map((char) => HAN_DIGIT[char] ?? char).join(''),
  );
}

const HAN_DIGIT: Readonly<Record<string, string>> = Object.fromEntries(
  [...'〇一二三四五六七八九'].map((char, value) => [char, String(value)]).concat([['零', '0']]),
);
// 2020年 and 二〇二〇年 (1900s and 2000s only: 保存1800年 is a span); in English, a year after a
// preposition ("in 2020", "after 2019"), not a count ("all 2000 Party members").
const YEAR =
  /(?<!\d)((?:19|20)\d\d)\s*年|((?:一九|二[〇零])[〇零一二三四五六七八九]{2})年|\b(?:in|since|after|before|by|until|during|of|from) ((?:19|20)\d\d)\b(?!\s*\p{Script=Han})/giu;
