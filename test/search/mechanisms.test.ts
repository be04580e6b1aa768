import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/content/index.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/paths.ts';
import { analyzeText, pickAnalyzer } from '../../src/search/analyzer.ts';
import { chineseAnalyzer, topicalRuns } from '../../src/search/chinese.ts';
import { answerDocumentQuestion } from '../../src/search/document-questions.ts';
import { SpeechSearch } from '../../src/search/engine.ts';
import { englishAnalyzer } from '../../src/search/english.ts';
import { fieldKey, PassageIndex } from '../../src/search/passage-index.ts';
import { allowedErrors, approximateDistance, quotedPhrases } from '../../src/search/phrase.ts';
import { phraseBoosts } from '../../src/search/phrase-evidence.ts';
import { wordBigrams } from '../../src/search/segment.ts';
import { DEFAULT_QUOTE, highlight, makeQuote, outlineQuote } from '../../src/search/snippet.ts';
import { openSpeech } from '../../src/speech.ts';

const search = openSpeech(DEFAULT_CONTENT_DIR);
const documents = search.documents;
const root = mkdtempSync(path.join(tmpdir(), 'speech-mechanisms-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('analyzers', () => {
  it('Chinese: Traditional folded, jieba words, stopwords out', () => {
    expect(analyzeText(chineseAnalyzer, '請問檔案的安全')).toEqual(['档案', '安全']);
    expect(chineseAnalyzer.grams('档案安全')).toEqual(['档案', '案安', '安全']);
    expect(topicalRuns('“刮骨疗毒”是什么意思')).toEqual(['刮骨疗毒', '意思']);
  });

  it('Chinese bigrams: pairs of Han characters, none across a stopword or other characters', () => {
    expect(chineseAnalyzer.grams('档案的安全')).toEqual(['档案', '安全']);
    expect(chineseAnalyzer.grams('档案安全, OK 底线')).toEqual(['档案', '案安', '安全', '底线']);
    // A character outside the Basic Multilingual Plane is one character of a pair.
    expect(chineseAnalyzer.grams('𠮷档案')).toEqual(['𠮷档', '档案']);
    expect(wordBigrams(['档案', '和', '安全'], (word) => word === '和')).toEqual(['档案', '安全']);
  });

  it('English: stopwords out, Porter stems, possessives folded', () => {
    expect(analyzeText(englishAnalyzer, "Who published the newspaper's archives?")).toEqual([
      'publish',
      'newspap',
      'archiv',
    ]);
    expect(analyzeText(englishAnalyzer, 'the a of and')).toEqual([]);
  });

  it('a question is read in the language of its letters', () => {
    const analyzers = [chineseAnalyzer, englishAnalyzer];
    expect(pickAnalyzer('What about records?', analyzers).lang).toBe('en');
    expect(pickAnalyzer('bot 档案 please', analyzers).lang).toBe('zh');
    expect(pickAnalyzer('2019', analyzers).lang).toBe('zh');
  });
});

