import { createServer } from 'node:net';

/**
 * Ephemeral ports for the simulated devices. modbus-serial's ServerTCP treats port 0 as
 * "not given" and binds 502 instead, so a free port is found first by letting the kernel
 * pick one for a throw-away listener, then handed to ServerTCP.
 */

/** A TCP port on `host` that was free a moment ago. Rejects when nothing can listen on `host`. */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        if (port > 0) resolve(port);
        else reject(new Error(`no port number came back from ${host}`));
      });
    });
  });
}
