import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { DEPLOYABLES, envProblems, isDeployable, listenPort, TEST_SECRETS } from './app-env.js';

// No Docker engine runs where the tests run: docker-compose.yml is checked statically.
const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
/** compose-spec/compose-spec, schema/compose-spec.json at a08f8d51631b7127ddac3d2c65537db429d0f1d0 (2026-06). */
const COMPOSE_SCHEMA = path.join(import.meta.dirname, 'compose-spec.json');

interface Healthcheck {
  test?: string[] | string;
  disable?: boolean;
}
interface Service {
  image?: string;
  command?: string[];
  entrypoint?: string[];
  restart?: string;
  environment?: Record<string, string | number | boolean | null>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: Healthcheck;
  deploy?: { replicas?: number };
}
interface ComposeFile {
  services: Record<string, Service>;
}

/** Compose's own interpolation (`${VAR}`, `${VAR:-default}`, `${VAR:?message}`); `$$` is a literal `$`. */
function interpolate(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (match: string, name?: string, op?: string, given?: string) => {
      const arg = given ?? '';
      if (match === '$$' || !name) return '$';
      const set = vars[name];
      if (op === ':?' || op === '?') {
        if (op === ':?' ? !set : set === undefined) throw new Error(`${name} must be set: ${arg}`);
        return set;
      }
      if (op === ':-') return set || arg;
      if (op === '-') return set ?? arg;
      return set ?? '';
    });
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, vars)]));
  }
  return value;
}

const raw = (): unknown => parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true });
/** The file as compose sees it when the operator gives the secrets it asks for. */
const compose = (vars: Record<string, string> = TEST_SECRETS) => interpolate(raw(), vars) as ComposeFile;

const stringEnv = (service: Service): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, value === null ? '' : String(value)]));

/** Bind mounts as [host path relative to the repo, container path]. */
function bindMounts(service: Service): [string, string][] {
  return (service.volumes ?? []).flatMap((volume): [string, string][] => {
    if (typeof volume === 'string') {
      const [source, target] = volume.split(':');
      return source.startsWith('.') || source.startsWith('/') ? [[source, target]] : [];
    }
    return volume.type === 'bind' && volume.source ? [[volume.source, volume.target ?? '']] : [];
  });
}

const dependencies = (service: Service): [string, string][] =>
  Array.isArray(service.depends_on)
    ? service.depends_on.map((name) => [name, 'service_started'])
    : Object.entries(service.depends_on ?? {}).map(([name, { condition }]) => [name, condition ?? 'service_started']);

/** The app a service runs: the image's entrypoint takes the deployable's name (deploy/docker-entrypoint.sh). */
const appOf = (service: Service): string | undefined =>
  service.image?.startsWith('sagashop:') ? (service.command?.[0] ?? 'gateway') : undefined;