describe('phrase recall', () => {
  it('finds a phrase with one character replaced, dropped, added or two swapped', () => {
    const text = '检视问题不能大而化之、隔靴搔痒,不能避重就轻';
    expect(approximateDistance('大而化之', text, 1)).toBe(0);
    expect(approximateDistance('隔靴挠痒', text, 1)).toBe(1); // replaced
    expect(approximateDistance('隔搔痒', text, 1)).toBe(1); // dropped
    expect(approximateDistance('避重就就轻', text, 1)).toBe(1); // added
    expect(approximateDistance('避就重轻', text, 1)).toBe(1); // swapped
    expect(approximateDistance('风马牛不相及', text, 2)).toBe(Number.POSITIVE_INFINITY);
  });

  it('allows more errors only in longer phrases', () => {
    expect([4, 7, 8, 16, 24].map(allowedErrors)).toEqual([1, 1, 2, 2, 3]);
  });

  it('reads phrases in any quotation marks', () => {
    expect(quotedPhrases('“守初心、担使命”和「对标对表」还有"学用脱节"')).toEqual([
      '守初心担使命',
      '对标对表',
      '学用脱节',
    ]);
    expect(quotedPhrases('没有引号')).toEqual([]);
  });

  it('ranks the passage of a misremembered idiom first', () => {
    // Each idiom typed with one character wrong; each stands in exactly one passage.
    const cases = [
      ['隔靴挠痒', 'speech/s3-p3'],
      ['坚韧不拔的韧劲', 'speech/s1-p3'],
      ['怨天忧人', 'speech/s1-p5'],
    ] as const;
    for (const [query, id] of cases) expect(search.search(query).hits[0]?.passage.id, query).toBe(id);
  });

  it('quotes where the passage defines a phrase in quotation marks', () => {
    // 找差距 is named with 总要求 in the sentence listing the four requirements, and defined
    // further on: the quote goes to the definition.
    expect(search.search('总要求中「找差距」指什么').hits[0]?.quote.text).toContain('找差距,就是要');
  });

  it('puts the passage of a verbatim quoted phrase first, even a phrase of common words', () => {
    // 主题教育 is everywhere; quoted with its context it names one passage.
    const hit = search.search('“把学习教育、调查研究、检视问题、整改落实贯穿始终”').hits[0];
    expect(hit?.passage.id).toBe('speech/s2-p4-lead');
    expect(hit?.confidence).toBe(1);
  });

  it('counts a long verbatim span of a run that matches nothing as a whole', () => {
    const index = new PassageIndex(documents, [chineseAnalyzer, englishAnalyzer]);
    const boosted = (query: string) =>
      phraseBoosts(query, index, fieldKey('zh', 'text')).map((group) =>
        group.map((boost) => index.entries[boost.passage]?.passage.id),
      );
    // 锤炼忠诚干净担当 (8 characters) is said once; 馆长希望 before it is the asker's own words.
    expect(boosted('馆长希望锤炼忠诚干净担当')).toEqual([['speech/s2-p1']]);
    // Characters outside the BMP (two UTF-16 units each) before the span do not shift it.
    expect(boosted('𠮷𠮷希望锤炼忠诚干净担当')).toEqual([['speech/s2-p1']]);
    // A span of six (全体党员干部) is a common expression, not a quote.
    expect(boosted('馆里希望全体党员干部')).toEqual([]);
    // A span that more than two passages hold says nothing about which one is meant,
    expect(boosted('馆里学好习近平新时代中国特色社会主义思想')).toEqual([]);
    // and does not hide a shorter one that only one passage holds.
    expect(boosted('馆长希望锤炼忠诚干净担当坚定习近平新时代中国特色社会主义思想')).toEqual([
      ['speech/s2-p1'],
    ]);
  });

  it('is what makes a misremembered idiom a confident answer', () => {
    const without = new SpeechSearch(documents, { features: featuresWithout('phrases') });
    // Without it only the bigram 隔靴 of four characters is found: a third of the evidence.
    expect(without.search('隔靴挠痒').hits[0]?.confidence ?? 0).toBeLessThan(0.4);
    expect(search.search('隔靴挠痒').hits[0]?.confidence).toBeGreaterThanOrEqual(0.75);
  });
});

