/**
 * The status page: loads every configured task run in one request, then polls each unfinished run on
 * its own until it reaches a finished status (or a non-retryable error), replacing its card each time.
 */
import './style.css';
import { createClient } from './client.js';
import { TaskRunDocument, TaskRunsDocument } from './gql/graphql.js';
import { renderRun } from './render.js';
import { readSettings } from './settings.js';
import { isPolling, stateOf, type RunState } from './task-runs.js';

const settings = readSettings(window.location.search, import.meta.env);
const client = createClient(settings.api);
const container = document.getElementById('runs')!;
const banner = document.getElementById('banner')!;
document.getElementById('api')!.textContent = settings.api;

const states: RunState[] = settings.runs.map((key) => ({ kind: 'loading', key }));
const cards = states.map((state) => container.appendChild(renderRun(state)));

function schedulePoll(index: number): void {
  window.setTimeout(() => void poll(index), settings.intervalMs);
}

function show(index: number, state: RunState): void {
  const next = renderRun(state);
  cards[index]!.replaceWith(next);
  cards[index] = next;
  states[index] = state;
  if (isPolling(state)) schedulePoll(index);
}

function setBanner(message: string | null): void {
  banner.hidden = message === null;
  banner.textContent = message ?? '';
}

async function loadAll(): Promise<void> {
  const { data, error } = await client.query(TaskRunsDocument, { keys: settings.runs }).toPromise();
  if (!data) {
    if (error?.networkError) {
      // Gateway down, CORS refused, ...: say so and try again.
      setBanner(`Cannot reach the GraphQL API at ${settings.api} (${error.networkError.message}). Retrying…`);
      window.setTimeout(() => void loadAll(), settings.intervalMs);
    } else {
      setBanner(`The GraphQL API refused the request: ${error?.graphQLErrors[0]?.message ?? 'no data returned'}`);
    }
    return;
  }
  setBanner(null);
  settings.runs.forEach((key, i) => show(i, stateOf(key, data.mlTaskRuns[i], error, ['mlTaskRuns', i])));
}

async function poll(index: number): Promise<void> {
  const key = settings.runs[index]!;
  const { data, error } = await client.query(TaskRunDocument, key).toPromise();
  if (!data && error?.networkError && states[index]!.kind === 'run') {
    // A network blip: keep showing the last known state of the run and try again on the next tick.
    schedulePoll(index);
    return;
  }
  show(index, stateOf(key, data?.mlTaskRun, error, ['mlTaskRun']));
}

void loadAll();
