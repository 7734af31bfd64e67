/** Runs the gateway as `npm start` does (tsx on src/index.ts) in a child process with a clean environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export function startGatewayProcess(env: Record<string, string>): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('GLUE_') && k !== 'NODE_ENV'),
  );
  return spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...clean, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Reads the child's JSON log lines until `until` matches one; returns them all. */
export async function readLogLines(child: ChildProcess, until: (line: string) => boolean): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout! })) {
    lines.push(line);
    if (until(line)) break;
  }
  return lines;
}
