/**
 * The gateway as its own process, started exactly as `npm start` does (src/index.ts, configured by
 * environment variables), for tests where separate processes matter: replicas sharing a Redis, or
 * the compiled image contents.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GraphQLResponse } from './stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process has written so far. */
  logs: Array<{ level: number; msg: string; [key: string]: unknown }>;
  query<T = any>(query: string | undefined, variables?: Record<string, unknown>, extensions?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

/** How to start it: `npm start`'s way by default; the image test passes the compiled entry point. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
}

const NPM_START: Launch = { command: process.execPath, args: ['--import', 'tsx', 'src/index.ts'], cwd: ROOT };

export async function startGatewayProcess(env: Record<string, string>, launch: Launch = NPM_START): Promise<GatewayProcess> {
  const child = spawn(launch.command, launch.args, {
    cwd: launch.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      ...env,
    },
  });
  const logs: GatewayProcess['logs'] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    // Generous: tsx compiles on start, and a shared CI machine can be busy.
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // a gateway that never said ready must not outlive the test
      reject(new Error(`gateway did not start:\n${stderr}`));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as GatewayProcess['logs'][number];
          logs.push(entry);
          if (typeof entry.url === 'string' && entry.msg.startsWith('GraphQL gateway ready')) {
            clearTimeout(timer);
            resolve(entry.url);
          }
        } catch {
          // not a log line
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    logs,
    async query(query, variables, extensions) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables, extensions }),
      });
      return (await res.json()) as GraphQLResponse;
    },
    async metrics() {
      return (await fetch(new URL('/metrics', url))).text();
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
