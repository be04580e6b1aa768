/**
 * Questions that ask for a figure — a number, a date or time, a phone number or address — can
 * only be answered by a passage that states one. A speech of principles rarely does, so
 * "新馆什么时候建成?" should get "not found" rather than the paragraph that mentions 新馆.
 */

const ASKS_FOR_FIGURE =
  /多少|什么时候|啥时候|何时|几点|几时|哪天|哪一天|哪年|哪一年|几月|几号|多久|多长时间|(?<!哪)几[位名]|电话|地址|网址|邮箱|(?:^|[,.;:?!]\s*)when\b|how many|how much|phone|address/i;

// Digits, or a Chinese date/count: 二〇一九年, 七月, 十八日, 总第3400期.
const STATES_FIGURE = /\d|[〇零一二三四五六七八九十百千万]+[年月日号期卷元]/;

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
