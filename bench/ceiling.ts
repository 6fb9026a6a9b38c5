/**
 * The ceiling: a bare Fastify server with one JSON route, no plugins, no logging. Whatever the app
 * reaches is compared to what Fastify itself reaches on this machine in the same run.
 * Usage: tsx bench/ceiling.ts --port N
 */
import Fastify from 'fastify';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
const app = Fastify({ logger: false });
app.get('/', async () => ({ status: 'ok', version: '0.0.0' }));
await app.listen({ host: '127.0.0.1', port });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