describe('questions about the document', () => {
  it.each([
    ['这篇讲话是谁讲的?', 'speaker', '黄国雄'],
    ['作者是什么职务', 'speaker', '湖北省档案馆馆长'],
    ['登在哪份报纸上', 'publication', '中国档案报'],
    ['这篇文章是哪天发表的', 'publication', '2019年7月18日'],
    ['这是哪位领导的讲话', 'speaker', '黄国雄'],
    ['讲话是哪位同志写的', 'speaker', '黄国雄'],
    ['哪位领导作了这篇讲话', 'speaker', '黄国雄'],
    ['作这个报告的是哪位领导', 'speaker', '黄国雄'],
    // The question word and the verb may have where between them.
    ['讲话是哪一天在报上登出的', 'publication', '2019年7月18日'],
    // Colloquial when-words ask the same as 什么时候.
    ['文章啥时候见的报', 'publication', '2019年7月18日'],
    ['这篇讲话是几时上的报', 'publication', '2019年7月18日'],
    ['这是哪年的讲话', 'publication', '2019年7月18日'],
    // Colloquial question words (啥, 哪个 for a person) ask what the standard ones do.
    ['这稿子是哪个写的', 'speaker', '黄国雄'],
    ['哪个领导作的这个报告', 'speaker', '黄国雄'],
    ['作者是干啥的', 'speaker', '湖北省档案馆馆长'],
    ['这篇东西题目叫啥', 'title', '凝心聚力 履职尽责'],
    ['全文分了几个部分', 'parts', '三个部分'],
    ['几号登出来的', 'publication', '2019年7月18日'],
    ['第几版', 'publication', '第三版'],
    ['标题是什么', 'title', '凝心聚力 履职尽责'],
    ['凝心聚力', 'title', '凝心聚力 履职尽责'],
    ['一共分几个部分', 'parts', '三个部分'],
    ['第二部分讲什么', 'part', '准确把握目标任务'],
    ['目录', 'contents', '切实加强组织领导'],
    // 小标题 and "subheadings" are the parts' headings; "his official title" is the speaker's post.
    ['讲话有哪些小标题', 'parts', '第三部分 切实加强组织领导'],
    ['What are the subheadings?', 'parts', 'Part 3'],
    ["What is the director's title?", 'speaker', 'Director of the Hubei Provincial Archives'],
    ['What is his official title?', 'speaker', 'Director of the Hubei Provincial Archives'],
    ['Who wrote this?', 'speaker', 'Huang Guoxiong'],
    ['Which newspaper printed it?', 'publication', 'China Archives News'],
    ['How many parts does the speech have?', 'parts', 'Part 3'],
    ['What is part two about?', 'part', 'Part 2'],
    // The English cues and answers name what the Chinese ones do.
    ['What is the subtitle?', 'title', 'subtitle: 推动全省档案事业高质量发展'],
    ['Which headline did the paper give it?', 'title', 'Huang Guoxiong: Promote High-Quality Development'],
    ['How many main sections are there?', 'parts', 'Part 3'],
    // When the text came out or was given, and its name, asked in everyday words.
    ['When did this piece come out?', 'publication', '2019-07-18'],
    ['What year is this talk from?', 'publication', '2019-07-18'],
    ['What is the name of the article?', 'title', '凝心聚力 履职尽责'],
  ])('%s → %s', (query, fact, words) => {
    const result = search.search(query);
    expect(result.hits[0]?.fact).toBe(fact);
    expect(result.hits[0]?.quote.text).toContain(words);
  });

  it.each([
    ['第九部分讲了什么', '三个部分'],
    ['第四部分讲什么', '三个部分'],
    ['What is part 4 about?', 'Part 3'],
  ])(
    '%s, a part the speech does not have: not found, with the parts it has (not a passage saying 部分 or 第四)',
    (query, words) => {
      const result = search.search(query);
      expect(result.status).toBe('not_found');
      expect(result.hits).toEqual([]);
      expect(result.known).toContain(words);
    },
  );

  it('leaves asking where a quote comes from to search, which finds its passage', () => {
    // 刮骨疗毒 is said in one passage: the question is about it, and its answer shows the source.
    for (const query of ['刮骨疗毒这个说法出自哪里', '“刮骨疗毒”的出处']) {
      const [hit] = search.search(query).hits;
      expect(hit?.fact).toBeUndefined();
      expect(hit?.passage.text).toContain('刮骨疗毒');
    }
    expect(search.search('出处是什么').hits[0]?.fact).toBe('publication');
    // Who said a quote: the speaker, who said all of it.
    expect(search.search('刮骨疗毒是谁说的').hits[0]?.fact).toBe('speaker');
  });

  it('still answers about the document when the question describes the speech in its own words', () => {
    // Runs one or two passages say (会议上的, 全省档案系统), or the front matter (湖北省档案馆馆长).
    expect(search.search('主题教育工作会议上的讲话是谁讲的').hits[0]?.fact).toBe('speaker');
    expect(search.search('全省档案系统的讲话是谁讲的').hits[0]?.fact).toBe('speaker');
    expect(search.search('湖北省档案馆馆长讲的这篇讲话发表在哪').hits[0]?.fact).toBe('publication');
  });

  it('leaves questions about the content to search', () => {
    for (const query of [
      '领导小组办公室设在哪里',
      // A when-question with 登 in another word is not about publishing.
      '什么时候去档案馆登记',
      '主题教育的总要求是什么',
      '档案安全',
      '第二部分第三段说了什么',
      // 哪位领导 about someone the content speaks of, not about who gave the speech.
      '哪位领导要带头学习',
      '采购专班是哪位领导牵头负责的',
      '讲话要求哪位领导带头作出表率',
      '哪个领导要带头学习',
      '啥是主题教育',
      // Colloquial words read as standard ones must not make content questions look like these.
      '讲话提到了啥报告',
      '档案咋标准化',
      '几时登记档案',
      '哪个做的工作最多',
      'What day-to-day work does the speech describe?',
      'What year does the speech set as the deadline for digitization?',
      'When was it made a priority to digitize archives?',
      'When did this archive deliver its records?',
      '文章里批评了哪位同志',
    ]) {
      expect(answerDocumentQuestion(query, documents), query).toBeUndefined();
    }
  });

  it.each([
    ['讲话人是谁?讲话叫什么题目?', 'speaker', ['讲话人:黄国雄', '标题:凝心聚力 履职尽责']],
    ['文章题目是什么,是谁写的', 'title', ['标题:凝心聚力 履职尽责', '讲话人:黄国雄']],
    ['讲话分几部分?刊登在哪份报纸?', 'parts', ['三个部分', '刊登于中国档案报']],
    [
      'Where was the talk printed, and how many parts does it have?',
      'publication',
      ['China Archives News', 'Part 3'],
    ],
    ['Who wrote this and which newspaper printed it?', 'speaker', ['Huang Guoxiong', 'China Archives News']],
    ['Who wrote this and what page was it on?', 'speaker', ['Huang Guoxiong', '第三版']],
  ])(
    '%s: every fact asked for, one line each in the order asked (the first is the fact)',
    (query, fact, lines) => {
      const [hit] = search.search(query).hits;
      expect(hit?.fact).toBe(fact);
      const answered = hit?.quote.text.split('\n') ?? [];
      expect(answered).toHaveLength(lines.length);
      for (const [i, line] of lines.entries()) expect(answered[i]).toContain(line);
    },
  );

  it.each([
    // The speaker's title and a part's 小标题 are not the text's title.
    ['What is the speaker’s job title?', 1],
    ['Who wrote it and what is his title?', 1],
    ['全文分几个部分?各部分的小标题是什么?', 1],
    // The parts and the contents say the same: once.
    ['目录里一共有几个部分', 1],
    // Words a question about the content uses too are not asked for beside the speaker.
    ['Who is the author and what issue does the speech address?', 1],
    ['作者是谁?他提到的来源于群众是什么意思', 1],
  ])('%s: %i line, no fact it does not ask for', (query, count) => {
    expect(search.search(query).hits[0]?.quote.text.split('\n')).toHaveLength(count);
  });

  it('asks nothing more of the document when the first fact it reads is about what the speech says', () => {
    // 作者认为 names the speaker to ask what he thinks; 标题 does not make it a title question.
    expect(answerDocumentQuestion('作者认为标题里的凝心聚力指什么', documents)).toBeUndefined();
  });

  it('points every fact at a real passage: the author line, the source line, a part', () => {
    expect(search.search('作者是谁').hits[0]?.passage.id).toBe('speech/s3-p3');
    expect(search.search('出处').hits[0]?.passage.kind).toBe('source');
    expect(search.search('第三部分讲什么').hits[0]?.passage.id).toBe('speech/s3-p1');
  });
});

