import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { changeStampNow } from '../db/change-stamp.js';
import type { Db } from '../db/database.js';
import { acceptsGzip } from './content-encoding.js';

const gzipAsync = promisify(gzip);

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the read cache on a miss: where to keep this response once it is serialized. */
    readCacheSlot: { key: string; stamp: string } | null;
  }
}

export interface ReadCache {
  /**
   * Route `onRequest` hook: answers from the cache when nothing was written since, before the
   * query is validated and the route's guards run. That is safe because an answer is kept only when
   * it was a 200 for this very user and URL, and while the stamp is unchanged the user's row (role,
   * password state, activity) and the session are unchanged too, so the guards and the validation
   * would decide as they did then. Without a session it does nothing and leaves the 401 to the guard.
   */
  lookup(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void;
  /** Installs what the lookup relies on (the request slot, the onSend hook that keeps answers). */
  register(app: FastifyInstance): void;
  /** Bytes and entries held (tests). */
  size(): { bytes: number; entries: number };
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Smaller answers are not worth a gzip header (nginx's gzip_min_length is the same). */
const GZIP_MIN_BYTES = 1024;

interface Entry {
  stamp: string;
  body: Buffer;
  /** Made once, for the first client that takes gzip, then sent as it is. */
  gzipped: Buffer | null;
}

/**
 * Serialized answers of the heaviest read routes (audit lists, the audit card, catalog search),
 * reused while the database is unchanged. Validity is the database change stamp
 * (db/change-stamp.ts: any commit of this process or another one changes it), read before the
 * answer is computed: an answer that raced with a write is kept under the stamp from before that
 * write, which no longer matches, so it is never served. Keys are
 * the user and the full URL: what a user may see, and every filter, are part of the key.
 * Bounded by total bytes, least recently used first out.
 *
 * Clients that take gzip (every browser) get the answer gzipped once and then sent as kept: a page
 * of 50 audits is 40 KB of JSON and ≈ 5 KB gzipped, and writing 40 KB to the socket was the largest
 * single cost of a cached answer. Behind nginx this also spares nginx compressing it on every request.
 */
export function createReadCache(
  db: Db,
  { maxBytes = 8 * 2 ** 20, maxEntryBytes = 512 * 2 ** 10 } = {},
): ReadCache {
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.length + (old.gzipped?.length ?? 0);
    entries.delete(key);
  };
  const trim = () => {
    for (const key of entries.keys()) {
      if (bytes <= maxBytes) break;
      remove(key);
    }
  };
  const wantsGzip = (request: FastifyRequest, body: Buffer) =>
    body.length >= GZIP_MIN_BYTES && acceptsGzip(request.headers['accept-encoding']);
  const gzipped = async (key: string, entry: Entry): Promise<Buffer> => {
    if (entry.gzipped) return entry.gzipped;
    const gz = await gzipAsync(entry.body);
    if (!entry.gzipped) {
      entry.gzipped = gz;
      // Counted only while the entry is still kept (it may have been dropped meanwhile).
      if (entries.get(key) === entry) {
        bytes += gz.length;
        trim();
      }
    }
    return entry.gzipped;
  };

  return {
    lookup(request, reply, done) {
      request.readCacheSlot = null;
      if (request.method !== 'GET' || !request.auth) return done();
      const key = `${request.auth.user.id} ${request.url}`;
      // The stamp the session was resolved under at the start of this request, when it has one: an
      // answer kept under it shows the data as it was then, still within this request's lifetime.
      // A connection without direct stamp readers (never the application's) is simply not cached.
      const stamp = request.auth.stamp ?? changeStampNow(db);
      if (stamp === null) return done();
      const hit = entries.get(key);
      if (hit?.stamp !== stamp) {
        request.readCacheSlot = { key, stamp };
        return done();
      }
      entries.delete(key); // re-insert: most recently used last
      entries.set(key, hit);
      // Bytes with a JSON type are sent as they are; the header tells an operator with curl why.
      // A hook that sends the reply does not call `done`.
      reply.type(JSON_TYPE).header('vary', 'accept-encoding').header('x-read-cache', 'hit');
      if (!wantsGzip(request, hit.body)) {
        reply.send(hit.body);
        return;
      }
      reply.header('content-encoding', 'gzip');
      if (hit.gzipped) reply.send(hit.gzipped);
      else gzipped(key, hit).then((gz) => reply.send(gz), done);
    },

    register(app) {
      app.decorateRequest('readCacheSlot', null);
      // Keeps the serialized 200 answer of a route that looked the cache up and missed. Callback
      // style: every answer of the application passes here, and nearly all of them pass straight on.
      app.addHook('onSend', (request, reply, payload, done) => {
        const slot = request.readCacheSlot;
        if (!slot || reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
        reply.header('x-read-cache', 'miss').header('vary', 'accept-encoding');
        // Kept as UTF-8 bytes: half the memory of Cyrillic text in V8, and no encoding on a hit.
        const entry: Entry = { stamp: slot.stamp, body: Buffer.from(payload), gzipped: null };
        if (entry.body.length <= maxEntryBytes) {
          remove(slot.key);
          entries.set(slot.key, entry);
          bytes += entry.body.length;
          trim();
        }
        if (!wantsGzip(request, entry.body)) return done(null, entry.body);
        reply.header('content-encoding', 'gzip');
        gzipped(slot.key, entry).then((gz) => done(null, gz), done);
      });
    },

    size: () => ({ bytes, entries: entries.size }),
  };
}
