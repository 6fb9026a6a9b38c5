import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeStamp } from '../db/change-stamp.js';
import type { Db } from '../db/database.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the read cache on a miss: where to keep this response once it is serialized. */
    readCacheSlot: { key: string; stamp: string } | null;
  }
}

export interface ReadCache {
  /** Route preHandler, after the access guard: answers from the cache when nothing was written since. */
  preHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** Installs what the preHandler relies on (the request slot, the onSend hook that keeps answers). */
  register(app: FastifyInstance): void;
  /** Bytes and entries held (tests). */
  size(): { bytes: number; entries: number };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Serialized answers of the heaviest read routes (audit lists, the audit card, catalog search),
 * reused while the database is unchanged. Validity is the database change stamp
 * (db/change-stamp.ts: any commit of this process or another one changes it), read before the
 * answer is computed: an answer that raced with a write is kept under the stamp from before that
 * write, which no longer matches, so it is never served. Keys are
 * the user and the full URL: what a user may see, and every filter, are part of the key.
 * Bounded by total bytes, least recently used first out.
 */
export function createReadCache(
  db: Db,
  { maxBytes = 8 * 2 ** 20, maxEntryBytes = 512 * 2 ** 10 } = {},
): ReadCache {
  const entries = new Map<string, { stamp: string; body: Buffer }>();
  let bytes = 0;

  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.length;
    entries.delete(key);
  };

  return {
    async preHandler(request, reply) {
      request.readCacheSlot = null;
      if (request.method !== 'GET' || !request.auth) return undefined;
      const key = `${request.auth.user.id} ${request.url}`;
      const stamp = await changeStamp(db);
      const hit = entries.get(key);
      if (hit?.stamp === stamp) {
        entries.delete(key); // re-insert: most recently used last
        entries.set(key, hit);
        // Bytes with a JSON type are sent as they are; the header tells an operator with curl why.
        // Returning the reply is what stops Fastify from running the handler after an async hook.
        return reply.type(JSON_TYPE).header('x-read-cache', 'hit').send(hit.body);
      }
      request.readCacheSlot = { key, stamp };
      return undefined;
    },

    register(app) {
      app.decorateRequest('readCacheSlot', null);
      // Keeps the serialized 200 answer of a route that looked the cache up and missed.
      app.addHook('onSend', async (request, reply, payload) => {
        const slot = request.readCacheSlot;
        if (!slot || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
        reply.header('x-read-cache', 'miss');
        // Kept as UTF-8 bytes: half the memory of Cyrillic text in V8, and no encoding on a hit.
        const body = Buffer.from(payload);
        if (body.length > maxEntryBytes) return body;
        remove(slot.key);
        entries.set(slot.key, { stamp: slot.stamp, body });
        bytes += body.length;
        for (const key of entries.keys()) {
          if (bytes <= maxBytes) break;
          remove(key);
        }
        return body;
      });
    },

    size: () => ({ bytes, entries: entries.size }),
  };
}
