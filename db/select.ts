import { desc, getTableColumns, type AnyColumn, type SQL, type Table } from 'drizzle-orm';

// Some of a table's columns under their own names, for a select:
// `db.select({ ...pick(storyEvents, 'id', 'action'), actorName: users.displayName })`.
export function pick<T extends Table, K extends keyof T['_']['columns'] & string>(table: T, ...keys: K[]): Pick<T['_']['columns'], K> {
  const columns = getTableColumns(table) as T['_']['columns'];
  return Object.fromEntries(keys.map((key) => [key, columns[key]])) as Pick<T['_']['columns'], K>;
}

// Newest first, and a stable order among rows of the same instant.
export function newestFirst(table: { createdAt: AnyColumn; id: AnyColumn }): SQL[] {
  return [desc(table.createdAt), desc(table.id)];
}
