// The TypeScript snippets of docs/clients.md compile as written. Each ```ts block is saved as its own
// module in a folder inside this package, so `glue-ml-graphql/client` resolves through package.json's
// `exports` and `./gql/` is the client preset's output (a link to examples/web/src/gql), then the folder
// is type-checked with the project's compiler settings. Their behaviour is tested in test/client/.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const DIR = new URL('test-results/doc-snippets/', ROOT);
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

interface Snippet {
  line: number;
  code: string;
}

function snippets(markdown: string, language: string): Snippet[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => ({
    line: markdown.slice(0, match.index).split('\n').length + 1,
    code: match[1]!,
  }));
}

const page = await readFile(new URL('docs/clients.md', ROOT), 'utf8');
const ts = snippets(page, 'ts');

describe('docs/clients.md', () => {
  it('shows each client, and says what a new user trips over', () => {
    const importing = (pkg: string) => ts.filter((s) => s.code.includes(`from '${pkg}'`));
    expect(importing('@apollo/client').length).toBeGreaterThanOrEqual(2);
    expect(importing('@urql/exchange-graphcache')).toHaveLength(1);
    expect(importing('graphql-request')).toHaveLength(1);
    // On Node, graphql-ws needs a WebSocket implementation.
    const onNode = importing('ws');
    expect(onNode).toHaveLength(1);
    expect(onNode[0]!.code).toContain('webSocketImpl: WebSocket');
    // relayStylePagination merges edges: the paginated document it is shown with selects them.
    const paginated = importing('@apollo/client/utilities')[0]!;
    expect(paginated.code).toContain('relayStylePagination');
    expect(paginated.code).toMatch(/\.edges\.map/);
    // Watching a run finish on the demo data, and why GET needs a header.
    expect(snippets(page, 'sh').some((s) => /GRAPHQL_MUTATIONS=true EMULATOR_CLOCK_SPEED=\d+/.test(s.code))).toBe(true);
    expect(page).toMatch(/apollo-require-preflight[\s\S]{0,800}Cross-Site Request Forgery|CSRF prevention and `apollo-require-preflight`/);
    expect(page).toContain('## Configuration variables');
  });

  it('every TypeScript snippet type-checks as written', { timeout: 180_000 }, async () => {
    await rm(DIR, { recursive: true, force: true });
    await mkdir(DIR, { recursive: true });
    await symlink(fileURLToPath(new URL('examples/web/src/gql/', ROOT)), fileURLToPath(new URL('gql', DIR)), 'dir');
    await Promise.all(
      ts.map((s, i) => writeFile(new URL(`snippet-${i + 1}.ts`, DIR), `// docs/clients.md, the snippet at line ${s.line}\n${s.code}`)),
    );
    const tsconfig = { extends: '../../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '../..' }, include: ['*.ts'] };
    await writeFile(new URL('tsconfig.json', DIR), JSON.stringify(tsconfig));
    const result = await promisify(execFile)(process.execPath, [TSC, '-p', fileURLToPath(new URL('tsconfig.json', DIR))]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
