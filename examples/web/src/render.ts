/**
 * Renders one task run as a card: a status badge, its ids and times, the properties of its task type,
 * and whether it is still being polled. Built with DOM calls, never HTML strings, so no value from the
 * API can inject markup.
 */
import { isPolling, type RunState, type TaskRunProperties, type TaskRunView } from './task-runs.js';

type Child = Node | string | null | undefined | false;

function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

function facts(rows: Array<[string, string | null | undefined]>, className = 'facts'): HTMLElement {
  const list = h('dl', { class: className });
  for (const [term, value] of rows) {
    if (value === null || value === undefined || value === '') continue;
    list.append(h('dt', {}, term), h('dd', {}, value));
  }
  return list;
}

/** ISO-8601 UTC as `2024-05-02 08:30:00 UTC`: the same on every machine, unlike toLocaleString. */
function time(iso: string | null): string | null {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : null;
}

const TASK_TYPE_TITLES: Record<TaskRunProperties['__typename'], string> = {
  ImportLabelsTaskRunProperties: 'Import labels',
  ExportLabelsTaskRunProperties: 'Export labels',
  LabelingSetGenerationTaskRunProperties: 'Labeling set generation',
  FindMatchesTaskRunProperties: 'Find matches',
  EvaluationTaskRunProperties: 'Evaluation',
};

function propertyRows(p: TaskRunProperties): Array<[string, string | null]> {
  switch (p.__typename) {
    case 'ImportLabelsTaskRunProperties':
      return [['Input S3 path', p.inputS3Path], ['Replace labels', p.replace === null ? null : p.replace ? 'yes' : 'no']];
    case 'ExportLabelsTaskRunProperties':
    case 'LabelingSetGenerationTaskRunProperties':
      return [['Output S3 path', p.outputS3Path]];
    case 'FindMatchesTaskRunProperties':
      return [['Job', p.jobName], ['Job id', p.jobId], ['Job run id', p.jobRunId]];
    case 'EvaluationTaskRunProperties':
      return [];
  }
}

function badge(label: string, tone: string): HTMLElement {
  return h('span', { class: `badge badge-${tone}`, 'data-testid': 'status' }, label);
}

function pollingNote(polling: boolean): HTMLElement {
  return h('span', { class: polling ? 'live' : 'final' }, polling ? 'updating' : 'final');
}

function runBody(run: TaskRunView): Node[] {
  const properties = run.properties;
  const propertyList = properties ? propertyRows(properties) : [];
  const children: Child[] = [
    facts([['Task run', run.taskRunId], ['Transform', run.transformId]], 'facts ids'),
    facts([
      ['Started', time(run.startedOn)],
      ['Completed', time(run.completedOn)],
      ['Execution time', run.completedOn && run.executionTime !== null ? `${run.executionTime} s` : null],
    ]),
    propertyList.length > 0 && h('h3', {}, 'Properties'),
    propertyList.length > 0 && facts(propertyList, 'facts properties'),
    run.errorString && h('p', { class: 'run-error' }, run.errorString),
  ];
  return children.filter((child): child is HTMLElement => child instanceof Node);
}

export function renderRun(state: RunState): HTMLElement {
  const { key } = state;
  const card = h('article', { class: `run run-${state.kind}`, 'data-task-run-id': key.taskRunId, 'data-state': state.kind });
  switch (state.kind) {
    case 'loading':
      card.append(h('header', {}, badge('LOADING', 'pending'), h('h2', {}, key.taskRunId)));
      break;
    case 'run': {
      const status = state.run.status ?? 'UNKNOWN';
      const title = state.run.properties ? TASK_TYPE_TITLES[state.run.properties.__typename] : 'Task run';
      card.dataset.status = status;
      card.append(h('header', {}, badge(status, status.toLowerCase()), h('h2', {}, title), pollingNote(state.polling)), ...runBody(state.run));
      break;
    }
    case 'missing':
      card.append(
        h('header', {}, badge('NOT FOUND', 'missing'), h('h2', {}, 'Task run not found')),
        h('p', { class: 'message' }, `There is no task run ${key.taskRunId} on transform ${key.transformId}.`),
        h('p', { class: 'detail' }, state.message),
      );
      break;
    case 'error':
      card.append(
        h('header', {}, badge(state.code, 'error'), h('h2', {}, 'Could not load this task run'), pollingNote(state.polling)),
        h('p', { class: 'message' }, state.message),
        facts([['Task run', key.taskRunId], ['Transform', key.transformId]], 'facts ids'),
      );
      break;
  }
  card.dataset.polling = String(isPolling(state));
  return card;
}
