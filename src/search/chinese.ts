import type { Analyzer } from './analyzer.ts';
import { yearsNamed } from './figures.ts';
import { generalIdf } from './general-idf.ts';
import { simplify } from './normalize.ts';
import { cut, isHan, tag, wordBigrams, words } from './segment.ts';
import { STOPWORDS } from './stopwords.ts';

// A lone Han character (党, 学) is a weak signal on its own; jieba also emits it inside longer
// words. Words found inside a longer query word (百姓 in 老百姓) are discounted so a phrase is
// not counted twice.
const SINGLE_CHAR_FACTOR = 0.4;
const SUBWORD_FACTOR = 0.5;
// The general IDF table is Chinese; an English word it lacks would count as a rare word. In a
// mixed question most Latin words are glue ("bot", "pls"), so they weigh less.
const LATIN_FACTOR = 0.35;

/**
 * Chinese: OpenCC folds Traditional (Taiwan, Hong Kong) into Simplified; jieba's search mode
 * segments (whole words and the shorter words inside them); question words and particles are
 * stopwords; jieba's general IDF table weighs what was typed; Han character bigrams match where
 * jieba cuts a query differently from the text.
 *
 * @example analyzeText(chineseAnalyzer, '檔案安全的底線') // ['档案', '安全', '底线']
 */
export const chineseAnalyzer: Analyzer = {
  lang: 'zh',
  normalize: simplify,
  tokenize: words,
  processTerm: (word) => (STOPWORDS.has(word) ? null : word),
  termWeight: (term, allTerms) => {
    let weight = generalIdf(term);
    if (isHan(term) && [...term].length === 1) weight *= SINGLE_CHAR_FACTOR;
    if (/^[a-z]+$/.test(term)) weight *= LATIN_FACTOR;
    if (allTerms.some((other) => other !== term && other.length > term.length && other.includes(term))) {
      weight *= SUBWORD_FACTOR;
    }
    return weight;
  },
  grams: topicalBigrams,
  settingWords,
  organizationNames,
  focusWords,
  asksForNames,
  personNames,
};

/**
 * Whether a question asks for people by name: a list of names (名单, 姓名), which of them
 * (哪几位同志, 具体由哪些人组成, 分别是谁), or what a person is called (成员叫什么名字).
 * 哪些人 alone asks for a group (要管哪些人: 全体党员), which a passage answers without naming
 * anyone; so does 谁 (谁负责: 主要负责人).
 *
 * @example asksForNames('讲话里说的先进典型具体是哪几位同志') // true
 * @example asksForNames('一把手要管哪些人的主题教育') // false
 */
function asksForNames(text: string): boolean {
  return NAMES_ASKED.some((pattern) => pattern.test(text));
}

const PERSON = '(?:人|人员|同志|干部|党员|成员|领导|组长|负责人|代表|典型|榜样)';
const NAMES_ASKED = [
  /名单|姓名|哪几位|分别是谁|都有谁/u,
  new RegExp(`具体(?:是|有|由)?哪(?:些|几个|一个|个)${PERSON}`, 'u'),
  new RegExp(`${PERSON}们?[^，。？！,.?!]{0,4}(?:叫什么|名字)`, 'u'),
];

/**
 * The people a text names, by jieba's tags: a full name from its dictionary (习近平), or a
 * name it guesses (黄国雄) when it has two or three characters and opens with a common surname.
 * jieba also tags ordinary words as names (弘扬, 智慧, 从严治党); the surname keeps them out.
 *
 * @example personNames('湖北省档案馆馆长 黄国雄') // ['黄国雄']
 */
function personNames(text: string): string[] {
  return tag(text)
    .filter(
      ({ word, tag }) =>
        tag === 'nrfg' ||
        (tag === 'nr' && /^\p{Script=Han}{2,3}$/u.test(word) && COMMON_SURNAMES.has(word[0] ?? '')),
    )
    .map(({ word }) => word);
}

/** The hundred commonest Chinese surnames, which open most of the names jieba guesses. */
const COMMON_SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);

/**
 * The nouns a question asks for: the one after 什么/哪些/哪几/哪个 (past a count such as 几位),
 * the one before 有哪些/包括哪些 (名单有哪些人), or the word before 是谁, past an adverb (组长分别是谁;
 * jieba tags 组长 there as a verb, so any content word counts).
 * Stopwords and single characters (人, 内容, 时候) say too little to count.
 *
 * @example focusWords('到档案馆查档需要带什么证件') // ['证件']
 * @example focusWords('领导小组的组长是谁') // ['组长']
 */
