/**
 * Binds an HTTP server and says where it is. Shared by the gateway, the metrics port and the emulator,
 * so a bind failure (port in use) rejects the same way everywhere instead of crashing on 'error'.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  port: number;
  /** `http://host:port`, with a wildcard bind address shown as localhost and IPv6 in brackets. */
  origin: string;
}

/** A wildcard bind address is not something to open in a browser: show localhost instead. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { port: address.port, origin: `http://${displayHost(host)}:${address.port}` };
}