describe('English questions', () => {
  it('search the translation and answer with the aligned Chinese passage and its translation', () => {
    const result = search.search('Where is the office of the leading group?');
    expect(result.lang).toBe('en');
    const [hit] = result.hits;
    expect(hit?.passage.id).toBe('speech/s3-p1');
    expect(hit?.quote.text).toContain('领导小组办公室设在机关党委');
    expect(hit?.translations.get('en')).toMatch(/leading group/i);
  });

  it('fall back to the Chinese text and glossary without the translation and the English notes', () => {
    const without = new SpeechSearch(documents, {
      features: { notes: false, translations: false, phrases: true, documentQuestions: true },
    });
    expect(without.search('Where is the office of the leading group?').lang).toBe('zh');
  });
});

describe('passage notes', () => {
  it('let a question in everyday words find the passage, and are never quoted', () => {
    // 丢面子 is not in the speech; the notes of s1-p4 speak of front-desk work as losing face.
    const notes = documents[0]?.notes.get('speech/s1-p4');
    expect(JSON.stringify(notes)).toContain('面子');
    const query = '在窗口接待群众觉得丢面子';
    const hit = search.search(query).hits[0];
    expect(hit?.passage.id).toBe('speech/s1-p4');
    expect(hit?.passage.text).toContain(hit?.quote.text.replace(/^…|…$/g, '') ?? 'missing');
  });
});

describe('notes on one part of a passage', () => {
  const long = [
    '第一,要读书。',
    '读书要先读原著,原原本本地读,不能只看别人的辅导材料和摘要。',
    '读书要联系工作实际,带着问题去读,把书里的道理用到解决难题上去。',
    '读书还要持之以恒,每天读一点,日积月累,不能三天打鱼两天晒网。',
    '第四句话讲的是读书要和同事交流,一起讨论,互相启发,共同提高。',
  ].join('');

  it('quote the part they are about when a question asks nearly what the note asks', () => {
    const dir = path.join(root, 'parts');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'reading.md'), `# 读书讲话\n\n## 读书\n\n${long}\n`);
    const notes = [
      's1-p1:',
      '  parts:',
      '    - about: 不能三天打鱼两天晒网',
      '      zh: [看书老是坚持不下来怎么办?]',
      '',
    ];
    writeFileSync(path.join(dir, 'reading.notes.yml'), notes.join('\n'));
    const short = { ...DEFAULT_QUOTE, maxLength: 60 };
    const reading = new SpeechSearch(loadDocuments(dir), { quote: short });
    const hit = reading.search('看书总是坚持不下来咋办').hits[0];
    expect(hit?.quote.text).toContain('不能三天打鱼两天晒网');
    // The same question noted for the whole passage finds it, but cannot say which part answers.
    const whole = ['s1-p1:', '  questions:', '    zh: [看书老是坚持不下来怎么办?]', ''];
    writeFileSync(path.join(dir, 'reading.notes.yml'), whole.join('\n'));
    const unanchored = new SpeechSearch(loadDocuments(dir), { quote: short });
    const plain = unanchored.search('看书总是坚持不下来咋办').hits[0];
    expect(plain?.passage.id).toBe(hit?.passage.id);
    expect(plain?.quote.text).not.toContain('三天打鱼');
  });

  it('makeQuote keeps a short title sentence and picks the rest by the words it lacks', () => {
    const quote = makeQuote(
      long,
      [
        { term: '读书', weight: 1 },
        { term: '持之以恒', weight: 5 },
      ],
      { maxLength: 60 },
    );
    expect(quote.text).toBe('第一,要读书。…读书还要持之以恒,每天读一点,日积月累,不能三天打鱼两天晒网。…');
  });

  it('makeQuote prefers the sentence that opens with the word over one that mentions it', () => {
    const text =
      '本次活动的总要求一共有四句话,就是守初心、担使命、找差距、抓落实,缺一不可。守初心,就是要守住初心。担使命,就是要担负使命。另有一句话很长很长很长很长很长。';
    expect(makeQuote(text, [{ term: '担使命', weight: 1 }], { maxLength: 14 }).text).toBe(
      '…担使命,就是要担负使命。…',
    );
  });
});

