const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * Writes 1–99 as Chinese numerals, the way the speech numbers its parts.
 * @example toChineseNumeral(3) // '三'
 * @example toChineseNumeral(12) // '十二'
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return tensPart + (ones === 0 ? '' : DIGITS[ones]);
}

/**
 * Reads 1–99 written in Chinese numerals; `undefined` for anything else.
 * @example fromChineseNumeral('十二') // 12
 */
export function fromChineseNumeral(text: string): number | undefined {
  const match = /^(?:([二三四五六七八九]?)(十))?([一二三四五六七八九]?)$/.exec(text);
  if (!match || text === '') return undefined;
  const [, tensDigit = '', ten = '', onesDigit = ''] = match;
  const tens = ten ? (tensDigit ? DIGITS.indexOf(tensDigit) : 1) : 0;
  const ones = onesDigit ? DIGITS.indexOf(onesDigit) : 0;
  return tens * 10 + ones || undefined;
}
