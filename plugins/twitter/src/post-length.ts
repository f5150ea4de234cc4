/**
 * A post's length as X counts it, roughly (twitter-text v3 rules,
 * https://docs.x.com/fundamentals/counting-characters):
 * - a link counts 23, whatever its length (X shortens it to t.co);
 * - an emoji counts 2, even when it is several code points (flags, skin tones, families);
 * - code points in Latin, Greek, Cyrillic and most other alphabets, and some punctuation,
 *   count 1; everything else (Chinese, Japanese, Korean, …) counts 2.
 * It is a pre-check that catches clearly long text before the request; X has the final word.
 */
export const MAX_POST_LENGTH = 280;
/** X Premium accounts may post up to 25,000 characters. */
export const MAX_LONG_POST_LENGTH = 25_000;

const LINK_LENGTH = 23;
const LINK = /\bhttps?:\/\/[^\s]+/giu;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
/** Code point ranges that weigh 1 (twitter-text v3 `ranges`); the rest weigh 2. */
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function weightedLength(text: string): number {
  let length = 0;
  const withoutLinks = text.normalize('NFC').replace(LINK, () => {
    length += LINK_LENGTH;
    return '';
  });
  for (const { segment } of graphemes.segment(withoutLinks)) {
    if (EMOJI.test(segment)) {
      length += 2;
      continue;
    }
    for (const char of segment) length += codePointWeight(char.codePointAt(0) ?? 0);
  }
  return length;
}

function codePointWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 1 : 2;
}
