/**
 * An identifier in double quotes, with embedded quotes doubled, so any table or column
 * name (spaces, capitals, keywords, quotes) is taken literally and nothing in it can end
 * the identifier and inject SQL.
 * https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0) throw new RangeError('An identifier cannot be empty');
  // PostgreSQL's protocol strings end at NUL, so a name holding one cannot be sent intact.
  if (name.includes('\0')) throw new RangeError('An identifier cannot contain a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `schema.table` when a schema is given. A table written as "sales.orders" with no schema
 * is read as schema "sales", table "orders": what people mean far more often than a table
 * whose name holds a dot.
 */
export function qualifiedTable(table: string, schema?: string): string {
  if (schema) return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
  const dot = table.indexOf('.');
  if (dot > 0 && dot < table.length - 1) {
    return `${quoteIdentifier(table.slice(0, dot))}.${quoteIdentifier(table.slice(dot + 1))}`;
  }
  return quoteIdentifier(table);
}
