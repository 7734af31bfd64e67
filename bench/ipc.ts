/**
 * The benchmark's processes talk over Node's IPC channel: a child announces its URL when ready and
 * answers named commands (seed data, count calls, measure memory). Separate processes keep the load
 * generator from competing with the server it measures for the same event loop.
 */
import { fork, type ChildProcess } from 'node:child_process';

export { serveIpc } from './serve-ipc.js';

export interface ChildServer {
  url: string;
  process: ChildProcess;
  call<T = unknown>(cmd: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * In the parent: fork a child (TypeScript through tsx, plain JavaScript under plain node; gc exposed)
 * and wait for it to be ready.
 */
export async function spawnChild(file: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<ChildServer> {
  const loader = file.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = fork(new URL(file, import.meta.url).pathname, args, {
    execArgv: ['--expose-gc', ...loader, '--no-warnings', ...nodeArgs],
    // Several production gateways run side by side here: each serves /metrics on a free port of its
    // own (production's default is the fixed 9464).
    env: { METRICS_PORT: '0', ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
    child.on('message', (m: { ready?: boolean; url?: string; id?: number; result?: unknown; error?: string }) => {
      if (m.ready) return resolve(m.url!);
      const waiter = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.error !== undefined) waiter?.reject(new Error(m.error));
      else waiter?.resolve(m.result);
    });
  });
  return {
    url,
    process: child,
    call(cmd, callArgs) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args: callArgs });
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
