/**
 * One server under test in its own process: `gateway` (the real composition root, startApp) or
 * `baseline` (bench/baseline.ts), configured from the environment like `npm start`. It answers
 * memory measurements (optionally after a forced GC) for the soak test.
 */
import { pino } from 'pino';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startBaseline } from './baseline.js';
import { serveIpc } from './ipc.js';

const kind = process.argv[2];
const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
const upstream = {
  region: 'us-east-1',
  endpoint: process.env.GLUE_ENDPOINT!,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
};
const server =
  kind === 'gateway' ? await startApp(config, upstream, pino({ level: 'silent' })) : kind === 'baseline' ? await startBaseline(config, upstream) : undefined;
if (!server) throw new Error(`usage: server-process.ts gateway|baseline (got ${kind})`);

serveIpc(server.url, {
  /** CPU time this process has used so far, in ms (user + system). */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  memory: ({ collect }: { collect?: boolean }) => {
    if (collect) globalThis.gc?.();
    const { rss, heapUsed, heapTotal } = process.memoryUsage();
    return { rss, heapUsed, heapTotal };
  },
});
