import { createServer } from 'node:net';

/**
 * A loopback port the kernel just handed out and nobody listens on (it may be taken again before
 * the caller listens: servers retry on EADDRINUSE). Shared by the tests, the e2e suite and the bench.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
