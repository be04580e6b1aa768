import { toChineseNumeral } from '../content/numerals.ts';
import { formatPlace, sectionLabel } from '../content/place.ts';
import type { Passage, SpeechDocument } from '../content/types.ts';
import { WHEN_ZH } from './figures.ts';
import { compact } from './phrase.ts';
import { absoluteSection, isEnglishQuery, type PlaceRequest, parsePlaceRequest } from './place-request.ts';

/**
 * Questions about the document rather than its content: who spoke, where and when it was
 * published, its title, its parts. They are answered from the front matter and the structure,
 * never from a passage that happens to share a word.
 */
export type DocumentFact = 'speaker' | 'publication' | 'title' | 'parts' | 'part' | 'contents';

export interface DocumentAnswer {
  fact: DocumentFact;
  document: SpeechDocument;
  /** The passage the answer stands for: the source line, the author line, a part's first passage. */
  passage: Passage;
  /** The answer, in the language of the question. */
  text: string;
  /**
   * The part asked for is not in the document (第九部分 of three): `text` says what is, for a
   * "not found" to show, as a missing paragraph is answered.
   */
  absent?: true;
}

interface Intent {
  fact: DocumentFact;
  zh?: RegExp;
  en?: RegExp;
  /**
   * What must match for this fact to be answered beside another one the question asks first, when
   * its own patterns hold words a question about the content uses too ("what issue does it
   * address", 来源于群众). Without it, the patterns themselves.
   */
  alongside?: { zh: RegExp; en: RegExp };
}

/** Giving a speech or writing a text, and the text, in the speaker patterns of {@link INTENTS}. */
const GAVE_ZH = '(讲|写|说|发表|作|做)';
const SPEECH_ZH = '(讲话|文章|发言|报告|稿子)';
const WHICH_PERSON_ZH = '哪位(领导|同志)';
/** A newspaper: 报 alone only where it is not the start of 报告, 报道, 报名 and the like. */
const NEWSPAPER_ZH = '报纸|报刊|媒体|刊物|报(?![告道名销表送批考警到请])';
/** The speech itself, in an English question about the document. */
const THE_TEXT_EN = '(the|this) (speech|article|piece|text|talk)\\b';

/**
 * What can be asked about the document, in order: the first that matches decides whether the
 * document is asked about at all; every other one asked beside it is answered too.
 */
