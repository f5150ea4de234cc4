/**
 * True when SQL follows the first statement. SQLite's prepare compiles only the first
 * statement and silently ignores the rest, so `INSERT ...; INSERT ...` would run one insert
 * and report success. `firstStatement` is the statement's `sourceSQL`, a prefix of `sql`.
 */
export function hasMoreStatements(sql: string, firstStatement: string): boolean {
  if (!sql.startsWith(firstStatement)) return false;
  return !runsNothing(sql.slice(firstStatement.length));
}

/** Only whitespace, `-- line` and `/* block *\/` comments and stray semicolons. */
function runsNothing(text: string): boolean {
  let at = 0;
  while (at < text.length) {
    if (/\s|;/.test(text[at]!)) {
      at++;
    } else if (text.startsWith('--', at)) {
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? text.length : end + 2;
    } else {
      return false;
    }
  }
  return true;
}

/** The statement's first keyword, past comments and whitespace, upper-cased. */
export function firstKeyword(sql: string): string {
  const withoutComments = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return /^[\s(]*([A-Za-z]+)/.exec(withoutComments)?.[1]?.toUpperCase() ?? '';
}

/**
 * Whether the statement inserts rows, so its lastInsertRowid means something: SQLite's
 * last_insert_rowid() is per connection and keeps the previous insert's value through an
 * UPDATE or DELETE (https://www.sqlite.org/c3ref/last_insert_rowid.html).
 */
export function insertsRows(sql: string): boolean {
  const keyword = firstKeyword(sql);
  if (keyword === 'INSERT' || keyword === 'REPLACE') return true;
  return keyword === 'WITH' && /\b(INSERT|REPLACE)\s+INTO\b/i.test(sql);
}

/** 1-based line and column of the first occurrence of `token` in `sql`, if it occurs. */
export function positionOf(
  sql: string,
  token: string,
): { line: number; column: number } | undefined {
  const index = sql.indexOf(token);
  if (index < 0) return undefined;
  const before = sql.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { line, column };
}
