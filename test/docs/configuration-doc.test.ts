// The documentation cannot drift from the code silently: every environment variable the gateway reads
// has a row on the configuration page, and every docs page the README links to exists.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

// Pages other engineers are writing right now (issue #11): the README already links to them.
// Remove an entry once its page has landed, so the check covers it too.
const PAGES_BEING_WRITTEN = new Set(['docs/deploy.md']);

/** Targets of relative Markdown links to .md files, without the #anchor, resolved against `base`. */
function markdownLinks(markdown: string, base: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)/g)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z]+:/i.test(t)).map((t) => new URL(t, new URL(base, root)).pathname.slice(new URL(root).pathname.length));
}

describe('docs/configuration.md', () => {
  const page = read('docs/configuration.md');
  const variables = Object.keys(envSchema.shape);

  it('reads a schema with the variables it is meant to cover', () => {
    // Guards the check below against passing vacuously on an empty or renamed schema.
    expect(variables.length).toBeGreaterThan(40);
    expect(variables).toContain('GLUE_ENDPOINT');
  });

  it.each(variables)('has a table row for %s', (name) => {
    expect(page).toContain(`\`${name}\``);
    expect(page).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });
});

describe('README.md', () => {
  const readme = read('README.md');
  const docsLinks = [...new Set(markdownLinks(readme, 'README.md'))].filter((t) => t.startsWith('docs/'));

  it('links to the docs pages', () => {
    expect(docsLinks).toEqual(expect.arrayContaining(['docs/configuration.md', 'docs/errors.md']));
  });

  it.each(docsLinks)('links to %s, which exists or is being written', (target) => {
    expect(existsSync(new URL(target, root)) || PAGES_BEING_WRITTEN.has(target)).toBe(true);
  });

  it('names the test command CI runs', () => {
    expect(readme).toContain('npm test');
  });

  it('stays a landing page (at most 16 KiB)', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(16 * 1024);
  });
});

describe('links between docs pages', () => {
  const pages = readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md'));
  const links = pages.flatMap((page) =>
    markdownLinks(read(`docs/${page}`), `docs/${page}`).map((target) => [page, target] as const),
  );

  it.each(links)('%s → %s exists or is being written', (_page, target) => {
    expect(existsSync(new URL(target, root)) || PAGES_BEING_WRITTEN.has(target)).toBe(true);
  });
});
