import type { Node } from 'yaml';
import { ContentError } from './errors.ts';
import { idChoices, localId } from './ids.ts';
import type { NotedPart, PassageNotes, SpeechDocument } from './types.ts';
import { yaml } from './yaml.ts';

/**
 * Parses a notes file (`content/speech.notes.yml`) for a document. The format, one entry per
 * passage, keyed by the passage id without the document prefix:
 *
 * ```yaml
 * s2-p3-4:
 *   summary:
 *     zh: 一句话概括
 *     en: A one-line summary.
 *   questions:
 *     zh: [问题一?, 问题二?]
 *     en: [A question?]
 *   parts:
 *     - about: 简化查档流程          # copied verbatim from the passage
 *       zh: [查档手续能不能少一点?]
 *       en: [Will it get easier to request records?]
 * ```
 *
 * `questions` are about the passage as a whole; each of `parts` is about the piece of the passage
 * its `about:` copies, and an answer found through them quotes that piece. Every field is
 * optional; a passage without an entry simply has no notes.
 *
 * @throws ContentError naming the file and line of the first problem
 */
export function parseNotes(text: string, file: string, document: SpeechDocument): Map<string, PassageNotes> {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument: parseYamlDocument } = yaml();
  const lineCounter = new LineCounter();
  const notesYaml = parseYamlDocument(text, { lineCounter });
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const [firstError] = notesYaml.errors;
  if (firstError) {
    const line = firstError.linePos?.[0].line ?? 1;
    // The line is in the error's place already: the message's own "at line 3, column 1:" is dropped.
    const message = (firstError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ContentError(file, line, `not valid YAML: ${message}`);
  }
  const notes = new Map<string, PassageNotes>();
  if (notesYaml.contents === null) return notes;
  if (!isMap(notesYaml.contents)) throw new ContentError(file, 1, 'notes must be "passage-id:" entries');
  const ids = new Set(document.passages.map((passage) => passage.id));
  for (const pair of notesYaml.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = lineOf(pair.key as Node);
    const id = `${document.id}/${key}`;
    if (!ids.has(id)) {
      // `garden/s1-p1` as `ask --json` shows it: the key is the part after the document's id.
      const local = localId(key, document.id);
      const hint =
        local !== key && ids.has(`${document.id}/${local}`)
          ? `write it without "${document.id}/": ${local}`
          : `its passages are ${idChoices([...ids].map((known) => localId(known, document.id)))}`;
      throw new ContentError(file, line, `"${key}" is not a passage of ${document.file}; ${hint}`);
    }
    if (!isMap(pair.value))
      throw new ContentError(file, line, `notes of "${key}" must have summary: and questions:`);
    let summary: Record<string, string> = {};
    let questions: Record<string, string[]> = {};
    let parts: NotedPart[] = [];
    const passageText = document.passages.find((passage) => passage.id === id)?.text ?? '';
    for (const field of pair.value.items) {
      const name = isScalar(field.key) ? String(field.key.value) : '';
      const fieldLine = lineOf(field.key as Node);
      if (name === 'summary') summary = byLanguage(field.value as Node, file, fieldLine, single);
      else if (name === 'questions') questions = byLanguage(field.value as Node, file, fieldLine, list);
      else if (name === 'parts') parts = partList(field.value as Node, fieldLine, key, passageText);
      else
        throw new ContentError(
          file,
          fieldLine,
          `unknown notes field "${name}"; use summary, questions and parts`,
        );
    }
    notes.set(id, { summary, questions, parts });
  }
  return notes;

  function partList(node: Node, at: number, key: string, passageText: string): NotedPart[] {
    if (!isSeq(node)) throw new ContentError(file, lineOf(node) || at, 'parts must be a list ("- about: …")');
    return node.items.map((item) => {
      const line = lineOf(item as Node) || at;
      if (!isMap(item)) throw new ContentError(file, line, 'each part needs "about:" and its questions');
      let anchor = '';
      const questions: Record<string, string[]> = {};
      for (const field of item.items) {
        const name = isScalar(field.key) ? String(field.key.value) : '';
        const fieldLine = lineOf(field.key as Node) || line;
        if (name === 'about') anchor = single(field.value as Node, fieldLine, 'about:');
        else if (/^[a-z]{2,3}$/.test(name)) questions[name] = list(field.value as Node, fieldLine);
        else
          throw new ContentError(
            file,
            fieldLine,
            `unknown part field "${name}"; use about: and a language code like zh or en`,
          );
      }
      if (!anchor) throw new ContentError(file, line, 'a part needs "about:", words copied from the passage');
      if (!passageText.includes(anchor)) {
        throw new ContentError(
          file,
          line,
          `"${anchor}" is not in the text of passage "${key}"; copy it exactly`,
        );
      }
      return { anchor, questions };
    });
  }

  function single(node: Node, at: number, what = 'a summary'): string {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) {
      throw new ContentError(file, lineOf(node) || at, `${what} must be one line of text`);
    }
    return node.value.trim();
  }
  function list(node: Node, at: number): string[] {
    if (!isSeq(node))
      throw new ContentError(file, lineOf(node) || at, 'questions must be a list ("- …" lines)');
    return node.items.map((item) => single(item as Node, at, 'a question'));
  }
  function byLanguage<T>(
    node: Node,
    path: string,
    at: number,
    read: (value: Node, line: number) => T,
  ): Record<string, T> {
    if (!isMap(node))
      throw new ContentError(path, at, 'expected one entry per language, e.g. "zh:" and "en:"');
    const result: Record<string, T> = {};
    for (const item of node.items) {
      const lang = isScalar(item.key) ? String(item.key.value) : '';
      if (!/^[a-z]{2,3}$/.test(lang)) {
        throw new ContentError(
          path,
          lineOf(item.key as Node),
          `"${lang}" is not a language code like zh or en`,
        );
      }
      result[lang] = read(item.value as Node, lineOf(item.key as Node));
    }
    return result;
  }
}
