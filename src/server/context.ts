import type { Logger } from 'pino';
import type { Clock, IdGenerator } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { MediaStorage } from './media/storage.js';
import type { ReadCache } from './plugins/read-cache.js';

/** What every domain plugin is built from: passed in, never imported as globals. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  sessionSecret: string;
  /** Serialized answers of the heaviest read routes, valid while the database is unchanged. */
  readCache: ReadCache;
  /** The one photo storage: its decode queue serves the form upload and the offline sync PUT alike. */
  media: MediaStorage;
}
