/**
 * For end-to-end tests of examples/web: build the page with Vite, serve the build on a free port,
 * and drive Debian's Chromium with playwright-core (never a downloaded browser).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { findCommand } from './requires.js';

const WEB_ROOT = fileURLToPath(new URL('../../examples/web/', import.meta.url));
/** CHROMIUM_PATH, else `chromium` on PATH (Debian's package installs /usr/bin/chromium). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? findCommand('chromium') ?? 'chromium';

export interface ServedPage {
  /** The page's origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

/** Builds examples/web into a temporary folder and serves it over HTTP on 127.0.0.1. */
export async function buildAndServeStatusPage(): Promise<ServedPage> {
  const outDir = await mkdtemp(join(tmpdir(), 'status-page-'));
  await build({ root: WEB_ROOT, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const app = express();
  app.use(express.static(outDir));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium from Debian's package; the flags keep it off the network beyond loopback. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