const INTENTS: readonly Intent[] = [
  {
    fact: 'contents',
    zh: /^(目录|提纲|大纲|纲要)$|目录|提纲/,
    en: /\b(table of contents|contents|outline|toc)\b/,
  },
  {
    fact: 'parts',
    // 小标题 are the parts' headings, which the parts list gives.
    zh: /(几|多少)(个|大)?(部分|板块)|分(了|为|成)?几(个|大)?(部分|块)|(讲话|文章|全文)的?(结构|框架)|小标题|各(个)?部分的?标题/,
    // "how many main sections", "how many big parts": an adjective or two may stand between.
    en: /\bhow many (\w+ ){0,2}(parts|sections)\b|\b(structure|structured)\b|\bdivided into\b|\bsub-?headings\b|\bsection (titles|headings)\b/,
  },
  {
    fact: 'speaker',
    // 哪位领导 asks for the speaker only when it asks who gave the speech (哪位领导的讲话, 哪位领导作了
    // 这篇讲话, 讲话是哪位领导作的, 作这个报告的是哪位领导): 哪位领导要带头学习 and 讲话要求哪位领导带头
    // 作出表率 ask about the content.
    zh: new RegExp(
      [
        `谁${GAVE_ZH}的|谁的(讲话|文章|发言)|是谁(讲|写|说)|${SPEECH_ZH}是谁的`,
        '(?<!工)作者|讲话人|发言人|演讲人|演讲者|讲话的人',
        `${WHICH_PERSON_ZH}(的(讲话|文章|发言)|${GAVE_ZH}的|[^，。？！,.?!]{0,12}?${GAVE_ZH}(了|过)?(这篇|这个|该|此)?${SPEECH_ZH})`,
        `${SPEECH_ZH}(是|由)${WHICH_PERSON_ZH}|(作|做|发表|写)(这篇|这个|该)?${SPEECH_ZH}?的是${WHICH_PERSON_ZH}|这是${WHICH_PERSON_ZH}`,
        '职务|职位|头衔|什么身份',
      ].join('|'),
    ),
    en: /\bwho\b.*\b(wrote|write|written|gave|give|given|deliver|delivered|author|speaker|spoke|speaking|made)\b|\b(author|speaker|written by|by whom)\b|\b(his|her|their|(author|speaker|director)['’]s) (official |job )?(position|job|post|role|title)\b/,
  },
  {
    fact: 'title',
    // 小标题 is a part's heading, which the parts answer.
    zh: /(?<!小)标题|题目|篇名|副题|(讲话|文章|这篇)(的)?(名字|叫什么)/,
    // The English cues name what the Chinese ones do: the title, the headline, the subtitle (副题).
    en: new RegExp(
      [
        // "his title" is the speaker's post, not the text's.
        "(?<!\\b(?:his|her|their|(?:author|speaker|director)['’]s) (?:job |official )?)\\b(title|headline|subtitle|sub-title)s?\\b|\\bsub-?heading\\b",
        `\\bwhat is ${THE_TEXT_EN} called\\b|\\bname of ${THE_TEXT_EN}`,
      ].join('|'),
    ),
  },
  {
    fact: 'publication',
    alongside: {
      zh: new RegExp(
        `(哪|什么)(家|份|个)?(${NEWSPAPER_ZH})|(发表|刊登|登|刊|发)(在|于)(哪|什么)|在哪(儿|里)?(发表|刊登|登)|出处|(发表|刊登|见报|刊出)的?(日期|时间|哪天)|(第?几|哪一|哪个)(期|版)|期号|版面`,
      ),
      en: /\b(newspaper|published|publication|printed)\b|\b(which|what) (issue|page)\b(?! (does|do|did) (it|this|the (speech|article|talk|piece|text)) (address|raise|discuss|cover|mention|tackle|deal|talk))|\bin which issue\b/,
    },
    // When it was published may be asked with where between (哪天在中国档案报上刊登的); 登 alone
    // is not enough there (什么时候去登记).
    zh: new RegExp(
      [
        // 报 as the newspaper, not in 报告, 报道, 报名 (什么报告 asks about the content).
        `(哪|什么)(家|份|个)?(${NEWSPAPER_ZH})|(发表|刊登|登|刊|发)(在|于)(哪|什么)|在哪(儿|里)?(发表|刊登|登)`,
        '出处|来源|出自(哪|什么)|(怎么|如何)(引用|注明|标注|标明|标出处)|见报',
        // 登 as publishing, not in 登记, 登录 (什么时候登记).
        `(${WHEN_ZH}|日期)(发表|刊登|登(?![记录门])|见报|发布|出版|刊出)`,
        // 这是什么时候的讲话, 讲话是哪年讲的: the date the speech is known by is its publication's.
        `(${WHEN_ZH})的${SPEECH_ZH}|${SPEECH_ZH}是(${WHEN_ZH})${GAVE_ZH}的`,
        `(${WHEN_ZH})[^，。？！,.?!\\s]{0,12}?(发表|刊登|刊发|刊出|登载|见报|登出|登的|登在|[见上]的报)`,
        '(发表|刊登|登报|见报|发布|出版|刊出)(的)?(日期|时间|哪天|哪一天|是什么时候|于何时)',
        '(第?几|哪一|哪个)(期|版)|期号|版面|总第几期',
      ].join('|'),
    ),
    en: new RegExp(
      [
        '\\b(newspaper|newspapers|paper|publication|published|publish|printed|print|appeared?|source|cite|citation|issue|page)\\b',
        // When it came out or was given, asked of the text itself: its known date is the publication's.
        // The text is the subject and the verb follows it ("When was it given?"), so "When did this
        // archive deliver its records?" and "What year does the speech set as a deadline?" are
        // questions about the content.
        `\\bwhen (was|did|is) (it|this|${THE_TEXT_EN}) (first )?(given|give|delivered|deliver|come out|came out|released?|written|write|published)\\b`,
        `\\bwhat (date|day|year) (is|was) (it|this|${THE_TEXT_EN})|\\b(date|day|year) of ${THE_TEXT_EN}`,
      ].join('|'),
    ),
  },
];

/**
 * Answers a question about the document, or returns `undefined` when the query is about the
 * content. Only the first document is asked about, as the bot serves one speech; a second content
 * file is searched, not described.
 *
 * @param query the normalized (Simplified) query
 * @param place the place the query names, when the caller has read it already (`null`: none)
 * @example answerDocumentQuestion('这篇讲话是谁讲的?', documents)?.text // '讲话人:黄国雄,湖北省档案馆馆长。'
 */
export function answerDocumentQuestion(
  query: string,
  documents: readonly SpeechDocument[],
  place?: PlaceRequest | null,
): DocumentAnswer | undefined {
  const [document] = documents;
  if (!document) return undefined;
  const english = isEnglishQuery(query);
  const text = english ? query.toLowerCase() : query;
  const request = place === undefined ? parsePlaceRequest(text, english) : (place ?? undefined);
  const part = requestedPart(request, document);
  if (part !== undefined) {
    if (document.sections[part]?.heading) return answer(document, 'part', english, part);
    // 第九部分讲什么 of a speech in three parts: not found, with how many parts it has, rather
    // than a passage that says 部分.
    if (part === 0 && document.sections.some((candidate) => candidate.heading)) {
      return { ...answer(document, 'parts', english), absent: true };
    }
  }
  if (!english && isTitleFragment(query, document)) return answer(document, 'title', english);
  const asked = english ? text : standardQuestionWords(text);
  const matched = INTENTS.flatMap(({ fact, en, zh, alongside }) => {
    const at = (english ? en : zh)?.exec(asked)?.index;
    if (at === undefined) return [];
    const besideAnother = alongside ? (english ? alongside.en : alongside.zh).exec(asked)?.index : at;
    return [{ fact, at, besideAnother }];
  });
  // The first intent that matches, in the order of INTENTS, decides whether the document is asked about.
  const [decisive] = matched;
  if (!decisive || !asksAbout(decisive.fact, { asked, query, english, document })) return undefined;
  // 这篇讲话是谁讲的,题目是什么: every fact asked for is answered, in the order asked.
  const facts = matched
    .filter(
      ({ fact, besideAnother }) =>
        fact === decisive.fact ||
        (besideAnother !== undefined && asksAbout(fact, { asked, query, english, document })),
    )
    .sort((a, b) => a.at - b.at)
    .map(({ fact }) => fact);
  return combinedAnswer(facts.map((fact) => answer(document, fact, english)));
}

/** Whether a question an intent matched asks about the document, not what it says. */
function asksAbout(
  fact: DocumentFact,
  {
    asked,
    query,
    english,
    document,
  }: { asked: string; query: string; english: boolean; document: SpeechDocument },
): boolean {
  // 作者认为根本任务是什么, "what did the speaker say about …": naming the speaker is not asking about him.
  if (fact === 'speaker' && namesSpeakerOnly(asked, english)) return false;
  // 档案工作姓党这个说法出自哪段 asks where in the speech, not which newspaper: search answers it.
  // (A speaker question about a quote is answered by the speaker, who said all of it.)
  if (fact === 'publication' && !english && quotesAPassage(query, document)) return false;
  return true;
}

/**
 * One answer for the facts a question asks for, one line each, in the order asked: the first
 * stands for the whole (its fact and passage). The contents and the parts say the same.
 */
function combinedAnswer(answers: readonly DocumentAnswer[]): DocumentAnswer | undefined {
  const [first] = answers;
  if (!first) return undefined;
  const texts = [...new Set(answers.map((answer) => answer.text))];
  return { ...first, text: texts.join('\n') };
}

/**
 * A Chinese question with its colloquial question words in the standard form the intents are
 * written in: 啥 is 什么 (叫啥名字, 啥时候), 咋 is 怎么, and 哪个 asking for a person is 哪位
 * (哪个领导) or 谁 (哪个写的).
 *
 * @example standardQuestionWords('这稿子哪个写的,叫啥名字') // '这稿子谁写的,叫什么名字'
 */
export function standardQuestionWords(text: string): string {
  return text
    .replace(/啥子?/gu, '什么')
    .replace(/咋/gu, '怎么')
    .replace(/哪个(?=领导|同志)/gu, '哪位')
    .replace(/哪个(?=(?:讲|写|说)的)/gu, '谁');
}

/**
 * A question about the speaker's life beyond what the front matter says (his earlier posts, when
 * he took office, his age or schooling): the document does not say, and the byline that answers
 * "who spoke" must not stand in for it. Returns what the document does say of the speaker, to
 * show with "not found", or `undefined` when the question is not of this kind.
 *
 * @param query the normalized (Simplified) query
 * @example speakerBeyondFrontMatter('黄国雄之前在哪些单位任职?', documents)?.text // '讲话人:黄国雄,湖北省档案馆馆长。…'
 */
export function speakerBeyondFrontMatter(
  query: string,
  documents: readonly SpeechDocument[],
): DocumentAnswer | undefined {
  const [document] = documents;
  const author = document?.meta.author;
  if (!document || !author) return undefined;
  const english = isEnglishQuery(query);
  // In English the speaker's name (Huang Guoxiong, or Huang alone) reads as "he".
  const text = english ? namesAsHe(query.toLowerCase(), document) : query;
  const aboutSpeaker = english
    ? SPEAKER_EN.test(text)
    : [author, document.meta.role].some((name) => name && text.includes(name)) || SPEAKER_ZH.test(text);
  if (!aboutSpeaker) return undefined;
  const patterns = english ? SPEAKER_PATTERNS_EN : speakerPatternsZh(document);
  if (!patterns.biography.test(text) && !patterns.tenure.test(text)) return undefined;
  // 馆长说以前在学习上有哪些问题: what he said of the past, not his own past.
  if (patterns.reported.test(text)) return undefined;
  return answer(document, 'speaker', english);
}

/** The text with the translated author's name, whole or any part of it, replaced by "he". */
function namesAsHe(text: string, document: SpeechDocument): string {
  const name = document.translations.find((translation) => translation.lang === 'en')?.meta.author;
  if (!name) return text;
  const parts = [name, ...name.split(/\s+/)]
    .map((part) => part.toLowerCase())
    .filter((part) => part.length > 1);
  return parts.reduce((replaced, part) => replaced.replaceAll(part, 'he'), text);
}

/** What tells a question about the speaker's own life from one about what he said. */
interface SpeakerPatterns {
  /** His earlier posts, age, schooling, taking office. */
  biography: RegExp;
  /** His post changing hands. */
  tenure: RegExp;
  /** What he said, right after he is named. */
  reported: RegExp;
}

/** Verbs of saying, in both speaker rules: what he said is searched, not answered from the byline. */
const SAYING_ZH = '说|提到|提出|认为|强调|指出|谈到|要求|批评|希望|觉得|主张';
const SAYING_EN = [
  ...['say', 'says', 'said', 'mention', 'mentions', 'mentioned', 'think', 'thinks', 'thought'],
  ...['believe', 'believes', 'stress', 'stresses', 'stressed', 'argue', 'argues', 'argued'],
  ...['note', 'notes', 'noted', 'criticize', 'criticizes', 'criticized', 'want', 'wants', 'wanted'],
  ...['mean', 'means', 'urge', 'urges', 'ask', 'asks', 'call', 'calls'],
].join('|');

/**
 * The Chinese patterns for a document, whose author and role name the speaker too. Made once per
 * document: the content is fixed.
 */
function speakerPatternsZh(document: SpeechDocument): SpeakerPatterns {
  let patterns = speakerPatternsByDocument.get(document);
  if (!patterns) {
    const names = [document.meta.author, document.meta.role]
      .filter((part): part is string => Boolean(part))
      .map((part) => `${escapeRegExp(part)}|`)
      .join('');
    const speaker = `(?:${names}${SPEAKER_ZH.source})`;
    patterns = {
      biography: BIOGRAPHY_ZH,
      // His post changing hands: who held it before or after him (前任, 下一任), whether he still
      // holds it, when he left or retired, where he went. A move or a retirement counts only right
      // after him, as its subject (他后来调到哪里, 作者退休了吗): 要把干部调到基层 and
      // 馆长对快退休的干部怎么说 are about the speech's own subjects.
      tenure: new RegExp(
        `前任|继任|接任|上一任|下一任|接班人|(?:他|${speaker})(?:后来|现在|如今|目前|已经|是否|是不是|什么时候|啥时候|何时|哪一?年)?(?:离任|卸任|调任|调到|调往|调走|升任|退休|被提拔|还是馆长|还在任)`,
        'u',
      ),
      // Not about himself (作者说他是哪里人, 作者谈过他的工作经历吗 still ask about him); 讲话 and 谈话
      // are nouns (馆长讲话时多大年纪).
      reported: new RegExp(
        `${speaker}(?:在讲话中|在文中|文中|讲话中)?(?:${SAYING_ZH}|讲(?!话)|谈(?!话))(?![过了]?(?:他|自己|本人))`,
        'u',
      ),
    };
    speakerPatternsByDocument.set(document, patterns);
  }
  return patterns;
}

const speakerPatternsByDocument = new WeakMap<SpeechDocument, SpeakerPatterns>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Nouns for the speaker; with his post (馆长), what names him in a question. */
const SPEAKER_NOUN_ZH = /讲话人|(?<!工)作者|发言人|演讲人|演讲者/u;
const SPEAKER_ZH = new RegExp(`${SPEAKER_NOUN_ZH.source}|馆长`, 'u');
const SAYS_ANYWHERE_ZH = new RegExp(`${SAYING_ZH}|讲|谈|怎么看|如何看`, 'u');
const SAYS_ANYWHERE_EN = new RegExp(`\\b(?:${SAYING_EN})\\b`);
const SPEAKER_EN = /\b(speaker|author|director|he|his|him)\b/;
/**
 * Earlier posts, taking office, age, birth, schooling, home town, asked of the speaker. A content
 * question may say 过去 or "retirement" (what does the director say about staff near retirement),
 * so only shapes that ask about the person count.
 */
const BIOGRAPHY_ZH =
  /(之前|以前|此前|曾经)[^，。？！,.?!]{0,2}(在|任|担任|做过|干过)|曾任|履历|简历|(工作|任职|从政)经历|出生|生日|年龄|多大(年纪|岁数)|几岁|岁数|毕业|学历|籍贯|老家|家乡|哪里人|哪儿人|(哪一?年|什么时候|何时)[^，。？！,.?!]{0,4}(担任|上任|任职|当上|就任|出任)|任职(时间|多久|多长|年限)|(当|任|干)了?多(久|长时间)/u;
const HIM = "(?:he|him|his|the (?:speaker|author|director)(?:'s)?)";
const BIOGRAPHY_EN = new RegExp(
  [
    `\\b${HIM} (?:career|background|age|education|schooling|previous|earlier|former|past|hometown|birthday)\\b`,
    `\\bhow old\\b`,
    `\\b(?:was|were) ${HIM} born\\b`,
    `\\bwhen did ${HIM} (?:become|start|take|begin|join|graduate)\\b`,
    `\\bhow long has ${HIM}\\b`,
    `\\b${HIM} (?:work|worked|serve|served) (?:before|previously)\\b`,
    `\\bbefore (?:${HIM} became|becoming)\\b`,
    `\\bwhere did ${HIM} (?:work|study|serve|grow up|graduate)\\b`,
  ].join('|'),
);

/** His post changing hands, in English: who held it before or after him, still in office, leaving. */
const TENURE_EN = new RegExp(
  [
    `\\b(?:director|head|in charge|the post|the job) (?:before|after) ${HIM}\\b`,
    `\\b(?:replace|replaced|succeed|succeeded|succeeds|followed) ${HIM}\\b`,
    `\\b(?:successor|predecessor)s?\\b`,
    `\\bis ${HIM} still (?:the )?(?:director|head|in office|in charge)\\b`,
    `\\bwhere did ${HIM} go\\b`,
    `\\b${HIM} (?:retire|retired|resign|resigned|leave|left|step down|stepped down|move|moved|transferred)\\b`,
  ].join('|'),
);
const SPEAKER_PATTERNS_EN: SpeakerPatterns = {
  biography: BIOGRAPHY_EN,
  tenure: TENURE_EN,
  // Not about himself: "did he mention his age" still asks about him.
  reported: new RegExp(
    `\\b(?:he|the (?:speaker|author|director))(?: \\w+)? (?:${SAYING_EN})\\b(?! (?:about )?(?:his|himself)\\b)`,
  ),
};

/**
 * A question that names the speaker (讲话人, 作者, the speaker) to ask what he said, not who he
 * is: it has more than the noun, and no word asking for a person, a name or a post.
 */
function namesSpeakerOnly(text: string, english: boolean): boolean {
  if (english) {
    if (
      !/\b(speaker|author)\b/.test(text) ||
      /^(who|whom|whose)\b|\bwho (is|was|are|were|wrote|gave|delivered|made|spoke)\b|\bname\b|\bposition|\bjob\b|\bpost\b|\brole\b|\btitle\b|\bidentity\b|\bwritten by\b|\bby whom\b/.test(
        text,
      )
    ) {
      return false;
    }
    return SAYS_ANYWHERE_EN.test(text);
  }
  if (!SPEAKER_NOUN_ZH.test(text) && !text.includes('讲话的人')) return false;
  if (/谁|哪位|什么人|名字|叫什么|身份|职务|职位|头衔|是哪|介绍|(干|做)什么的/.test(text)) return false;
  return SAYS_ANYWHERE_ZH.test(text);
}

/**
 * `第二部分讲什么`, `What is part 2 about?`: the part asked about, when that is all that is asked;
 * 0 for a part the document does not have (第零部分, 第九部分 of three), which its list of parts answers.
 * A paragraph or a point of a part (第二部分第三段) is a place search answers.
 */
function requestedPart(request: PlaceRequest | undefined, document: SpeechDocument): number | undefined {
  const section = request && absoluteSection(request, document);
  if (!request || section === undefined) return undefined;
  if (section === null) return 0;
  const wholePart =
    request.paragraph === undefined && request.item === undefined && request.pointLabel === undefined;
  return wholePart && request.rest === '' && section > 0 ? section : undefined;
}

/** Han characters of a run that quotes the speech: as short as an idiom (刮骨疗毒). */
const QUOTED_RUN = 4;
/** A run more passages say than this is the speech's vocabulary (主题教育), not a quote of one. */
const QUOTED_PASSAGES = 2;

/**
 * A query holding a run of the text that at most {@link QUOTED_PASSAGES} passages say (档案工作姓党):
 * asked where it comes from (出自哪里), it asks for that passage. A run the front matter says
 * (湖北省档案馆馆长, 全省档案事业) names the document, not a passage.
 */
function quotesAPassage(query: string, document: SpeechDocument): boolean {
  const body = document.passages.filter((passage) => passage.kind !== 'source');
  const { headline, subtitle, author, role, publication } = document.meta;
  const frontMatter = [document.title, headline, subtitle, author, role, publication].join('\n');
  for (const run of query.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + QUOTED_RUN <= chars.length; i++) {
      const span = chars.slice(i, i + QUOTED_RUN).join('');
      if (frontMatter.includes(span)) continue;
      let saying = 0;
      for (const passage of body) if (passage.text.includes(span)) saying++;
      if (saying > 0 && saying <= QUOTED_PASSAGES) return true;
    }
  }
  return false;
}

/** A query that is only a piece of the title or headline (凝心聚力, 履职尽责). */
function isTitleFragment(query: string, document: SpeechDocument): boolean {
  const typed = compact(query);
  if ([...typed].length < 4) return false;
  const titles = [document.title, document.meta.headline, document.meta.subtitle].filter(
    (title): title is string => title !== undefined,
  );
  return titles.some((title) => compact(title).includes(typed));
}

function answer(document: SpeechDocument, fact: DocumentFact, english: boolean, part = 0): DocumentAnswer {
  const source = document.passages.find((passage) => passage.kind === 'source');
  const [first] = document.passages;
  if (!first) throw new Error(`${document.file} has no passages`);
  const translation = english ? document.translations.find((t) => t.lang === 'en') : undefined;
  const meta = translation?.meta ?? document.meta;
  switch (fact) {
    case 'speaker': {
      const author = document.meta.author;
      const byline = document.passages.find((passage) => author && passage.text.includes(author));
      const name = translation?.meta.author && author ? `${translation.meta.author} (${author})` : author;
      const role =
        translation?.meta.role && document.meta.role
          ? `${translation.meta.role} (${document.meta.role})`
          : document.meta.role;
      // The byline as printed, where the text has one, and the headline that names the author.
      const printed = byline ? bylineText(byline.text, author ?? '') : undefined;
      const headline = document.meta.headline;
      const text = english
        ? `The author and speaker is ${name ?? 'not named'}${role ? `, ${role}` : ''}.${printed ? ` Byline: ${printed}` : ''}`
        : `讲话人:${author ?? '未署名'}${role ? `,${role}` : ''}。${printed ? `原文署名${printed}` : ''}${headline ? `;报纸标题“${headline}”。` : ''}`;
      return { fact, document, passage: byline ?? source ?? first, text };
    }
    case 'publication':
      return {
        fact,
        document,
        passage: source ?? first,
        text: citationText(document, english, meta.publication),
      };
    case 'title': {
      const { headline, subtitle } = document.meta;
      const text = english
        ? `Title: ${document.title}${translation ? ` (“${translation.title}”)` : ''}${headline ? `; headline: ${headline}${translation?.meta.headline ? ` (“${translation.meta.headline}”)` : ''}` : ''}${subtitle ? `; subtitle: ${subtitle}${translation?.meta.subtitle ? ` (“${translation.meta.subtitle}”)` : ''}` : ''}.`
        : `标题:${document.title}${headline ? `(报纸标题:${headline}` : ''}${subtitle ? `;副题:${subtitle}` : ''}${headline ? ')' : ''}。`;
      return { fact, document, passage: first, text };
    }
    case 'part': {
      const section = document.sections[part];
      const opening = document.passages.find((passage) => passage.place.section === part) ?? first;
      const heading = section?.heading ?? '';
      const englishHeading = translation?.headings.get(part);
      const text = english
        ? `${sectionLabel(part, 'en')}: ${englishHeading ? `${englishHeading} (${heading})` : heading}. It has ${section?.paragraphs.length ?? 0} paragraphs.`
        : `${sectionLabel(part)}:${heading}。共${chineseCount(section?.paragraphs.length ?? 0)}段,从${formatPlace(opening)}起。`;
      return { fact, document, passage: opening, text };
    }
    case 'parts':
    case 'contents': {
      const parts = document.sections.filter((section) => section.heading !== null);
      const lines = parts.map((section) =>
        english
          ? `${sectionLabel(section.index, 'en')}: ${translation?.headings.get(section.index) ?? section.heading}`
          : `${sectionLabel(section.index)} ${section.heading}`,
      );
      return { fact, document, passage: first, text: partsText(document, parts.length, lines, english) };
    }
  }
}

/**
 * How the text is divided: its parts after the introduction (when it has one), or, for a text
 * without `## ` headings, that it has none and how many paragraphs it has.
 */
function partsText(
  document: SpeechDocument,
  count: number,
  lines: readonly string[],
  english: boolean,
): string {
  const intro = (document.sections[0]?.paragraphs.length ?? 0) > 0;
  if (count === 0) {
    const paragraphs = document.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
    return english
      ? `The text is not divided into parts; it has ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}.`
      : `全文不分部分,共${chineseCount(paragraphs)}段。`;
  }
  if (english) {
    const parts = `${count} part${count === 1 ? '' : 's'}`;
    return `${intro ? `After an introduction, the speech has ${parts}` : `The speech has ${parts}`}. ${lines.join('; ')}.`;
  }
  return `全文${intro ? '在导语之后' : ''}分${chineseCount(count)}个部分:${lines.join(';')}。`;
}

/** A count before a measure word: 两 for 2 (两个部分, 两段), as Chinese says it; otherwise the numeral. */
function chineseCount(n: number): string {
  return n === 2 ? '两' : toChineseNumeral(n);
}

/** The parenthesized byline that names the author, e.g. `(作者:湖北省档案馆馆长 黄国雄)`. */
function bylineText(text: string, author: string): string | undefined {
  return (text.match(/[(（][^()（）]*[)）]/gu) ?? []).find((group) => group.includes(author));
}

/** `刊登于中国档案报,2019年7月18日,总第3400期,第三版。` from the front matter. */
function citationText(
  document: SpeechDocument,
  english: boolean,
  publicationName: string | undefined,
): string {
  const { publication, date, issue, page } = document.meta;
  if (!publication && !date)
    return english ? `Source: ${document.source ?? document.title}` : (document.source ?? document.title);
  const [year, month, day] = (date ?? '').split('-').map(Number);
  if (english) {
    const name =
      publicationName && publication && publicationName !== publication
        ? `${publicationName} (${publication})`
        : publication;
    return `Published in ${name ?? 'an unnamed publication'}${date ? ` on ${date}` : ''}${issue ? `, ${issue}` : ''}${page ? `, ${page}` : ''}.`;
  }
  const when = year ? `${year}年${month}月${day}日` : '';
  return `刊登于${publication ?? ''}${when ? `,${when}` : ''}${issue ? `,${issue}` : ''}${page ? `,${page}` : ''}。`;
}
