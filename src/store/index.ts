import { errorMessage } from '../errors.ts';
import { SqliteStore } from './sqlite.ts';
import { DamagedStoreError, NewerSchemaError, type Store, StoreError } from './types.ts';

export { MemoryStore } from './memory.ts';
export { SqliteStore } from './sqlite.ts';
export * from './types.ts';

/** Where the bot keeps its state: PostgreSQL when a URL is given, else a SQLite file. */
export interface StoreLocation {
  databaseUrl?: string;
  databasePath: string;
}

/**
 * Opens the store the configuration names, migrated and checked for reads and writes, so a
 * database that cannot be used stops start-up with a message naming the variable to fix.
 *
 * @throws StoreError naming DATABASE_URL (password masked) or DATABASE_PATH
 */
export async function openStore(
  location: StoreLocation,
  now: () => Date,
  { readOnly = false }: { readOnly?: boolean } = {},
): Promise<Store> {
  if (location.databaseUrl) {
    // Loaded only for PostgreSQL: pg takes ~80 ms to load, which a SQLite bot need not pay.
    const { PostgresStore } = await import('./postgres.ts');
    return PostgresStore.open(location.databaseUrl, { now, readOnly });
  }
  try {
    return new SqliteStore(location.databasePath, { now, readOnly });
  } catch (error) {
    const why = errorMessage(error);
    // The message names the file; the variable that chose it is said once, first.
    // A file a newer bot wrote is sound: moving it away would lose the subscriptions.
    if (error instanceof NewerSchemaError) throw new NewerSchemaError(`DATABASE_PATH: ${why}.`);
    if (error instanceof DamagedStoreError && !readOnly) {
      throw new DamagedStoreError(
        `DATABASE_PATH: ${why}. Move the damaged file away to start afresh (the subscriptions in it are lost), or point DATABASE_PATH at another file.`,
      );
    }
    throw new StoreError(
      readOnly
        ? `DATABASE_PATH: ${why}. Point DATABASE_PATH at the bot's database file.`
        : `DATABASE_PATH: ${why}. Point DATABASE_PATH at a file the bot can create, read and write.`,
    );
  }
}
