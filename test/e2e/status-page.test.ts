import { mkdir, readFile } from 'node:fs/promises';
import { GlueClient, StartImportLabelsTaskRunCommand } from '@aws-sdk/client-glue';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { requireCommand } from '../helpers/requires.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { buildAndServeStatusPage, CHROMIUM_PATH, launchChromium, type ServedPage } from '../helpers/web.js';

const T = DEMO.transforms.customers;
const POLL_MS = 400;
const SCREENSHOT = 'test-results/status-page.png';

interface Key { transformId: string; taskRunId: string }

requireCommand(CHROMIUM_PATH, 'chromium').describe('the status page (examples/web) in Chromium, against the gateway on the emulator', () => {
  let served: ServedPage;
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let newRun: string;
  const apiRequests: Array<{ method: string; url: string; operationName: string | null }> = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    served = await buildAndServeStatusPage();
    // Runs started through the API are STARTING for 1.5 s, then RUNNING until the test moves the clock on.
    // Not in development, so only CORS_ORIGINS lets the page (another origin: other port) call the API.
    stack = await startStack({ emulator: { lifecycle: { startingMs: 1_500, runningMs: 3_600_000 } }, env: { CORS_ORIGINS: served.origin } });
    const glue = new GlueClient({ endpoint: stack.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    newRun = (await glue.send(new StartImportLabelsTaskRunCommand({ TransformId: T, InputS3Path: 's3://demo-glue-ml/labels/e2e.csv', ReplaceAllLabels: true }))).TaskRunId!;
    glue.destroy();

    const demo = JSON.parse(await readFile(new URL('../../examples/task-runs.variables.json', import.meta.url), 'utf8')) as { keys: Key[] };
    const runs = [{ transformId: T, taskRunId: newRun }, ...demo.keys].map((k) => `${k.transformId}:${k.taskRunId}`).join(',');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.url)) return;
      const body = request.postData();
      const operationName = body ? (JSON.parse(body) as { operationName?: string }).operationName ?? null : new URL(request.url()).searchParams.get('operationName');
      apiRequests.push({ method: request.method(), url: request.url(), operationName });
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${served.origin}/?${new URLSearchParams({ api: stack.url, interval: String(POLL_MS), runs })}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await served?.close();
  });

  const card = (taskRunId: string) => page.locator(`article[data-task-run-id="${taskRunId}"]`);
  const requestsFor = (taskRunId: string) => apiRequests.filter((r) => decodeURIComponent(r.url).includes(taskRunId)).length;

  it('shows every demo run with its status badge and the properties of its task type', async () => {
    await card(DEMO.runs.succeededImportLabels).and(page.locator('[data-status]')).waitFor();
    const expected: Array<[string, string, string[]]> = [
      [DEMO.runs.succeededImportLabels, 'SUCCEEDED', ['Import labels', 'Input S3 path', 'Replace labels']],
      [DEMO.runs.runningFindMatches, 'RUNNING', ['Find matches', 'customer-dedup-nightly', 'Job run id']],
      [DEMO.runs.failedFindMatches, 'FAILED', ['Find matches']],
      [DEMO.runs.succeededEvaluation, 'SUCCEEDED', ['Evaluation']],
      [DEMO.runs.succeededExportLabels, 'SUCCEEDED', ['Export labels', 'Output S3 path']],
      [DEMO.runs.stoppedLabelingSetGeneration, 'STOPPED', ['Labeling set generation', 'Output S3 path']],
      [DEMO.runs.timeoutFindMatches, 'TIMEOUT', ['Find matches']],
    ];
    for (const [id, status, texts] of expected) {
      expect(await card(id).getAttribute('data-status'), id).toBe(status);
      expect(await card(id).getByTestId('status').textContent(), id).toBe(status);
      const text = await card(id).textContent();
      for (const t of texts) expect(text, `${id} shows ${t}`).toContain(t);
    }
    expect(await card(DEMO.runs.failedImportLabels).count()).toBe(0); // only the configured runs
    expect(await card(DEMO.runs.failedFindMatches).locator('.run-error').count()).toBe(1);
  });

  it('shows a clear message for a run that does not exist, and does not poll it', async () => {
    const missing = card('tskr-missing');
    await missing.and(page.locator('[data-state="missing"]')).waitFor();
    expect(await missing.textContent()).toContain(`There is no task run tskr-missing on transform ${T}.`);
    expect(await missing.getAttribute('data-polling')).toBe('false');
  });

  it('watches a new run go from RUNNING to SUCCEEDED, then stops polling it', async () => {
    const run = card(newRun);
    await run.and(page.locator('[data-status="RUNNING"]')).waitFor({ timeout: 15_000 });
    expect(await run.getAttribute('data-polling')).toBe('true');
    expect(await run.textContent()).toContain('s3://demo-glue-ml/labels/e2e.csv');

    stack.emulator.clock.advance(3_600_000); // the run completes
    await run.and(page.locator('[data-status="SUCCEEDED"]')).waitFor({ timeout: 15_000 });
    expect(await run.getByTestId('status').textContent()).toBe('SUCCEEDED');
    expect(await run.getAttribute('data-polling')).toBe('false');
    expect(await run.textContent()).toMatch(/Completed.*UTC/);

    // No request for the finished run for many poll intervals, while the RUNNING demo run is still polled.
    const finishedBefore = requestsFor(newRun);
    const runningBefore = requestsFor(DEMO.runs.runningFindMatches);
    await page.waitForTimeout(POLL_MS * 6);
    expect(requestsFor(newRun)).toBe(finishedBefore);
    expect(requestsFor(DEMO.runs.runningFindMatches)).toBeGreaterThan(runningBefore);

    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 45_000);

  it('polls with GET and persisted-query hashes (after one full query per document), cross-origin, without errors', async () => {
    const polls = apiRequests.filter((r) => r.operationName === 'TaskRun');
    expect(polls.length).toBeGreaterThan(5);
    expect(polls.every((r) => r.method === 'GET')).toBe(true);
    const hashOnly = polls.filter((r) => r.url.includes('persistedQuery') && !new URL(r.url).searchParams.has('query'));
    const withQuery = polls.filter((r) => new URL(r.url).searchParams.has('query'));
    // The full query travels only on the first poll of each run polled at the start (the new run and the RUNNING one).
    expect(withQuery.length).toBeGreaterThanOrEqual(1);
    expect(withQuery.length).toBeLessThanOrEqual(2);
    expect(hashOnly.length).toBe(polls.length - withQuery.length);
    // The initial load of all runs: its hash as GET, missed, then once with the full query (as POST: too long for a URL).
    const loads = apiRequests.filter((r) => r.operationName === 'TaskRuns');
    expect(loads.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(new URL(loads[0]!.url).searchParams.has('query')).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('cannot use a gateway whose CORS_ORIGINS omits the page: the browser stops at the preflight, the page says so', async () => {
    const other = await startStack();
    try {
      const blocked = await browser.newPage();
      await blocked.goto(`${served.origin}/?${new URLSearchParams({ api: other.url, interval: '5000' })}`);
      await blocked.locator('#banner:not([hidden])').waitFor();
      expect(await blocked.locator('#banner').textContent()).toContain(`Cannot reach the GraphQL API at ${other.url}`);
      expect(other.emulator.stats.total).toBe(0); // the GET itself was never sent
      await blocked.close();
    } finally {
      await other.close();
    }
  });
});
