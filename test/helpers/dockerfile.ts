/**
 * No Docker engine runs on these machines, so the image's build is checked the next best way: the
 * Dockerfile is parsed (dockerfile-ast) and linted (dockerfile-utils), and each stage's COPY and RUN
 * steps are carried out in a scratch folder of its own, standing in for that stage's WORKDIR.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { DockerfileParser, type Cmd, type Copy, type Env, type From } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

const exec = promisify(execFile);
/** DiagnosticSeverity.Error of the Language Server Protocol, which dockerfile-utils reports in. */
const LSP_ERROR = 1;

export type Step = { kind: 'copy'; sources: string[]; dest: string; from?: string } | { kind: 'run'; command: string };

export interface Stage {
  name: string;
  /** The base image, ARG defaults substituted. */
  image: string;
  workdir?: string;
  env: Record<string, string>;
  steps: Step[];
  user?: string;
  expose: string[];
  cmd?: string[];
}

export interface ParsedDockerfile {
  stages: Stage[];
  /** dockerfile-utils' errors and warnings, one line each. */
  problems: string[];
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(text);
  const args = Object.fromEntries(dockerfile.getInitialARGs().map((arg) => [arg.getProperty()!.getName(), arg.getProperty()!.getValue() ?? '']));
  const substitute = (value: string) => value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => args[(a ?? b)!] ?? '');
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const values = instruction.getArguments().map((arg) => arg.getValue());
    if (keyword === 'FROM') {
      const from = instruction as From;
      stages.push({ name: from.getBuildStage() ?? String(stages.length), image: substitute(from.getImage() ?? ''), env: {}, steps: [], expose: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue; // ARGs before the first FROM
    if (keyword === 'WORKDIR') stage.workdir = values[0];
    else if (keyword === 'ENV') for (const property of (instruction as Env).getProperties()) stage.env[property.getName()] = property.getValue() ?? '';
    else if (keyword === 'COPY') stage.steps.push({ kind: 'copy', sources: values.slice(0, -1), dest: values.at(-1)!, from: (instruction as Copy).getFromFlag()?.getValue() ?? undefined });
    else if (keyword === 'RUN') stage.steps.push({ kind: 'run', command: instruction.getArgumentsContent() ?? '' });
    else if (keyword === 'USER') stage.user = values[0];
    else if (keyword === 'EXPOSE') stage.expose.push(...values);
    else if (keyword === 'CMD') stage.cmd = (instruction as Cmd).getJSONStrings().map((s) => s.getJSONValue());
  }
  const problems = validate(text).map((d) => `${d.severity === LSP_ERROR ? 'error' : 'warning'} line ${d.range.start.line + 1}: ${d.message}`);
  return { stages, problems };
}

/** Sources of a COPY: plain paths, or a `*` in the last segment (as in `examples/*.graphql`). */
async function expand(root: string, source: string): Promise<string[]> {
  const name = basename(source);
  if (!name.includes('*')) return [source];
  const pattern = new RegExp(`^${name.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  const dir = dirname(source);
  return (await readdir(join(root, dir))).filter((entry) => pattern.test(entry)).map((entry) => posix.join(dir, entry));
}

export interface StageRun {
  /** Where each stage's WORKDIR ended up. */
  dirs: Record<string, string>;
  /** Each RUN as carried out, with its duration. */
  ran: Array<{ stage: string; command: string; ms: number }>;
}

/**
 * Carries out the stages in order under `scratch`: COPY from `context` (or from an earlier stage's
 * folder for --from), RUN through `sh -c` with `env`. `substituteRun` may stand a step in for a RUN
 * (returning true when it did); the test uses it for one step and says why.
 */
export async function buildStages(
  stages: Stage[],
  options: { context: string; scratch: string; env: NodeJS.ProcessEnv; substituteRun?: (stage: Stage, command: string, dir: string) => Promise<boolean> },
): Promise<StageRun> {
  const dirs: Record<string, string> = {};
  const ran: StageRun['ran'] = [];
  for (const stage of stages) {
    const dir = join(options.scratch, stage.name);
    dirs[stage.name] = dir;
    await mkdir(dir, { recursive: true });
    for (const step of stage.steps) {
      if (step.kind === 'run') {
        const started = Date.now();
        if (!(await options.substituteRun?.(stage, step.command, dir))) {
          await exec('sh', ['-c', step.command], { cwd: dir, env: options.env, maxBuffer: 64 * 1024 * 1024 });
        }
        ran.push({ stage: stage.name, command: step.command, ms: Date.now() - started });
        continue;
      }
      // A source of another stage is an absolute path in its WORKDIR; of the context, a relative one.
      const fromDir = step.from ? dirs[step.from] : undefined;
      if (step.from && !fromDir) throw new Error(`COPY --from=${step.from}: no earlier stage of that name`);
      const fromWorkdir = step.from ? stages.find((s) => s.name === step.from)!.workdir ?? '/' : '';
      const root = fromDir ?? options.context;
      const destDir = join(dir, step.dest);
      const many = step.sources.length > 1 || step.sources.some((s) => s.includes('*')) || step.dest.endsWith('/');
      for (const source of step.sources) {
        const relative = step.from ? posix.relative(fromWorkdir, source) : source;
        for (const path of await expand(root, relative)) {
          const target = many ? join(destDir, basename(path)) : destDir;
          await mkdir(dirname(target), { recursive: true });
          await cp(join(root, path), target, { recursive: true, verbatimSymlinks: true });
        }
      }
    }
  }
  return { dirs, ran };
}

/** Links `target` as `dir/node_modules` (for a RUN the test stands in for). */
export async function linkNodeModules(target: string, dir: string): Promise<void> {
  await symlink(target, join(dir, 'node_modules'), 'dir');
}
