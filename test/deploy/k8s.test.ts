import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { DEPLOYABLES, envProblems, isDeployable, TEST_SECRETS } from './app-env.js';

// deploy/k8s is rendered with kustomize (bash .ci/run builds it with `go install`) and every object
// is validated offline against the Kubernetes OpenAPI schemas that the kubernetes-models package
// ships as compiled validators. They are the API's own schemas, which allow unknown fields: a
// misspelt optional field is not caught by them (kubeconform -strict would), so the checks below
// ask for the fields that matter (probes, resources, env) by name.
const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const K8S = path.join(ROOT, 'deploy/k8s');
const OVERLAYS = ['overlays/production'];

interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: { cpu?: string; memory?: string } };
}
interface DeploymentSpec {
  selector: { matchLabels: Record<string, string> };
  template: { metadata: Meta; spec: { containers: Container[] } };
}
interface NetworkPolicySpec {
  podSelector: { matchLabels?: Record<string, string> };
  ingress?: { from?: { podSelector?: { matchLabels?: Record<string, string> }; namespaceSelector?: unknown }[] }[];
}

/**
 * Keys of the Secret sagashop-secrets, which the operator creates (docs/deploy.md lists them), with
 * values of the right shape for the apps' own start-up checks.
 */
const OPERATOR_SECRETS: Record<string, string> = {
  ...TEST_SECRETS,
  ...Object.fromEntries(
    ['customer', 'inventory', 'order', 'payment', 'notification', 'events'].map((name) => [
      `${name.toUpperCase()}_DATABASE_URL`,
      `postgres://sagashop:secret@postgres.example.internal:5432/sagashop_${name}`,
    ]),
  ),
  REDIS_URL: 'redis://redis.example.internal:6379',
};

async function kustomize(): Promise<string> {
  const onPath = await run('kustomize', ['version']).then(
    () => 'kustomize',
    () => undefined,
  );
  if (onPath) return onPath;
  const gopath = await run('go', ['env', 'GOPATH']).then(
    ({ stdout }) => stdout.trim(),
    () => '',
  );
  const built = path.join(gopath, 'bin/kustomize');
  if (gopath && existsSync(built)) return built;
  throw new Error('kustomize is not installed: go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.1 (bash .ci/run does)');
}

async function render(overlay: string): Promise<K8sObject[]> {
  const { stdout } = await run(await kustomize(), ['build', path.join(K8S, overlay)], { maxBuffer: 16 * 1024 * 1024 });
  return parseAllDocuments(stdout).map((doc) => doc.toJS() as K8sObject);
}

/** The kubernetes-models module of an apiVersion: `apps/v1` -> kubernetes-models/apps/v1, `v1` -> kubernetes-models/v1. */
async function validateAgainstSchema(object: K8sObject): Promise<string | undefined> {
  const models = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<
    string,
    (new (data: unknown) => { validate(): void }) | undefined
  >;
  const Model = models[object.kind];
  if (!Model) return `${object.kind} ${object.metadata.name}: no schema for ${object.apiVersion} ${object.kind}`;
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return `${object.kind} ${object.metadata.name}: ${(error as Error).message}`;
  }
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

