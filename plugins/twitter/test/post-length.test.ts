import { describe, expect, test } from 'vitest';
import { weightedLength } from '../src/post-length.js';

describe('weightedLength counts a post as X does', () => {
  test.each([
    ['plain Latin text, one per character', 'Hello, world!', 13],
    ['accented Latin and Cyrillic, one each', 'Crème brûlée и чай', 18],
    ['CJK characters, two each', '日本語', 6],
    [
      'a link, 23 whatever its length',
      'see https://example.com/a/very/long/path?with=query',
      4 + 23,
    ],
    ['an emoji with a skin tone, two', '👍🏽', 2],
    ['a family emoji of several code points, two', '👨‍👩‍👧‍👦', 2],
    ['a flag, two', '🇫🇷', 2],
  ])('%s', (_case, text, length) => {
    expect(weightedLength(text)).toBe(length);
  });
});
