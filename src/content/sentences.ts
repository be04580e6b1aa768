/**
 * Splits text after each 。;!? (ASCII or full-width), keeping the punctuation and any closing
 * quote with its sentence.
 *
 * @example splitSentences('一。二;三') // ['一。', '二;', '三']
 */
export function splitSentences(text: string): string[] {
  return text.match(/[^。;;!!??]+[。;;!!??”"]*|[。;;!!??]+/g) ?? [text];
}