describe('highlights in English text', () => {
  it('mark the whole word a stem opens, and leave Chinese matches as they are', () => {
    const terms = [
      { term: 'book', weight: 1 },
      { term: 'desk', weight: 1 },
      { term: '档案', weight: 1 },
    ];
    const text = 'Study desks can be booked; 档案馆 too.';
    const marked = highlight(text, terms).map(([start, end]) => text.slice(start, end));
    expect(marked).toEqual(['desks', 'booked', '档案']);
    // A term found inside another word is not that word: only the word itself is marked.
    const inside = 'the start of art';
    expect(highlight(inside, [{ term: 'art', weight: 1 }])).toEqual([[13, 16]]);
  });
});

describe('a lead that announces points', () => {
  it('is quoted with the opening sentence of each point, so a question about the list gets the list', () => {
    const hit = search.search('工作安排').hits[0];
    expect(hit?.passage.kind).toBe('lead');
    expect(hit?.quote.text).toContain('一要扎实推进学习教育。…');
    expect(hit?.quote.text).toContain('四要扎实推进整改落实。…');
    expect(hit?.quote.truncated).toBe(true);
  });

  it('stops before the length limit and marks the cut', () => {
    const quote = outlineQuote('第一,两件事。', ['一是甲。甲的细节。', '二是乙。乙的细节。'], [], {
      maxLength: 14,
    });
    expect(quote.text).toBe('第一,两件事。一是甲。…');
  });
});

