// The child side of the benchmark's IPC (see ipc.ts), in plain JavaScript so that the production
// build's gateway (bench/production-gateway.js) runs under plain `node`, without the TypeScript loader.

/** Announce readiness with `url`, then answer named commands until the parent disconnects. */
export function serveIpc(url, handlers) {
  process.on('message', async (message) => {
    const handler = handlers[message.cmd];
    try {
      if (!handler) throw new Error(`unknown command ${message.cmd}`);
      process.send({ id: message.id, result: await handler(message.args) });
    } catch (err) {
      process.send({ id: message.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, url });
}

/** What every server under test answers: its CPU time and its memory (optionally after a forced GC). */
export const processStats = {
  /** CPU time this process has used so far, in ms (user + system). */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  memory: ({ collect }) => {
    if (collect) globalThis.gc?.();
    const { rss, heapUsed, heapTotal } = process.memoryUsage();
    return { rss, heapUsed, heapTotal };
  },
};
