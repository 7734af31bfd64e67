/**
 * One server under test in its own process: `gateway` (the real composition root, startApp, from the
 * TypeScript sources), `baseline` (bench/baseline.ts), or a reference server (`apollo`, `http`; see
 * reference.ts), configured from the environment like `npm start`. The production build's gateway
 * has its own entry, production-gateway.js.
 */
import { pino } from 'pino';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startBaseline } from './baseline.js';
import { startBareApollo, startBareHttp } from './reference.js';
import { processStats, serveIpc } from './serve-ipc.js';

const kind = process.argv[2];
const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
const upstream = {
  region: 'us-east-1',
  endpoint: process.env.GLUE_ENDPOINT!,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
};
const starters: Record<string, () => Promise<{ url: string }>> = {
  gateway: () => startApp(config, upstream, pino({ level: 'silent' })),
  baseline: () => startBaseline(config, upstream),
  apollo: startBareApollo,
  http: startBareHttp,
};
const start = kind ? starters[kind] : undefined;
if (!start) throw new Error(`usage: server-process.ts ${Object.keys(starters).join('|')} (got ${kind})`);
serveIpc((await start()).url, processStats);
