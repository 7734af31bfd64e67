// The container image and the compose stack, checked without a Docker engine: the Dockerfile parses,
// lints clean and describes the image docs/deploy.md promises; the compose file parses and runs the
// image's own commands. (test/deploy/image-build.test.ts carries out the build itself.)
import { existsSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { loadTypeDefs } from '../../src/schema.js';
import { compose, dockerfile, parseYaml, readRepoFile } from '../helpers/deploy-files.js';

const { stages, problems } = dockerfile();
const stage = (name: string) => stages.find((s) => s.name === name)!;
const runtime = stages.at(-1)!;
const startProd = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts['start:prod']!;
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|ACCESS_KEY|API_KEY|PRIVATE/i;

describe('Dockerfile', () => {
  it('parses and lints without errors or warnings', () => {
    expect(problems).toEqual([]);
    expect(stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
  });

  it('runs on Node 24 LTS (the major .nvmrc names), slim, every stage from the same base', () => {
    expect(runtime.image).toMatch(/^node:24(\.\d+)*-[a-z]+-slim$/);
    expect(readRepoFile('.nvmrc').trim()).toBe('24');
    expect(new Set(stages.map((s) => s.image)).size).toBe(1);
  });

  it('compiles in one stage and installs production dependencies only in another, from the lockfile', () => {
    const runs = (name: string) => stage(name).steps.flatMap((s) => (s.kind === 'run' ? [s.command] : []));
    expect(runs('build')).toContain('npm run build');
    expect(runs('deps')).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
    const copiesFrom = runtime.steps.flatMap((s) => (s.kind === 'copy' && s.from ? [[s.from, ...s.sources]] : []));
    expect(copiesFrom).toEqual([
      ['deps', '/app/node_modules'],
      ['build', '/app/dist'],
    ]);
  });

  it('starts with the production command (npm run start:prod) as a non-root user, on port 4000', () => {
    expect(runtime.cmd).toEqual(startProd.split(' '));
    expect(runtime.cmd).toEqual(['node', 'dist/index.js']);
    expect(runtime.user).toMatch(/^[1-9]\d*(:\d+)?$/); // numeric, so runAsNonRoot can verify it
    expect(runtime.expose).toEqual(['4000']);
    expect(runtime.env).toMatchObject({ NODE_ENV: 'production', PORT: '4000' });
  });

  it('puts no secret into any layer: no such ENV, and none copied in', () => {
    const names = stages.flatMap((s) => Object.keys(s.env));
    expect(names.filter((n) => SECRET_NAME.test(n))).toEqual([]);
    for (const name of names) expect(CONFIG_VARIABLES).toContain(name);
    const sources = stages.flatMap((s) => s.steps.flatMap((step) => (step.kind === 'copy' && !step.from ? step.sources : [])));
    expect(sources.filter((s) => s === '.' || /(^|\/)\.(env|aws|npmrc)|\.(pem|key)$/.test(s))).toEqual([]);
  });

  it('.dockerignore keeps dependencies, builds, VCS data and secrets out, but none of what the build copies', () => {
    const ignored = readRepoFile('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.git', '.env', '.env.*', '.aws']));
    const sources = stages.flatMap((s) => s.steps.flatMap((step) => (step.kind === 'copy' && !step.from ? step.sources : [])));
    for (const source of sources) {
      const top = source.split('/')[0]!;
      expect(ignored, `${source} is copied but ignored`).not.toContain(top);
      expect(existsSync(new URL(`../../${top}`, import.meta.url)), `${source} exists`).toBe(true);
    }
  });
});

describe('compose.yaml', () => {
  const { services } = compose();

  it('has two gateway replicas, Redis, the emulator as upstream, and the router behind a profile', () => {
    expect(Object.keys(services).sort()).toEqual(['emulator', 'gateway', 'redis', 'router']);
    expect(services.gateway!.deploy!.replicas).toBeGreaterThanOrEqual(2);
    expect(services.router!.profiles).toEqual(['router']);
    for (const name of ['gateway', 'emulator', 'redis']) expect(services[name]!.profiles).toBeUndefined();
  });

  it('builds the image from ./Dockerfile and runs its commands: the start command, and the emulator from dist', () => {
    for (const name of ['gateway', 'emulator']) {
      expect(services[name]!.build).toBe('.');
      expect(services[name]!.image).toBe(services.gateway!.image);
      expect(services[name]).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
    }
    expect(services.gateway!.command).toEqual(runtime.cmd);
    expect(services.emulator!.command!.slice(0, 2)).toEqual(['node', 'dist/emulator/cli.js']);
  });

  it('points the gateways at the emulator and Redis by service name, with variables the gateway knows', () => {
    const env = services.gateway!.environment!;
    const port = (service: string) => services[service]!.command!.at(services[service]!.command!.indexOf('--port') + 1);
    expect(env.GLUE_ENDPOINT).toBe(`http://emulator:${port('emulator')}`);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    const unknown = Object.keys(env).filter((name) => !(CONFIG_VARIABLES as readonly string[]).includes(name) && !/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/.test(name));
    expect(unknown).toEqual([]);
    expect(Object.keys(services.gateway!.depends_on!).sort()).toEqual(['emulator', 'redis']);
  });

  it('drains on stop: stop_grace_period exceeds SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS; health is /readyz', () => {
    const env = services.gateway!.environment!;
    const graceSeconds = Number(/^(\d+)s$/.exec(services.gateway!.stop_grace_period!)![1]);
    expect(graceSeconds * 1000).toBeGreaterThan(Number(env.SHUTDOWN_DELAY_MS) + Number(env.SHUTDOWN_GRACE_MS));
    expect(services.gateway!.healthcheck!.test.join(' ')).toContain('/readyz');
  });

  it('Redis evicts as a cache should (allkeys-lru) and persists nothing', () => {
    const command = services.redis!.command!.join(' ');
    expect(command).toContain('--maxmemory-policy allkeys-lru');
    expect(command).toContain('--appendonly no');
  });

  it('the router mounts a config that parses and the supergraph composed from schema/ (kept current here)', async () => {
    const mounts = services.router!.volumes!.map((v) => v.split(':')[0]!.replace(/^\.\//, ''));
    expect(mounts).toEqual(['deploy/compose/router.yaml', 'deploy/compose/supergraph.graphql']);
    const config = parseYaml(readRepoFile('deploy/compose/router.yaml'));
    expect(config.supergraph.listen).toBe('0.0.0.0:4000');
    const composed = composeServices([{ name: 'glue-ml', typeDefs: parse(loadTypeDefs()), url: 'http://gateway:4000/graphql' }]);
    expect(composed.errors ?? []).toEqual([]);
    // Out of date after a schema change: `npx vitest run test/deploy/image-files.test.ts -u` rewrites it.
    await expect(composed.supergraphSdl).toMatchFileSnapshot('../../deploy/compose/supergraph.graphql');
  });
});
