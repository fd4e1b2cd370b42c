/**
 * Draws the Grafana dashboard's panels from a real run's scrapes, where no Grafana is at hand (the
 * README's picture). Reads deploy/observability/grafana/dashboards/sagashop.json, evaluates each
 * panel's PromQL over the recorded scrapes with a small evaluator (selectors, rate, sum/max by,
 * histogram_quantile: what the dashboard uses), and renders the panels with vega-lite to SVG.
 *
 *   RECORD_SCRAPES_DIR=/tmp/run npx mocha test/integration/observability/record-scrapes.test.ts
 *   node --import tsx deploy/observability/render-panels.ts /tmp/run/scrapes.jsonl docs/observability-dashboard.svg
 *
 * A recorded run lasts about a minute, so every range ([1m], [5m]) is read as RANGE_SECONDS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { parsePrometheusText, type Sample } from '../../test/integration/observability/prometheus-text.js';

const RANGE_SECONDS = 10;
const DASHBOARD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'grafana/dashboards/sagashop.json');

interface Round {
  t: number;
  samples: Sample[];
}
type Labels = Record<string, string>;
interface Point {
  labels: Labels;
  value: number;
}
type Node =
  | { kind: 'selector'; name: string; matchers: Matcher[]; range?: number }
  | { kind: 'call'; fn: string; args: Node[]; scalar?: number }
  | { kind: 'aggregate'; op: 'sum' | 'max'; by: string[]; arg: Node };
interface Matcher {
  label: string;
  op: '=' | '!=' | '=~';
  value: string;
}

/** Scrape rounds: every target scraped at (about) the same time, each sample labelled with its job. */
function loadRounds(file: string): Round[] {
  const byTime = new Map<number, Sample[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { t, target, text } = JSON.parse(line) as { t: number; target: string; text: string };
    byTime.set(t, [...(byTime.get(t) ?? []), ...parsePrometheusText(text).map((s) => ({ ...s, labels: { ...s.labels, job: target } }))]);
  }
  // The recorder runs every service in one process, so every target serves the same registry: a
  // series is counted once (the worker's scrape also carries the Temporal SDK's series).
  for (const [t, samples] of byTime) {
    const seen = new Set<string>();
    byTime.set(
      t,
      samples.filter((sample) => {
        const { job: _job, ...labels } = sample.labels;
        const id = sample.name + key(labels);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      }),
    );
  }
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([t, samples]) => ({ t, samples }));
}

/** A recursive-descent reader of the PromQL subset the dashboard uses. */
function parse(expr: string): Node {
  let pos = 0;
  const skip = () => {
    while (/\s/.test(expr[pos] ?? '')) pos++;
  };
  const word = (): string => {
    skip();
    const match = /^[a-zA-Z_:][\w:]*/.exec(expr.slice(pos));
    if (!match) throw new Error(`expected a name at ${pos} in ${expr}`);
    pos += match[0].length;
    return match[0];
  };
  const expect = (text: string) => {
    skip();
    if (!expr.startsWith(text, pos)) throw new Error(`expected ${text} at ${pos} in ${expr}`);
    pos += text.length;
  };
  const labelList = (): string[] => {
    expect('(');
    const labels: string[] = [];
    skip();
    while (expr[pos] !== ')') {
      labels.push(word());
      skip();
      if (expr[pos] === ',') pos++;
      skip();
    }
    pos++;
    return labels;
  };
  const node = (): Node => {
    skip();
    if (/[\d.]/.test(expr[pos] ?? '')) {
      const match = /^[\d.]+/.exec(expr.slice(pos))!;
      pos += match[0].length;
      return { kind: 'call', fn: 'scalar', args: [], scalar: Number(match[0]) };
    }
    const name = word();
    skip();
    if (name === 'sum' || name === 'max') {
      let by: string[] = [];
      if (expr.startsWith('by', pos)) {
        pos += 2;
        by = labelList();
      }
      expect('(');
      const arg = node();
      expect(')');
      return { kind: 'aggregate', op: name, by, arg };
    }
    if (name === 'rate' || name === 'histogram_quantile') {
      expect('(');
      const args = [node()];
      skip();
      while (expr[pos] === ',') {
        pos++;
        args.push(node());
        skip();
      }
      expect(')');
      return { kind: 'call', fn: name, args };
    }
    const matchers: Matcher[] = [];
    if (expr[pos] === '{') {
      pos++;
      skip();
      while (expr[pos] !== '}') {
        const label = word();
        skip();
        const op = (['=~', '!=', '='] as const).find((candidate) => expr.startsWith(candidate, pos))!;
        pos += op.length;
        skip();
        const value = /^"((?:[^"\\]|\\.)*)"/.exec(expr.slice(pos))!;
        pos += value[0].length;
        matchers.push({ label, op, value: value[1] });
        skip();
        if (expr[pos] === ',') pos++;
        skip();
      }
      pos++;
    }
    skip();
    let range: number | undefined;
    if (expr[pos] === '[') {
      pos = expr.indexOf(']', pos) + 1;
      range = RANGE_SECONDS;
    }
    return { kind: 'selector', name, matchers, range };
  };
  const result = node();
  skip();
  if (pos !== expr.length) throw new Error(`unread text at ${pos} in ${expr}`);
  return result;
}

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