describe('questions set in a time or place the speech never names', () => {
  it('are not found, though the rest of the question matches a passage', () => {
    expect(search.search('检视问题怎么安排').status).toBe('found');
    expect(search.search('明年的检视问题怎么安排').status).toBe('not_found');
    expect(search.search('武汉市档案馆的检视问题怎么安排').status).toBe('not_found');
    expect(search.search('Is problem checking arranged on Saturday?').status).toBe('not_found');
  });

  it('a question asking for a kind of thing the speech never speaks of is not found', () => {
    expect(chineseAnalyzer.focusWords?.('整改落实要填什么表格')).toEqual(['表格']);
    expect(chineseAnalyzer.focusWords?.('领导小组的秘书长是谁')).toEqual(['秘书长']);
    expect(search.search('整改落实要列出什么清单').status).toBe('found');
    expect(search.search('整改落实要填什么表格').status).toBe('not_found');
    expect(search.search('查档要带什么证明').status).toBe('not_found');
  });

  it('counts a word in Latin letters the speech never uses against a match on the Chinese words', () => {
    // The bigram share of a question is a share of all of it: 学习心得 matches a note question,
    // but it is not most of a question about a program the speech never names.
    expect(search.search('写学习心得').status).toBe('found');
    expect(search.search('用 WPS 写学习心得').status).toBe('not_found');
  });

  it('decides even when the rest of the question is the speech word for word', () => {
    expect(search.search('领导小组办公室设在哪里').status).toBe('found');
    expect(search.search('领导小组的组长是谁').status).toBe('not_found');
    // jieba tags 室主任 as one word and cuts 主任: the asked-for word is the cut word it ends with.
    expect(search.search('领导小组办公室主任是谁').status).toBe('not_found');
  });

  it('finds what is asked for past a count, and after 是谁 whatever jieba tags it', () => {
    expect(chineseAnalyzer.focusWords?.('领导小组的组长是谁')).toEqual(['组长']);
    expect(chineseAnalyzer.focusWords?.('讲话表扬的是哪几位同志')).toEqual(['同志']);
    expect(chineseAnalyzer.focusWords?.('成员名单有哪些人')).toEqual(['成员名单']);
    expect(search.search('领导小组的成员名单有哪些人').status).toBe('not_found');
    // An adverb between the noun and 是谁 (分别, 到底, 都) does not hide it.
    expect(chineseAnalyzer.focusWords?.('办公室的主任分别是谁')).toEqual(['主任']);
    expect(chineseAnalyzer.focusWords?.('领导小组的秘书长到底是谁')).toEqual(['秘书长']);
    expect(chineseAnalyzer.focusWords?.('这些人到底是谁')).toEqual([]);
    expect(search.search('领导小组的组长和秘书长分别是谁').status).toBe('not_found');
    // With a noun of its own (什么要求), the question asks for that, not for its topic.
    expect(chineseAnalyzer.focusWords?.('表面文章有什么要求')).toEqual([]);
    // 哪种 and 哪类 ask as 什么 does; a modifier or two may stand before the noun asked for.
    expect(chineseAnalyzer.focusWords?.('违纪的人受到哪种处分')).toEqual(['处分']);
    expect(chineseAnalyzer.focusWords?.('哪类处分最重')).toEqual(['处分']);
    expect(chineseAnalyzer.focusWords?.('学习计划有哪些必读书目')).toEqual(['书目']);
    expect(chineseAnalyzer.focusWords?.('评出了哪些优秀调研报告')).toEqual(['报告']);
    expect(search.search('学习计划有哪些必读书目').status).toBe('not_found');
    // After 什么 a verb is the question's own; a noun before 的 belongs to a clause.
    expect(chineseAnalyzer.focusWords?.('什么影响学习效果')).toEqual([]);
    expect(chineseAnalyzer.focusWords?.('什么是党性修养')).toEqual([]);
    expect(chineseAnalyzer.focusWords?.('有哪些影响学习效果的因素')).toEqual([]);
    expect(search.search('什么是党性修养').status).toBe('found');
    // The noun after the modifiers is what counts: the speech speaks of 作风 and 体系.
    expect(search.search('要树立哪些良好作风').status).toBe('found');
    expect(search.search('要推进哪些重要体系建设').status).toBe('found');
  });

  it('counts a word a synonym stands in for as met', () => {
    // 后果 is not the speech's word, but the synonym list stands 严肃批评 in for it.
    expect(search.search('敷衍了事的人会有什么后果').status).toBe('found');
  });

  it('leaves nouns that only frame the question (哪些渠道, 什么方式) to the search', () => {
    expect(chineseAnalyzer.focusWords?.('要通过哪些渠道听取意见')).toEqual([]);
    expect(chineseAnalyzer.focusWords?.('用什么方式学习')).toEqual([]);
    expect(search.search('要通过哪些管道听取群众意见').status).toBe('found');
  });

  it('in English: what was the budget, who is the head', () => {
    expect(englishAnalyzer.focusWords?.('What was the budget for the new building?')).toEqual(['budget']);
    expect(englishAnalyzer.focusWords?.('What does the speech ask branch secretaries to do?')).toEqual([]);
    expect(search.search('What was the budget of the leading group?').status).toBe('not_found');
    expect(search.search('What is the fundamental task of the campaign?').status).toBe('found');
  });

  it('are still answered when the speech names that place', () => {
    expect(search.search('湖北省档案馆怎么开展检视问题').status).toBe('found');
  });

  it('a year is a time too, in digits or numerals, when the speech never names it', () => {
    expect(chineseAnalyzer.settingWords?.('二零二一年的检视问题怎么安排')).toEqual(['2021']);
    // A count is not a year.
    expect(chineseAnalyzer.settingWords?.('一共回收1980份问卷')).toEqual([]);
    expect(chineseAnalyzer.settingWords?.('档案能保存1800年吗')).toEqual([]);
    expect(englishAnalyzer.settingWords?.('How should all 2000 Party members study?')).toEqual([]);
    expect(search.search('How should all 2000 Party members study the original texts?').status).toBe('found');
    expect(search.search('2021年的检视问题怎么安排').status).toBe('not_found');
    expect(search.search('二〇二一年的检视问题怎么安排').status).toBe('not_found');
    expect(search.search('How was problem checking arranged in 2021?').status).toBe('not_found');
    // The speech's own year (its source line) sets no question elsewhere.
    expect(search.search('2019年的检视问题怎么安排').status).toBe('found');
    expect(search.search('How was problem checking arranged in 2019?').status).toBe('found');
  });

  it('an organization the speech never names, even by the end of its name, sets the question elsewhere', () => {
    expect(chineseAnalyzer.organizationNames?.('国务院对检视问题有什么要求')).toEqual(['国务院']);
    expect(search.search('检视问题有什么要求').status).toBe('found');
    expect(search.search('国务院对检视问题有什么要求').status).toBe('not_found');
    expect(search.search('共青团对检视问题有什么要求').status).toBe('not_found');
    // A longer name for a body the speech names (省委, 中央, 党) is that body.
    expect(search.search('湖北省委对检视问题有什么要求').status).toBe('found');
    expect(search.search('中共中央对检视问题有什么要求').status).toBe('found');
    expect(search.search('中国共产党人要守住什么初心').status).toBe('found');
  });

  it("a figure question is not answered by the source line, whose dates are the publication's", () => {
    expect(search.search('调研成果交流会几月几号开').status).toBe('not_found');
  });
});

