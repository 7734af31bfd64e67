/**
 * The layering a newcomer relies on, checked on the source itself: the Glue adapter imports nothing
 * from the GraphQL side, only the errors module makes GraphQL errors, and no module imports itself
 * back through others (an import cycle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers of every static and dynamic import (type-only ones included). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm), ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g)];
  return specifiers.map((m) => m[1]!);
}

/** Relative imports resolved to the .ts file they name. */
function localImports(file: string): string[] {
  return importsOf(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

const files = sourceFiles(SRC);
const known = new Set(files);
const name = (file: string) => relative(SRC, file);

describe('layering', () => {
  it('the Glue adapter imports only the SDK, node, its resilience libraries, its own files and the error codes', () => {
    const adapter = files.filter((f) => name(f).startsWith('glue/'));
    expect(adapter.length).toBeGreaterThan(3);
    for (const file of adapter) {
      for (const specifier of importsOf(file)) {
        const allowed =
          specifier.startsWith('node:') ||
          specifier.startsWith('@aws-sdk/') ||
          specifier === 'p-queue' ||
          // The upstream policy's kept parts: the SDK's retry strategies, cockatiel's breaker, a rate limiter.
          specifier.startsWith('@smithy/') ||
          specifier === 'cockatiel' ||
          specifier === 'rate-limiter-flexible' ||
          specifier === '@keyv/redis' ||
          specifier.startsWith('./') ||
          specifier === '../errors.js';
        expect(allowed, `${name(file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('no module uses AsyncLocalStorage: on Node 20 it puts promise hooks on every promise of the process (only the opt-in OpenTelemetry SDK brings one)', () => {
    const users = files.filter((f) => /AsyncLocalStorage|node:async_hooks/.test(readFileSync(f, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '')));
    expect(users.map(name)).toEqual([]);
  });

  it('only src/errors.ts constructs GraphQLError', () => {
    const makers = files.filter((f) => !name(f).startsWith('emulator/') && /new GraphQLError\(/.test(readFileSync(f, 'utf8')));
    expect(makers.map(name)).toEqual(['errors.ts']);
  });

  it('has no import cycles', () => {
    const graph = new Map(files.map((f) => [f, localImports(f).filter((i) => known.has(i))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
