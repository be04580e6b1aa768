/**
 * The query set: the evaluation queries of `test/eval/queries.jsonl` plus queries generated
 * from the speech itself (keyword pairs, pasted fragments, question templates, Traditional
 * script, and questions the speech cannot answer), all from a fixed seed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import type { Material } from './corpus.ts';
import { Rng } from './prng.ts';

/** One line of `test/eval/queries.jsonl`. */
export interface EvalQuery {
  id: string;
  kind: string;
  query: string;
  /** Text the top passage must contain; empty when the speech has no answer. */
  expect: string;
}

export type QueryKind = 'eval' | 'keywords' | 'fragment' | 'question' | 'traditional' | 'no-answer';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

/** The seed of every generated query and corpus, so two runs measure the same work. */
export const BENCH_SEED = 20190718;

/**
 * Every distinct question of a checkout's eval sets (`test/eval/*.jsonl`, files in name order):
 * keywords, questions, paraphrases, Traditional, English, half-remembered quotes, and questions
 * the speech does not answer.
 */
export function evalSetQueries(root: string): string[] {
  const dir = path.join(root, 'test', 'eval');
  const queries = readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
    .flatMap((file) => readFileSync(path.join(dir, file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { query: string }).query);
  return [...new Set(queries)];
}

export function loadEvalQueries(file: string): EvalQuery[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuery);
}

/** How many generated queries of each kind. */
export interface QueryCounts {
  keywords: number;
  fragment: number;
  question: number;
  traditional: number;
  noAnswer: number;
}

export const DEFAULT_COUNTS: QueryCounts = {
  keywords: 60,
  fragment: 60,
  question: 60,
  traditional: 40,
  noAnswer: 30,
};

const QUESTION_TEMPLATES: readonly ((x: string) => string)[] = [
  (x) => `${x}是什么?`,
  (x) => `讲话怎么说${x}`,
  (x) => `${x}有什么要求?`,
  (x) => `怎么理解${x}`,
  (x) => `关于${x},讲话提到了哪些内容`,
];

/** Topics the speech never mentions: these questions should come back "not found". */
const OFF_TOPIC = [
  '周末开放时间',
  '停车场',
  '工资调整',
  '食堂菜单',
  '天气预报',
  '股票行情',
  '足球比赛',
  '签证办理',
  '快递地址',
  '电影票',
  '医保报销',
  '高铁时刻表',
  'wifi密码',
  '年假天数',
  '房价走势',
];

const NO_ANSWER_TEMPLATES: readonly ((x: string) => string)[] = [
  (x) => `${x}怎么查?`,
  (x) => `请问${x}在哪里看`,
  (x) => `${x}`,
  (x) => `档案馆的${x}是多少`,
];

export function buildQueries(
  evalQueries: readonly EvalQuery[],
  material: Material,
  seed: number,
  counts: QueryCounts = DEFAULT_COUNTS,
): BenchQuery[] {
  const rng = new Rng(seed);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const generated = (kind: QueryKind, count: number, make: () => string): BenchQuery[] =>
    Array.from({ length: count }, () => ({ kind, text: make() }));
  const keywords = generated('keywords', counts.keywords, () => keywordPair(material, rng));
  const questions = generated('question', counts.question, () =>
    rng.pick(QUESTION_TEMPLATES)(rng.pick(material.vocabulary)),
  );
  return [
    ...evalQueries.map((query) => ({ kind: 'eval' as const, text: query.query })),
    ...keywords,
    ...generated('fragment', counts.fragment, () => fragment(material, rng)),
    ...questions,
    ...generated('traditional', counts.traditional, () =>
      toTraditional(rng.pick([...keywords, ...questions]).text),
    ),
    ...generated('no-answer', counts.noAnswer, () => rng.pick(NO_ANSWER_TEMPLATES)(rng.pick(OFF_TOPIC))),
  ];
}

function keywordPair(material: Material, rng: Rng): string {
  return `${rng.pick(material.vocabulary)} ${rng.pick(material.vocabulary)}`;
}

/** 4–12 characters cut from a random sentence, as if pasted from the speech. */
function fragment(material: Material, rng: Rng): string {
  const sentence = [...rng.pick(material.sentences)];
  const length = Math.min(sentence.length, rng.int(4, 12));
  const start = rng.int(0, sentence.length - length);
  return sentence.slice(start, start + length).join('');
}
