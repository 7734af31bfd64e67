// deploy/kubernetes rendered by kustomize (`kubectl kustomize`, as `kubectl apply -k` renders it),
// every object validated against Kubernetes' schemas (kubernetes-models), and the parts that must agree
// with the gateway checked against its own config: env names, ports, probes, shutdown timings.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';
import { parseYamlDocuments, ROOT } from '../helpers/deploy-files.js';
import { requireCommand } from '../helpers/requires.js';

const exec = promisify(execFile);
const kubectl = requireCommand('kubectl', 'kubectl');

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  [key: string]: any;
}

async function render(path: string): Promise<K8sObject[]> {
  const { stdout } = await exec(kubectl.path!, ['kustomize', join(ROOT, path)], { maxBuffer: 16 * 1024 * 1024 });
  return parseYamlDocuments<K8sObject>(stdout);
}

/** kubernetes-models' class for the object's apiVersion and kind; its validate() checks the object against the API schema. */
async function validateAgainstSchema(object: K8sObject): Promise<void> {
  const module = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = module[object.kind];
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

const find = (objects: K8sObject[], kind: string, name = 'glue-ml-graphql') => {
  const found = objects.find((o) => o.kind === kind && (o.metadata.name === name || (kind === 'ConfigMap' && o.metadata.name.startsWith(`${name}-`))));
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

kubectl.describe.each([
  ['base', 'deploy/kubernetes/base'],
  ['overlay with Redis', 'deploy/kubernetes/overlays/redis'],
])('Kubernetes manifests: %s', (variant, path) => {
  let objects: K8sObject[];
  let deployment: K8sObject;
  let pod: any;
  let container: any;
  let config: Record<string, string>;

  beforeAll(async () => {
    objects = await render(path);
    deployment = find(objects, 'Deployment');
    pod = deployment.spec.template;
    container = pod.spec.containers.find((c: { name: string }) => c.name === 'gateway');
    config = find(objects, 'ConfigMap').data!;
  });

  it('renders, and every object is valid against the Kubernetes API schema', async () => {
    const kinds = objects.map((o) => o.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'ServiceAccount']));
    for (const object of objects) await expect(validateAgainstSchema(object), `${object.kind} ${object.metadata.name}`).resolves.toBeUndefined();
    await expect(validateAgainstSchema({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } })).rejects.toThrow(/replicas must be integer/);
  });

  it('the ConfigMap holds only variables the gateway reads, and they make a valid production config', () => {
    for (const name of Object.keys(config)) expect(CONFIG_VARIABLES, name).toContain(name);
    const loaded = loadConfig(config);
    expect(loaded.env).toBe('production');
    expect(loaded.upstream.kind).toBe('aws');
    expect(loaded.cache.redisUrl).toBe(variant === 'base' ? undefined : 'redis://glue-ml-graphql-redis:6379');
  });

  it('env names everywhere in the pod are the gateway\'s, and no AWS keys are among them', () => {
    const explicit = (container.env ?? []).map((e: { name: string }) => e.name);
    for (const name of explicit) expect(CONFIG_VARIABLES, name).toContain(name);
    const configMaps = container.envFrom.filter((e: any) => e.configMapRef).map((e: any) => e.configMapRef.name);
    expect(configMaps).toEqual([find(objects, 'ConfigMap').metadata.name]);
    const text = JSON.stringify(objects);
    expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/);
  });

  it('ports and probes match the gateway: PORT, METRICS_PORT, /readyz, /healthz, and a startup probe', () => {
    const port = (name: string) => container.ports.find((p: { name: string }) => p.name === name)?.containerPort;
    const loaded = loadConfig(config);
    expect(port('http')).toBe(loaded.port);
    expect(port('metrics')).toBe(loaded.metricsPort);
    expect(pod.metadata.annotations['prometheus.io/port']).toBe(String(loaded.metricsPort));
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    const service = find(objects, 'Service');
    expect(service.spec.ports.map((p: { targetPort: string }) => p.targetPort)).toEqual(['http']);
    expect(matches(service.spec.selector, pod.metadata.labels)).toBe(true);
  });

  it('at least 2 replicas, kept by the HPA and the PDB; shutdown fits terminationGracePeriodSeconds', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const hpa = find(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = find(objects, 'PodDisruptionBudget');
    expect(matches(pdb.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(matches(deployment.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    const { delayMs, graceMs } = loadConfig(config).shutdown;
    expect(delayMs).toBeGreaterThan(0);
    expect(pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(delayMs + graceMs);
  });

  it('requests and limits; non-root, read-only root filesystem, every capability dropped', () => {
    for (const c of objects.filter((o) => o.kind === 'Deployment').flatMap((d) => d.spec.template.spec.containers)) {
      expect(Object.keys(c.resources.requests).sort(), c.name).toEqual(['cpu', 'memory']);
      expect(Object.keys(c.resources.limits).sort(), c.name).toEqual(['cpu', 'memory']);
      expect(c.securityContext, c.name).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    }
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
  });

  it('runs as a ServiceAccount annotated for IRSA, so AWS credentials come from the role', () => {
    const account = find(objects, 'ServiceAccount');
    expect(pod.spec.serviceAccountName).toBe(account.metadata.name);
    expect(account.metadata.annotations!['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\/.+/);
  });
});

kubectl.describe('Kubernetes manifests: the Redis of the overlay', () => {
  it('REDIS_URL names the Redis Service, which evicts LRU and admits only the gateway', async () => {
    const objects = await render('deploy/kubernetes/overlays/redis');
    const pod = find(objects, 'Deployment').spec.template;
    const config = find(objects, 'ConfigMap').data!;
    const redis = find(objects, 'Deployment', 'glue-ml-graphql-redis');
    const service = find(objects, 'Service', 'glue-ml-graphql-redis');
    const url = new URL(config.REDIS_URL!);
    expect(url.hostname).toBe(service.metadata.name);
    expect(Number(url.port)).toBe(service.spec.ports[0].port);
    expect(matches(service.spec.selector, redis.spec.template.metadata.labels)).toBe(true);
    expect(redis.spec.template.spec.containers[0].args.join(' ')).toContain('--maxmemory-policy allkeys-lru');
    const policy = find(objects, 'NetworkPolicy', 'glue-ml-graphql-redis');
    expect(matches(policy.spec.ingress[0].from[0].podSelector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(matches(policy.spec.podSelector.matchLabels, pod.metadata.labels)).toBe(false);
  });
});
