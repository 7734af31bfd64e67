/**
 * The two reference servers every workload is compared against: a bare Apollo Server 5 (standalone,
 * same version as the gateway's, a one-field schema), and a bare `node:http` server that replies to
 * every request with the bytes Apollo sends for `{ __typename }`. They bound what an Apollo-based
 * gateway can do on this machine, and what Node's HTTP stack alone can do.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

export const TYPENAME_BODY = JSON.stringify({ query: '{ __typename }' });
/** What Apollo Server answers to TYPENAME_BODY, byte for byte. */
export const TYPENAME_RESPONSE = '{"data":{"__typename":"Query"}}\n';

export interface ReferenceServer {
  url: string;
  stop(): Promise<void>;
}

export async function startBareApollo(): Promise<ReferenceServer> {
  const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

export async function startBareHttp(): Promise<ReferenceServer> {
  const bytes = Buffer.from(TYPENAME_RESPONSE);
  const server = createServer((req, res) => {
    // Read the body, as any server must, then send the fixed answer.
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length }).end(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
