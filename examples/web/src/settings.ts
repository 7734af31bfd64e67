/**
 * The page's settings, from its URL so one build serves any gateway: `?api=` (the GraphQL endpoint;
 * else VITE_GRAPHQL_URL at build time, else http://localhost:4000/graphql), `?runs=` (comma-separated
 * `transformId:taskRunId` pairs; else the demo runs of examples/task-runs.variables.json) and
 * `?interval=` (polling period in ms, at least 250; default 2000).
 */
import demo from '../../task-runs.variables.json';
import type { MLTaskRunKey } from './gql/graphql.js';

export interface Settings {
  api: string;
  runs: Array<{ transformId: string; taskRunId: string }>;
  intervalMs: number;
}

const DEFAULT_API = 'http://localhost:4000/graphql';
const DEFAULT_INTERVAL_MS = 2000;
const MIN_INTERVAL_MS = 250;

export function readSettings(search: string, env: { VITE_GRAPHQL_URL?: string }): Settings {
  const params = new URLSearchParams(search);
  const api = params.get('api') || env.VITE_GRAPHQL_URL || DEFAULT_API;
  const runs = params.get('runs')?.split(',').filter(Boolean).map(parseKey) ?? demo.keys.map(stringKey);
  const interval = Number(params.get('interval') ?? DEFAULT_INTERVAL_MS);
  return { api, runs, intervalMs: Number.isFinite(interval) ? Math.max(MIN_INTERVAL_MS, interval) : DEFAULT_INTERVAL_MS };
}

function parseKey(pair: string): { transformId: string; taskRunId: string } {
  const [transformId = '', taskRunId = ''] = pair.split(':');
  return { transformId, taskRunId };
}

function stringKey(key: MLTaskRunKey): { transformId: string; taskRunId: string } {
  return { transformId: String(key.transformId), taskRunId: String(key.taskRunId) };
}
