export interface LineDiffOptions {
  /** Unchanged lines shown before and after the change. */
  context?: number;
  /** Removed and added lines shown each, before "… more". */
  maxLines?: number;
}

/**
 * A short unified-style view of where two texts first differ: the common start and end
 * are trimmed, which is enough to point a person at the field that changed without
 * pulling in a full diff algorithm.
 */
export function firstDifference(
  before: string,
  after: string,
  options: LineDiffOptions = {},
): string[] {
  const context = options.context ?? 2;
  const maxLines = options.maxLines ?? 8;
  const old = before.split('\n');
  const now = after.split('\n');
  let start = 0;
  while (start < old.length && start < now.length && old[start] === now[start]) start++;
  if (start === old.length && start === now.length) return [];
  let oldEnd = old.length;
  let nowEnd = now.length;
  while (oldEnd > start && nowEnd > start && old[oldEnd - 1] === now[nowEnd - 1]) {
    oldEnd--;
    nowEnd--;
  }
  const from = Math.max(0, start - context);
  const lines = [`@@ line ${start + 1} @@`];
  for (const line of old.slice(from, start)) lines.push(`  ${line}`);
  lines.push(...limited(old.slice(start, oldEnd), '- ', maxLines));
  lines.push(...limited(now.slice(start, nowEnd), '+ ', maxLines));
  for (const line of now.slice(nowEnd, nowEnd + context)) lines.push(`  ${line}`);
  return lines;
}

function limited(lines: string[], prefix: string, maxLines: number): string[] {
  const shown = lines.slice(0, maxLines).map((line) => `${prefix}${line}`);
  if (lines.length > maxLines) shown.push(`${prefix}… ${lines.length - maxLines} more lines`);
  return shown;
}
