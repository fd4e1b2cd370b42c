import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Histogram } from 'prom-client';
import { metricsRegistry } from '../../../src/shared/infrastructure/observability/metrics.js';
import { DASHBOARD_PATH, OBSERVABILITY_DIR, dashboardMetrics, metricsOf, readDashboard } from './dashboard.js';

/** The names a scrape of our registry shows: histograms as _bucket/_sum/_count, the rest as declared. */
async function exportedNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await metricsRegistry.getMetricsAsJSON()) {
    const histogram = metricsRegistry.getSingleMetric(metric.name) instanceof Histogram;
    if (histogram) for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
    else names.add(metric.name);
  }
  return names;
}

/**
 * The Grafana files parse and every query names a metric the code exports. Our own names are read
 * from the registry here; the Temporal SDK's (temporal_*) only exist on a live worker, so the
 * metrics test checks them against a real scrape (test/integration/observability/metrics.test.ts).
 */
describe('observability: dashboards and scrape config', () => {
  it('the dashboard parses, each panel has a query on the provisioned datasource', () => {
    const dashboard = readDashboard();
    assert.equal(dashboard.uid, 'sagashop');
    const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
    assert.ok(panels.length >= 10, `only ${panels.length} panels`);
    const datasource = parse(readFileSync(path.join(OBSERVABILITY_DIR, 'grafana/provisioning/datasources/prometheus.yaml'), 'utf8')) as {
      datasources: { uid: string }[];
    };
    const uids = new Set(datasource.datasources.map((d) => d.uid));
    for (const panel of panels) {
      assert.ok(panel.targets && panel.targets.length > 0, `${panel.title}: no query`);
      assert.ok(panel.datasource && uids.has(panel.datasource.uid), `${panel.title}: unknown datasource`);
      for (const target of panel.targets) assert.ok(metricsOf(target.expr).length > 0, `${panel.title}: ${target.expr} reads no metric`);
    }
    const ids = dashboard.panels.map((panel) => panel.id);
    assert.equal(new Set(ids).size, ids.length, 'panel ids repeat');
  });

  it('every sagashop metric a query names is one the code exports', async () => {
    const exported = await exportedNames();
    const unknown = [...dashboardMetrics()].filter((name) => !name.startsWith('temporal_') && !exported.has(name));
    assert.deepEqual(unknown, [], `${DASHBOARD_PATH} names metrics nobody exports`);
  });

  it('covers what the issue asks for: orders/s, outcomes, latencies, compensations, breakers, schedule-to-start, per-service RED', () => {
    const titles = readDashboard().panels.map((panel) => panel.title.toLowerCase());
    for (const wanted of [
      'orders accepted',
      'outcomes',
      'accept latency',
      'final latency',
      'compensations',
      'breaker',
      'schedule-to-start',
      'by service',
    ]) {
      assert.ok(
        titles.some((title) => title.includes(wanted)),
        `no panel about ${wanted}`,
      );
    }
  });

  it('Prometheus scrapes every deployable by its compose service name, and Temporal', () => {
    const config = parse(readFileSync(path.join(OBSERVABILITY_DIR, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string; dns_sd_configs?: { names: string[] }[]; static_configs?: { targets: string[] }[] }[];
    };
    const targets = config.scrape_configs.flatMap((job) => [
      ...(job.dns_sd_configs ?? []).flatMap((sd) => sd.names),
      ...(job.static_configs ?? []).flatMap((s) => s.targets.map((t) => t.split(':')[0])),
    ]);
    for (const service of ['gateway', 'worker', 'customer', 'inventory', 'order', 'payment', 'notification', 'temporal']) {
      assert.ok(targets.includes(service), `prometheus.yml does not scrape ${service}`);
    }
  });
});