describe('docker-compose.yml (static checks)', function () {
  this.timeout(60_000);

  it('is valid against the compose-spec JSON schema', () => {
    const schema = JSON.parse(readFileSync(COMPOSE_SCHEMA, 'utf8')) as Record<string, unknown>;
    // The schema names its draft by a URI Ajv does not know; draft-07 is Ajv's default dialect.
    delete schema.$schema;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(compose());
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  });

  it("is accepted by Compose's own parser (docker-compose config)", async () => {
    // Debian's docker-compose needs no Docker daemon for `config`; bash .ci/run installs it.
    const result = await run('docker-compose', ['-f', COMPOSE_FILE, 'config', '-q'], {
      cwd: ROOT,
      env: { ...process.env, ...TEST_SECRETS },
    }).catch((error: NodeJS.ErrnoException & { stderr?: string }) => {
      if (error.code === 'ENOENT') throw new Error('docker-compose is not installed: apt-get install docker-compose');
      throw new Error(`docker-compose config failed:\n${error.stderr}`);
    });
    assert.equal(result.stderr.trim(), '');
  });

  it('refuses to start without the secrets the gateway and worker need', () => {
    assert.throws(() => compose({}), /JWT_SECRET must be set|TEMPORAL_CODEC_KEYS must be set/);
  });

  it('pins every image to a version (no latest, no missing tag)', () => {
    const unpinned = Object.entries(compose().services)
      .filter(([, service]) => {
        const image = service.image ?? '';
        const tag = /^[^@]+:([\w.-]+)(@sha256:[0-9a-f]{64})?$/.exec(image.replace(/^[^/]+:\d+\//, ''))?.[1];
        return !tag || !/\d/.test(tag) || /^(latest|stable|main|edge)$/.test(tag);
      })
      .map(([name, service]) => `${name}: ${service.image ?? '(no image)'}`);
    assert.deepEqual(unpinned, []);
  });

  it('mounts only files that exist', () => {
    const missing = Object.entries(compose().services).flatMap(([name, service]) =>
      bindMounts(service)
        .filter(([source]) => !existsSync(path.resolve(ROOT, source)))
        .map(([source]) => `${name}: ${source}`),
    );
    assert.deepEqual(missing, []);
  });

  it('runs Temporal on the config files `npm run start:cluster` uses, and mounts the observability files', () => {
    const mounted = new Set(
      Object.values(compose().services).flatMap((service) => bindMounts(service).map(([source]) => path.normalize(source))),
    );
    const expected = [
      'deploy/temporal-cluster/config/temporal.yaml',
      'deploy/temporal-cluster/config/dynamicconfig.yaml',
      'deploy/temporal-cluster/setup.sh',
      'deploy/observability/prometheus.yml',
      'deploy/observability/grafana/provisioning/datasources',
      'deploy/observability/grafana/provisioning/dashboards',
      'deploy/observability/grafana/dashboards',
    ];
    const notMounted = expected.filter((file) => ![...mounted].some((source) => file === source || file.startsWith(`${source}/`)));
    assert.deepEqual(notMounted, []);
    // The directories Grafana is given must hold what it provisions.
    const yamlIn = (dir: string) => readdirSync(path.join(ROOT, dir)).filter((file) => /\.ya?ml$/.test(file));
    assert.ok(yamlIn('deploy/observability/grafana/provisioning/datasources').length > 0, 'no datasource provisioned');
    assert.ok(yamlIn('deploy/observability/grafana/provisioning/dashboards').length > 0, 'no dashboard provider');
    assert.ok(statSync(path.join(ROOT, 'deploy/observability/grafana/dashboards/sagashop.json')).isFile());
  });

  it('mounts the server config where the server looks for it (--env, dynamic config path)', () => {
    const temporal = compose().services.temporal;
    const env = /--env (\S+)/.exec((temporal.entrypoint ?? []).join(' '))?.[1];
    const targets = bindMounts(temporal).map(([source, target]) => [path.normalize(source), target]);
    // The image's working directory is /etc/temporal and the server's default config dir is ./config.
    assert.deepEqual(
      targets.find(([source]) => source === 'deploy/temporal-cluster/config/temporal.yaml')?.[1],
      `/etc/temporal/config/${env}.yaml`,
    );
    const config = readFileSync(path.join(ROOT, 'deploy/temporal-cluster/config/temporal.yaml'), 'utf8');
    const dynamicConfig = /DYNAMIC_CONFIG_FILE_PATH" \| default "([^"]+)"/.exec(config)?.[1];
    const variables = stringEnv(temporal);
    assert.deepEqual(
      targets.find(([source]) => source === 'deploy/temporal-cluster/config/dynamicconfig.yaml')?.[1],
      path.posix.resolve('/etc/temporal', variables.DYNAMIC_CONFIG_FILE_PATH || (dynamicConfig ?? '(not found)')),
    );
  });

  it('gives every app the env it needs in a container, and nothing it does not read', () => {
    const services = Object.entries(compose().services).filter(([, service]) => appOf(service));
    assert.deepEqual(
      [...new Set(services.map(([, service]) => appOf(service)))].sort(),
      [...DEPLOYABLES].sort(),
      'every deployable runs in compose',
    );
    const problems = services.flatMap(([name, service]) => {
      const app = appOf(service)!;
      assert.ok(isDeployable(app), `${name}: unknown deployable ${app}`);
      return envProblems(app, stringEnv(service)).map((problem) => `${name}: ${problem}`);
    });
    assert.deepEqual(problems, []);
  });

  it("probes each app's /ready on the port it listens on", () => {
    const wrong = Object.entries(compose().services).flatMap(([name, service]) => {
      const app = appOf(service);
      if (!app || !isDeployable(app)) return [];
      const probe = JSON.stringify(service.healthcheck?.test ?? '');
      const expected = `127.0.0.1:${listenPort(app, stringEnv(service))}/ready`;
      return probe.includes(expected) ? [] : [`${name}: healthcheck ${probe} does not probe ${expected}`];
    });
    assert.deepEqual(wrong, []);
  });

  it('has Prometheus scrape every app and Temporal where they serve /metrics', () => {
    interface ScrapeConfig {
      dns_sd_configs?: { names: string[]; port: number }[];
      static_configs?: { targets: string[] }[];
    }
    const prometheus = parse(readFileSync(path.join(ROOT, 'deploy/observability/prometheus.yml'), 'utf8')) as {
      scrape_configs: ScrapeConfig[];
    };
    const scraped = new Set(
      prometheus.scrape_configs.flatMap((job) => [
        ...(job.dns_sd_configs ?? []).flatMap((sd) => sd.names.map((name) => `${name}:${sd.port}`)),
        ...(job.static_configs ?? []).flatMap((config) => config.targets),
      ]),
    );
    const services = compose().services;
    const expected = Object.entries(services).flatMap(([name, service]) => {
      const app = appOf(service);
      return app && isDeployable(app) ? [`${name}:${listenPort(app, stringEnv(service))}`] : [];
    });
    const temporalMetrics = stringEnv(services.temporal).TEMPORAL_PROMETHEUS_ENDPOINT?.split(':')[1];
    expected.push(`temporal:${temporalMetrics}`);
    assert.deepEqual(
      expected.filter((target) => !scraped.has(target)),
      [],
    );
  });

  it('waits only on conditions that can come true', () => {
    const services = compose().services;
    // Jaeger's image has no shell or HTTP client to probe with; nothing waits on it being healthy.
    const noHealthcheck = new Set(['jaeger']);
    const problems = Object.entries(services).flatMap(([name, service]) => [
      ...(service.restart === 'unless-stopped' && !service.healthcheck && !noHealthcheck.has(name)
        ? [`${name}: a long-running service without a healthcheck`]
        : []),
      ...dependencies(service).flatMap(([dependency, condition]) => {
        const target = services[dependency] as Service | undefined;
        if (!target) return [`${name}: depends on unknown service ${dependency}`];
        if (condition === 'service_healthy' && (!target.healthcheck || target.healthcheck.disable)) {
          return [`${name}: waits for ${dependency} to be healthy, which has no healthcheck`];
        }
        if (condition === 'service_completed_successfully' && target.restart !== 'no') {
          return [`${name}: waits for ${dependency} to complete, which restarts (${target.restart ?? 'default'})`];
        }
        return [];
      }),
    ]);
    assert.deepEqual(problems, []);
  });

  it("nginx's config passes nginx -t", async () => {
    // Debian's nginx (1.22) predates the upstream `resolve` parameter (1.27.3, in the image's
    // 1.29) and cannot resolve compose's service names here; Node's stdio are sockets, which
    // /dev/stdout cannot be opened on. Only those lines are adapted.
    const original = readFileSync(path.join(ROOT, 'deploy/compose/nginx.conf'), 'utf8');
    const adapted = original
      .replace('server gateway:3000 resolve', 'server 127.0.0.1:3000')
      .replace(/\/dev\/std(out|err)/g, 'logs/std$1.log');
    assert.notEqual(adapted, original, 'the upstream line changed: adapt this test');
    const prefix = mkdtempSync(path.join(tmpdir(), 'sagashop-nginx-'));
    mkdirSync(path.join(prefix, 'logs'));
    writeFileSync(path.join(prefix, 'nginx.conf'), adapted);
    try {
      await run(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', [
        '-t',
        '-q',
        '-p',
        prefix,
        '-c',
        path.join(prefix, 'nginx.conf'),
      ]).catch((error: NodeJS.ErrnoException & { stderr?: string }) => {
        if (error.code === 'ENOENT') throw new Error('nginx is not installed: apt-get install nginx');
        throw new Error(`nginx -t failed:\n${error.stderr}`);
      });
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  it('runs two gateways behind nginx and two workers', () => {
    const { services } = compose();
    assert.equal(services.gateway.deploy?.replicas, 2);
    assert.equal(services.worker.deploy?.replicas, 2);
    const nginx = readFileSync(path.join(ROOT, 'deploy/compose/nginx.conf'), 'utf8');
    assert.match(nginx, /server gateway:3000/);
    assert.match(nginx, /location \/socket\.io\/[\s\S]*?proxy_set_header Upgrade \$http_upgrade/);
  });
});