function matches(sample: Sample, name: string, matchers: Matcher[]): boolean {
  if (sample.name !== name) return false;
  return matchers.every(({ label, op, value }) => {
    const actual = sample.labels[label] ?? '';
    if (op === '=') return actual === value;
    if (op === '!=') return actual !== value;
    return new RegExp(`^(?:${value})$`).test(actual);
  });
}

function evaluate(node: Node, rounds: Round[], at: number): Point[] {
  if (node.kind === 'selector') {
    return rounds[at].samples.filter((s) => matches(s, node.name, node.matchers)).map((s) => ({ labels: s.labels, value: s.value }));
  }
  if (node.kind === 'aggregate') {
    const groups = new Map<string, Point>();
    for (const point of evaluate(node.arg, rounds, at)) {
      const labels = Object.fromEntries(node.by.filter((l) => l in point.labels).map((l) => [l, point.labels[l]]));
      const group = groups.get(key(labels));
      if (!group) groups.set(key(labels), { labels, value: point.value });
      else group.value = node.op === 'sum' ? group.value + point.value : Math.max(group.value, point.value);
    }
    return [...groups.values()];
  }
  if (node.fn === 'rate') {
    const selector = node.args[0];
    if (selector.kind !== 'selector' || selector.range === undefined) throw new Error('rate() takes a range selector');
    // Like Prometheus: per series, from its earliest sample inside the range (a round whose scrape
    // failed has no sample, which is not a counter reset).
    const now = rounds[at];
    const earlier = rounds.filter((round, index) => index < at && now.t - round.t <= selector.range! * 1000);
    const bare = { ...selector, range: undefined };
    return evaluate(bare, rounds, at).flatMap(({ labels, value }) => {
      for (const round of earlier) {
        const then = round.samples.find((s) => matches(s, bare.name, bare.matchers) && key(s.labels) === key(labels));
        if (!then) continue;
        const seconds = (now.t - round.t) / 1000;
        return [{ labels, value: (value >= then.value ? value - then.value : value) / seconds }];
      }
      return [];
    });
  }
  if (node.fn === 'histogram_quantile') {
    const q = node.args[0].kind === 'call' ? (node.args[0].scalar ?? 0.5) : 0.5;
    const groups = new Map<string, { labels: Labels; buckets: { le: number; count: number }[] }>();
    for (const point of evaluate(node.args[1], rounds, at)) {
      const { le, ...labels } = point.labels;
      const group = groups.get(key(labels)) ?? { labels, buckets: [] };
      group.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: point.value });
      groups.set(key(labels), group);
    }
    return [...groups.values()].flatMap(({ labels, buckets }) => {
      buckets.sort((a, b) => a.le - b.le);
      const total = buckets.at(-1)?.count ?? 0;
      if (total <= 0) return [];
      const rank = q * total;
      let lower = 0;
      let below = 0;
      for (const bucket of buckets) {
        if (bucket.count >= rank) {
          if (bucket.le === Infinity) return [{ labels, value: lower }];
          const inBucket = bucket.count - below;
          return [{ labels, value: lower + (bucket.le - lower) * (inBucket > 0 ? (rank - below) / inBucket : 0) }];
        }
        lower = bucket.le;
        below = bucket.count;
      }
      return [];
    });
  }
  throw new Error(`unsupported function ${node.fn}`);
}

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string; legendFormat?: string }[];
  fieldConfig?: { defaults?: { unit?: string } };
}

function legend(format: string | undefined, labels: Labels): string {
  return (format ?? '').replace(/\{\{\s*(\w+)\s*\}\}/g, (_, label: string) => labels[label] ?? '') || key(labels);
}

async function main(): Promise<void> {
  const [input, output = 'docs/observability-dashboard.svg'] = process.argv.slice(2);
  if (!input) throw new Error('usage: render-panels.ts <scrapes.jsonl> [out.svg]');
  const rounds = loadRounds(input);
  const start = rounds[0].t;
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { title: string; panels: Panel[] };
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
  const charts = panels.map((panel) => {
    const values: { t: number; series: string; value: number }[] = [];
    for (const target of panel.targets ?? []) {
      const tree = parse(target.expr);
      rounds.forEach((_, at) => {
        for (const point of evaluate(tree, rounds, at)) {
          if (Number.isFinite(point.value))
            values.push({ t: (rounds[at].t - start) / 1000, series: legend(target.legendFormat, point.labels), value: point.value });
        }
      });
    }
    const unit = panel.fieldConfig?.defaults?.unit ?? '';
    return {
      title: { text: panel.title, fontSize: 12 },
      width: 360,
      height: 140,
      data: { values },
      mark: { type: 'line' as const, interpolate: 'step-after' as const, point: false },
      encoding: {
        x: { field: 't', type: 'quantitative' as const, title: 'seconds into the run' },
        y: { field: 'value', type: 'quantitative' as const, title: unit },
        color: {
          field: 'series',
          type: 'nominal' as const,
          legend: { orient: 'bottom' as const, columns: 2, labelLimit: 200, title: null },
        },
      },
      resolve: { scale: { color: 'independent' as const } },
    };
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${dashboard.title}: panels from a recorded run (ranges read as ${RANGE_SECONDS} s)`, fontSize: 14 },
    columns: 2,
    concat: charts,
    resolve: { scale: { color: 'independent' } },
    config: { background: 'white', font: 'sans-serif' },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  writeFileSync(output, await view.toSVG());
  process.stdout.write(`${panels.length} panels from ${rounds.length} scrape rounds -> ${output}\n`);
}

await main();
