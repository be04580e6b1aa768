import { stemmer } from 'stemmer';
import { lazyPackage } from '../lazy.ts';
import type { Analyzer } from './analyzer.ts';
import { yearsNamed } from './figures.ts';

/** `stopword` holds 60 languages' lists; loaded when the first English text is analyzed. */
const stopwordPackage = lazyPackage<typeof import('stopword')>('stopword');

/** The question glue `stopword`'s English list lacks, and the words every question about a speech uses. */
const QUESTION_GLUE = [
  ...['why', 'when', 'does', 'say', 'says', 'said', 'tell', 'she', 'its', 'us', 'speech', 'text', 'article'],
  ...['mention', 'mentioned', 'talk', 'talks', 'please', 'bot', 'hi', 'hello', 'ok', 'thanks', 'pls', 'get'],
];
let stopwords: ReadonlySet<string> | undefined;

/** True for a word of English questions that says nothing about the topic. */
function isStopword(word: string): boolean {
  stopwords ??= new Set([...stopwordPackage().eng, ...QUESTION_GLUE]);
  return stopwords.has(word);
}

/** Words that set a question in calendar time ("opening hours", "this weekend", "in March"). */
const CALENDAR_WORDS = new Set([
  ...['today', 'tomorrow', 'yesterday', 'tonight', 'weekend', 'weekends', 'weekday', 'weekdays', 'hours'],
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'annual', 'annually'],
  ...['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october'],
  ...['november', 'december', 'monthly', 'weekly', 'yearly', 'morning', 'afternoon', 'evening'],
]);

/**
 * A question asking for people by name: "what are their names", "the names of the members", "who
 * exactly", "which individuals". "What is the name of the speech" asks for no one.
 */
const NAMES_ASKED =
  /\b(?:their|his|her|members?'?|people's) names?\b|\bnames? of (?:the |all )?(?:members|people|persons|officials|comrades|cadres|leaders|staff|individuals|those)\b|\bwho (?:exactly|specifically|precisely)\b|\bwhich (?:specific )?(?:individuals|persons|comrades)\b/;

/** Weight of an English query word: the stemmed words carry the topic, evenly. */
const ENGLISH_TERM_WEIGHT = 6;

/**
 * English: lower-cased letter and digit runs, stopwords out, Porter stems (`stemmer`), so
 * "published" finds "publish" and "archives" finds "archive".
 *
 * @example analyzeText(englishAnalyzer, 'Who published the newspapers?') // ['publish', 'newspap']
 */
export const englishAnalyzer: Analyzer = {
  lang: 'en',
  normalize: (text) => text.normalize('NFKC'),
  tokenize: (text) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][a-z]+)?/gu) ?? [],
  processTerm: (word) => {
    const plain = word.replace(/['’](s|t|re|ve|ll|d|m)$/u, '');
    if (plain.length < 2 || isStopword(plain)) return null;
    return /^\d+$/.test(plain) ? plain : stemmer(plain);
  },
  termWeight: () => ENGLISH_TERM_WEIGHT,
  grams: () => [],
  focusWords,
  asksForNames: (text) => NAMES_ASKED.test(text.toLowerCase()),
  settingWords: (text) => [
    ...(text.toLowerCase().match(/[a-z]+/g) ?? [])
      .filter((word) => CALENDAR_WORDS.has(word))
      .map((word) => stemmer(word)),
    ...yearsNamed(text),
  ],
};

/**
 * What an English question asks for, stemmed: the noun of "what was the budget", "what are
 * their names", "who is the head". Only these shapes, where the word after the determiner is
 * the thing asked for; "what does the speech ask" asks for nothing named. ("How many visitors"
 * is left to the figures: a passage without one cannot answer it.)
 *
 * @example focusWords('What was the budget for the new building?') // ['budget']
 */
function focusWords(text: string): string[] {
  const asked = /\b(?:what|which|who)\s+(?:is|are|was|were)\s+(?:the|their|his|her|its|our|your)\s+([a-z]+)/g;
  const focus: string[] = [];
  for (const match of text.toLowerCase().matchAll(asked)) {
    const word = match[1] ?? '';
    if (word.length > 2 && !isStopword(word)) focus.push(stemmer(word));
  }
  return focus;
}