describe('questions asking for people by name', () => {
  it('are told apart from questions asking for a group or a role', () => {
    for (const asked of [
      '支部的先进个人具体是哪几位',
      '整改专班具体由哪些人组成',
      '各小组成员的名单',
      '受表扬的同志叫什么名字',
    ]) {
      expect(chineseAnalyzer.asksForNames?.(asked), asked).toBe(true);
    }
    for (const group of ['主题教育要覆盖哪些人', '谁负责抓好全馆的主题教育', '这次主题教育叫什么名字']) {
      expect(chineseAnalyzer.asksForNames?.(group), group).toBe(false);
    }
    expect(englishAnalyzer.asksForNames?.('Who exactly sits on the leading group?')).toBe(true);
    expect(englishAnalyzer.asksForNames?.('Which comrades were praised, and what are their names?')).toBe(
      true,
    );
    expect(englishAnalyzer.asksForNames?.('What is the name of the campaign?')).toBe(false);
  });

  it('finds the people a text names, not the words jieba also tags as names', () => {
    expect(chineseAnalyzer.personNames?.('湖北省档案馆馆长 黄国雄')).toEqual(['黄国雄']);
    expect(chineseAnalyzer.personNames?.('要弘扬担当精神,发挥聪明智慧')).toEqual([]);
  });

  it('are answered only by a passage naming someone the document does not name throughout', () => {
    const dir = path.join(root, 'names');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'awards.md'),
      [
        '# 表彰决定',
        '',
        '## 先进个人',
        '',
        '第一,保管部王建国同志获评档案安全先进个人。',
        '',
        '第二,各处室要学习先进个人的事迹,守牢档案安全底线。',
        '',
      ].join('\n'),
    );
    const awards = new SpeechSearch(loadDocuments(dir));
    expect(awards.search('档案安全先进个人具体是哪几位同志').hits[0]?.passage.id).toBe('awards/s1-p1');
    // Without the first paragraph, the second speaks of the same people and names none of them.
    writeFileSync(path.join(dir, 'awards.md'), '# 表彰决定\n\n第一,各处室要学习档案安全先进个人的事迹。\n');
    const unnamed = new SpeechSearch(loadDocuments(dir));
    expect(unnamed.search('档案安全先进个人的事迹').status).toBe('found');
    expect(unnamed.search('档案安全先进个人具体是哪几位同志').status).toBe('not_found');
  });

  it('in the speech: its byline and the name of the Thought it studies answer for no one', () => {
    expect(search.search('要对照的先进典型具体是哪几位同志').status).toBe('not_found');
    expect(search.search('Who exactly sits on the leading group?').status).toBe('not_found');
    expect(search.search('要对照哪些先进典型').status).toBe('found');
  });
});

describe('questions that name the speaker to ask what he said', () => {
  it('are searched, while questions about who he is are answered from the front matter', () => {
    expect(search.search('作者认为主题教育的根本任务是什么').hits[0]?.fact).toBeUndefined();
    expect(search.search('讲话人强调要怎样检视问题').hits[0]?.passage.id).not.toContain('source');
    expect(
      search.search('What does the author think the fundamental task is?').hits[0]?.fact,
    ).toBeUndefined();
    expect(
      search.search('What did the speaker say about staff who will not study?').hits[0]?.fact,
    ).toBeUndefined();
    // Both speaker rules know the same verbs of saying (批评, 提到, "mention").
    for (const said of [
      '作者批评了哪些现象',
      '作者提到了什么',
      'What does the author mention about study?',
    ]) {
      expect(search.search(said).hits[0]?.fact, said).toBeUndefined();
    }
    for (const asked of [
      '讲话人是谁',
      '作者',
      '作者担任什么职务',
      'Who is the speaker?',
      "What is the author's job title?",
    ]) {
      expect(search.search(asked).hits[0]?.fact, asked).toBe('speaker');
    }
  });
});