for (const overlay of OVERLAYS) {
  describe(`deploy/k8s/${overlay} (kustomize build, offline validation)`, function () {
    this.timeout(120_000);
    let objects: K8sObject[] = [];
    const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
    const deployments = () =>
      ofKind('Deployment').map((object) => ({ name: object.metadata.name, spec: object.spec as unknown as DeploymentSpec }));

    before(async () => {
      objects = await render(overlay);
    });

    it('renders objects that are valid against the Kubernetes schemas', async () => {
      assert.ok(objects.length > 0);
      const problems = (await Promise.all(objects.map(validateAgainstSchema))).filter(Boolean);
      assert.deepEqual(problems, []);
    });

    it('runs every deployable once, with probes and resource requests', () => {
      const apps = deployments().map(({ spec }) => spec.template.spec.containers[0].args?.[0]);
      assert.deepEqual([...apps].sort(), [...DEPLOYABLES].sort());
      const problems = deployments().flatMap(({ name, spec }) =>
        spec.template.spec.containers.flatMap((container) => {
          const ports = new Set((container.ports ?? []).flatMap((port) => [port.name, port.containerPort]));
          return [
            ...(container.readinessProbe?.httpGet?.path === '/ready' ? [] : [`${name}: readiness probe is not GET /ready`]),
            ...(container.livenessProbe?.httpGet?.path === '/health' ? [] : [`${name}: liveness probe is not GET /health`]),
            ...[container.readinessProbe, container.livenessProbe]
              .filter((probe) => probe?.httpGet && !ports.has(probe.httpGet.port))
              .map(() => `${name}: a probe targets a port the container does not declare`),
            ...(container.resources?.requests?.cpu && container.resources.requests.memory ? [] : [`${name}: no cpu and memory requests`]),
          ];
        }),
      );
      assert.deepEqual(problems, []);
    });

    it('pins every image to a version', () => {
      const unpinned = deployments().flatMap(({ name, spec }) =>
        spec.template.spec.containers
          .map((container) => container.image)
          .filter((image) => {
            const tag = /:([\w.-]+)(@sha256:[0-9a-f]{64})?$/.exec(image.replace(/^[^/]+:\d+\//, ''))?.[1];
            return !tag || !/\d/.test(tag) || tag === 'latest';
          })
          .map((image) => `${name}: ${image}`),
      );
      assert.deepEqual(unpinned, []);
    });

    it('gives every app the env it needs (ConfigMaps + the Secret the operator creates), and nothing it does not read', () => {
      const configMaps = new Map(ofKind('ConfigMap').map((object) => [object.metadata.name, object.data ?? {}]));
      const problems = deployments().flatMap(({ name, spec }) => {
        const container = spec.template.spec.containers[0];
        const app = container.args?.[0] ?? '';
        if (!isDeployable(app)) return [`${name}: runs unknown deployable ${app}`];
        const env: Record<string, string> = {};
        const wrong: string[] = [];
        for (const source of container.envFrom ?? []) {
          const data = source.configMapRef && configMaps.get(source.configMapRef.name);
          if (!data) wrong.push(`${name}: envFrom ${JSON.stringify(source)} is not a ConfigMap of this build`);
          else Object.assign(env, data);
        }
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref && (ref.name !== 'sagashop-secrets' || !(ref.key in OPERATOR_SECRETS))) {
            wrong.push(`${name}: ${variable.name} from unknown secret key ${ref.name}/${ref.key}`);
          }
          env[variable.name] = ref ? (OPERATOR_SECRETS[ref.key] ?? '') : (variable.value ?? '');
        }
        return [...wrong, ...envProblems(app, env).map((problem) => `${name}: ${problem}`)];
      });
      assert.deepEqual(problems, []);
    });

    it('points the service URLs at Services that exist, on their ports', () => {
      const services = new Map(
        ofKind('Service').map((object) => [
          object.metadata.name,
          (object.spec as { ports: { port: number }[] }).ports.map((port) => port.port),
        ]),
      );
      const urls = ofKind('ConfigMap').flatMap((object) =>
        Object.entries(object.data ?? {}).filter(([key]) => /^[A-Z]+_URL$/.test(key) && !key.endsWith('DATABASE_URL')),
      );
      assert.ok(urls.length >= 5);
      const broken = urls.filter(([, url]) => {
        const { hostname, port } = new URL(url);
        return !services.get(hostname)?.includes(Number(port));
      });
      assert.deepEqual(broken, []);
    });

    it('autoscales the worker and the gateway, and guards every deployable with a PodDisruptionBudget', () => {
      const scaled = ofKind('HorizontalPodAutoscaler').map(
        (object) => (object.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name,
      );
      assert.deepEqual(scaled.sort(), ['gateway', 'worker']);
      const unguarded = deployments().filter(
        ({ spec }) =>
          !ofKind('PodDisruptionBudget').some((pdb) =>
            matches(
              (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
              spec.template.metadata.labels,
            ),
          ),
      );
      assert.deepEqual(
        unguarded.map(({ name }) => name),
        [],
      );
    });

    it("serves the storefront's origin: the Ingress host is the gateway's WEB_ORIGIN", () => {
      const gateway = deployments().find(({ name }) => name === 'gateway');
      const origin = gateway?.spec.template.spec.containers[0].env?.find((variable) => variable.name === 'WEB_ORIGIN')?.value;
      const hosts = JSON.stringify(ofKind('Ingress').map((ingress) => ingress.spec)).match(/"host":"([^"]+)"/g);
      assert.deepEqual(hosts, [`"host":"${new URL(origin ?? 'http://(unset)').hostname}"`]);
    });

    it('documents every key of the Secret the operator creates (docs/deploy.md)', () => {
      const docs = readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
      const referenced = new Set(
        deployments().flatMap(({ spec }) =>
          spec.template.spec.containers.flatMap((container) =>
            (container.env ?? []).flatMap((variable) => variable.valueFrom?.secretKeyRef?.key ?? []),
          ),
        ),
      );
      assert.deepEqual(
        [...referenced].filter((key) => !docs.includes(`\`${key}\``)),
        [],
      );
    });

    it('exposes only the gateway through the Ingress, websockets included', () => {
      const [ingress, ...others] = ofKind('Ingress');
      assert.equal(others.length, 0);
      const backends = JSON.stringify(ingress.spec).match(/"service":\{"name":"([^"]+)"/g);
      assert.deepEqual(backends, ['"service":{"name":"gateway"']);
      assert.match(JSON.stringify(ingress.metadata), /proxy-read-timeout/);
    });

    it('lets only the gateway be reached from outside, and the contexts only from gateway and worker', () => {
      const policies = ofKind('NetworkPolicy').map((object) => object.spec as unknown as NetworkPolicySpec);
      assert.ok(
        policies.some((policy) => Object.keys(policy.podSelector.matchLabels ?? {}).length === 0 && !policy.ingress),
        'a default-deny ingress policy',
      );
      for (const { name, spec } of deployments()) {
        const labels = spec.template.metadata.labels;
        const rules = policies
          .filter((policy) => matches(policy.podSelector.matchLabels, labels))
          .flatMap((policy) => policy.ingress ?? []);
        const fromAnywhere = rules.some((rule) => !rule.from || rule.from.length === 0);
        assert.equal(fromAnywhere, name === 'gateway', `${name}: reachable from anywhere: ${fromAnywhere}`);
        if (labels?.['sagashop.io/role'] !== 'context') continue;
        const peers = rules.flatMap((rule) => rule.from ?? []).filter((peer) => peer.podSelector);
        const roles = peers.map((peer) => peer.podSelector?.matchLabels?.['sagashop.io/role']).sort();
        assert.deepEqual(roles, ['gateway', 'worker'], `${name}: reached by ${JSON.stringify(roles)}`);
      }
    });
  });
}

describe('deploy/k8s/temporal/values.yaml (Temporal Helm chart values)', () => {
  const values = parse(readFileSync(path.join(K8S, 'temporal/values.yaml'), 'utf8')) as {
    server: { image: { tag: string }; dynamicConfig: unknown; config: { persistence: Record<string, { sql?: { driver: string } }> } };
    admintools: { image: { tag: string } };
    web: { image: { tag: string } };
  };

  it('pins the chart and its images, on Postgres', () => {
    assert.match(readFileSync(path.join(K8S, 'temporal/values.yaml'), 'utf8'), /helm install .* --version \d+\.\d+\.\d+/);
    for (const tag of [values.server.image.tag, values.admintools.image.tag, values.web.image.tag]) assert.match(tag, /^\d+\.\d+\.\d+/);
    assert.equal(values.server.config.persistence.default.sql?.driver, 'postgres12');
    assert.equal(values.server.config.persistence.visibility.sql?.driver, 'postgres12');
  });

  it('has the dynamic config of the compose / start:cluster cluster (one source of truth, checked)', () => {
    const cluster = parse(readFileSync(path.join(ROOT, 'deploy/temporal-cluster/config/dynamicconfig.yaml'), 'utf8')) as unknown;
    assert.deepEqual(values.server.dynamicConfig, cluster);
  });
});
