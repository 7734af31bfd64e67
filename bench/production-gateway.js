// The gateway under test as it runs in production: the compiled build (dist/, from `tsc -p
// tsconfig.build.json`) under plain `node`, configured from the environment like `npm start`.
import { pino } from 'pino';
import { startApp } from '../dist/app.js';
import { loadConfig } from '../dist/config.js';
import { processStats, serveIpc } from './serve-ipc.js';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
const upstream = { region: 'us-east-1', endpoint: process.env.GLUE_ENDPOINT, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
const app = await startApp(config, upstream, pino({ level: 'silent' }));
serveIpc(app.url, processStats);