function focusWords(text: string): string[] {
  const words = tag(text);
  const focus: string[] = [];
  const addFocus = (word: string | undefined) => {
    if (word && [...word].length > 1 && !STOPWORDS.has(word) && !FRAME_NOUNS.has(word)) focus.push(word);
  };
  words.forEach(({ word }, i) => {
    let asked: { word: string; tag: string } | undefined;
    if (QUESTION_WORD.test(word)) {
      let next = i + 1;
      while (words[next] && COUNT_TAG.test(words[next]?.tag ?? '')) next++;
      // 哪些必读书目, 哪些优秀调研报告: one or two modifiers may stand before the noun asked for.
      // After 什么 a verb is the question's own (什么影响学习效果, 什么是党性修养), not a modifier.
      const modifier = word.startsWith('哪') ? MODIFIER_TAG : ADJECTIVE_TAG;
      let head = next;
      while (head < next + 2 && modifier.test(words[head]?.tag ?? '')) head++;
      // 哪些影响学习效果的因素: past a modifier, a noun before 的 is inside a clause, not asked for.
      const inClause = head > next && words[head + 1]?.word === '的';
      asked = words[head]?.tag.startsWith('n') && !inClause ? words[head] : undefined;
      // 名单有哪些人: with no noun of its own (or a bare 人), what is asked for stands before 有.
      // 表面文章有什么要求 asks for 要求; its topic is not what is asked for.
      const own = words[next];
      const bare = !own || [...own.word].length === 1 || FUNCTION_TAG.test(own.tag);
      if (bare && /^(有|包括|包含)$/u.test(words[i - 1]?.word ?? '') && words[i - 2]?.tag.startsWith('n')) {
        asked = words[i - 2];
      }
    } else if (word === '是' && words[i + 1]?.word === '谁') {
      // 组长分别是谁, 组长到底是谁: an adverb may stand between what is asked for and 是谁.
      let back = i - 1;
      while (words[back] && ADVERB_TAG.test(words[back]?.tag ?? '')) back--;
      const before = words[back];
      asked = before && !FUNCTION_TAG.test(before.tag) ? before : undefined;
    }
    addFocus(asked?.word);
  });
  return focus;
}

/**
 * Nouns that frame a question rather than name what it asks for: 哪些渠道 (管道 in Taiwan) asks
 * how, 哪些方面 asks what; the answer is a passage, not a thing the speech must name.
 */
const FRAME_NOUNS = new Set([
  ...['方式', '方法', '办法', '途径', '渠道', '管道', '手段', '措施', '举措', '做法', '步骤', '环节'],
  ...['方面', '形式', '内容', '情况', '问题', '要求', '特点', '表现', '原因', '目的', '作用', '意义'],
  ...['程度', '标准', '效果', '影响', '好处', '地方', '事情', '东西', '工作', '任务', '目标', '精神'],
]);

/** Numerals and classifiers between a question word and what it asks for (哪 · 几位 · 同志). */
const COUNT_TAG = /^[mq]/;
/** Adjectives, distinguishing words and verbs that modify a noun (优秀, 必读, 调研). */
const MODIFIER_TAG = /^(a|b|v|vn)$/;
/** The same without verbs, for 什么: adjectives and distinguishing words (什么影响学习效果 asks what affects it). */
const ADJECTIVE_TAG = /^(a|b)$/;
/** Adverbs (分别, 都, 到底, 究竟). */
const ADVERB_TAG = /^d/;
/** Pronouns, particles, prepositions, conjunctions, adverbs, punctuation: never what is asked for. */
const FUNCTION_TAG = /^[rupcdxyew]/;
const QUESTION_WORD = /^(什么|什么样|哪些|哪几|哪个|哪位|哪几位|哪|啥|何种|哪种|哪类|哪样|何类)$/u;

/**
 * Calendar time words (今年, 周末, 年终) and named administrative places (湖南省, 武汉市), by
 * jieba's part-of-speech tags. jieba also tags common words as places (东西, 馆里) and as time
 * (过去, 会上), so a place needs the suffix of an administrative unit and a time a calendar unit.
 *
 * @example settingWords('湖南省档案馆周末开放吗') // ['湖南省', '周末']
 * @example settingWords('2020年疫情期间怎么查档') // ['2020']
 */
function settingWords(text: string): string[] {
  const tagged = tag(text)
    .filter(
      ({ word, tag }) =>
        (tag === 't' && CALENDAR_TIME.test(word) && !NUMERAL_YEAR_TAIL.test(word)) ||
        (tag === 'ns' && ADMINISTRATIVE_PLACE.test(word)),
    )
    .map(({ word }) => word);
  return [...tagged, ...yearsNamed(text)];
}

/**
 * Names of organizations (机构团体), by jieba's part-of-speech tag.
 *
 * @example organizationNames('国家档案局对主题教育有什么要求') // ['国家档案局']
 */
function organizationNames(text: string): string[] {
  return tag(text)
    .filter(({ tag }) => tag === 'nt')
    .map(({ word }) => word);
}

// jieba tags directions and aspect words as time too (下去, 过去, 会上): only calendar time counts.
const CALENDAR_TIME = /[年月日周星期季末]/u;
// The tail jieba cuts off a year in numerals (二零一九年 → 九年): the year is read whole instead.
const NUMERAL_YEAR_TAIL = /^[〇零一二三四五六七八九]+年$/u;
const ADMINISTRATIVE_PLACE = /\p{Script=Han}[省市县区州]$/u;

/** Bigrams with stopwords cut out, so `是什么` contributes no `是什`/`什么`. */
function topicalBigrams(text: string): string[] {
  return wordBigrams(cut(text), isStopword);
}

/** A word of jieba's cut that carries no topic (的, 什么, 怎么), as the stopword list has it. */
function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}

/** The text with each stopword replaced by a break, so no run spans it. */
function maskStopwords(text: string): string {
  return cut(text)
    .map((word) => (isStopword(word) ? '|' : word))
    .join('');
}

/**
 * The runs of topical Han text in a query, stopwords cut out: where a remembered phrase can be.
 *
 * @example topicalRuns('隔靴挠痒是哪里说的') // ['隔靴挠痒']
 */
export function topicalRuns(text: string): string[] {
  return maskStopwords(text).match(/\p{Script=Han}+/gu) ?? [];
}