describe("questions about the speaker's life", () => {
  it('are not found: the front matter names him and says no more', () => {
    for (const asked of [
      '黄国雄以前在哪里任职',
      '馆长哪一年上任的',
      '讲话人今年多大年纪',
      // Named with a verb of saying, but still asked about himself; 讲话 is a noun.
      '馆长讲话时多大年纪',
      '作者谈过他的工作经历吗',
      '作者说他是哪里人吗',
      'Did the director mention his age?',
      'Where did Huang Guoxiong work before?',
      'When did the director become head of the archives?',
    ]) {
      const result = search.search(asked);
      expect(result.status, asked).toBe('not_found');
      expect(result.nearby[0]?.text, asked).toContain('黄国雄');
      expect(result.known, asked).toMatch(/黄国雄|Huang Guoxiong/);
    }
  });

  it('leave the speaker questions the front matter answers, and content questions, alone', () => {
    expect(search.search('作者担任什么职务').hits[0]?.fact).toBe('speaker');
    expect(search.search('馆长说过去在学习上有哪些不足').status).toBe('found');
    // What he said of the past or of others' age is not his own past or age.
    for (const reported of [
      '馆长说以前在学习上有哪些问题',
      '作者说党员干部多大年纪就不学了',
      'What did he say about staff who were previously careless?',
    ]) {
      expect(search.search(reported).status, reported).toBe('found');
    }
    expect(search.search('What does the director say about staff close to retirement?').status).toBe('found');
  });

  it('include his post changing hands: before or after him, still in office, where he went', () => {
    for (const asked of [
      '黄国雄的前任是谁',
      '下一任馆长是谁',
      '他现在还是馆长吗',
      '作者后来调到哪里了',
      '讲话人退休了吗',
      'Who was director before him?',
      'Who replaced the author as director?',
      'Is he still the director?',
      'Where did Huang Guoxiong go after the archives?',
    ]) {
      const result = search.search(asked);
      expect(result.status, asked).toBe('not_found');
      expect(result.known, asked).toMatch(/黄国雄|Huang Guoxiong/);
    }
    // A move or a retirement is his only with him as its subject.
    for (const content of [
      '馆长对快退休的干部怎么说',
      '要把干部调到基层吗',
      'What should be done after he spoke?',
      'Is the director still responsible for the campaign?',
    ]) {
      expect(search.search(content).status, content).toBe('found');
    }
  });
});

describe('a document with no notes and no translation', () => {
  it('loads, is searched in Chinese, and an English question still gets an answer or a clean not-found', () => {
    const dir = path.join(root, 'plain');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'plan.md'),
      '# 馆藏数字化工作要点\n\n## 数字化\n\n第一,加快馆藏档案数字化转换,年底前完成民国档案扫描。\n\n第二,建设数字档案馆。\n',
    );
    const plain = new SpeechSearch(loadDocuments(dir));
    expect(plain.documents[0]?.notes.size).toBe(0);
    expect(plain.documents[0]?.translations).toEqual([]);
    expect(plain.search('民国档案扫描').hits[0]?.passage.id).toBe('plan/s1-p1');
    expect(['found', 'not_found']).toContain(plain.search('digitization of records').status);
  });

  it('sits beside the speech without taking its notes or translation', () => {
    const dir = path.join(root, 'both');
    mkdirSync(dir);
    for (const name of ['speech.md', 'speech.en.md', 'speech.notes.yml']) {
      copyFileSync(path.join(DEFAULT_CONTENT_DIR, name), path.join(dir, name));
    }
    writeFileSync(path.join(dir, 'plan.md'), '# 馆藏数字化工作要点\n\n第一,加快民国档案扫描。\n');
    const both = new SpeechSearch(loadDocuments(dir));
    expect(both.documents.map((document) => [document.id, document.translations.length])).toEqual([
      ['plan', 0],
      ['speech', 1],
    ]);
    expect(both.search('民国档案扫描').hits[0]?.passage.docId).toBe('plan');
    expect(both.search('Where is the office of the leading group?').hits[0]?.passage.id).toBe('speech/s3-p1');
  });

  it('says how it is divided: two parts as Chinese counts them, or no parts at all', () => {
    const dir = path.join(root, 'divisions');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'two.md'), '# 两部分\n\n## 甲\n\n甲的内容。\n\n## 乙\n\n乙的内容。\n');
    const fact = (engine: SpeechSearch, query: string) => engine.search(query).hits[0]?.quote.text;
    const two = new SpeechSearch(loadDocuments(dir));
    expect(fact(two, '目录')).toBe('全文分两个部分:第一部分 甲;第二部分 乙。');
    expect(fact(two, 'contents')).toBe('The speech has 2 parts. Part 1: 甲; Part 2: 乙.');
    writeFileSync(path.join(dir, 'two.md'), '# 植树节\n\n今天植树。\n\n明天浇水。\n');
    const flat = new SpeechSearch(loadDocuments(dir));
    expect(fact(flat, '目录')).toBe('全文不分部分,共两段。');
    expect(fact(flat, 'how many parts does it have')).toBe(
      'The text is not divided into parts; it has 2 paragraphs.',
    );
  });
});

function featuresWithout(feature: 'notes' | 'translations' | 'phrases' | 'documentQuestions') {
  return { notes: true, translations: true, phrases: true, documentQuestions: true, [feature]: false };
}
