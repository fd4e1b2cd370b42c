/**
 * The chart a person looks at first: accept and accept-to-final latency percentiles against the
 * offered order rate, drawn by Vega-Lite (compiled to a Vega view, rendered to SVG without a browser).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { BenchResult } from './result.schema.js';

export async function latencyChartSvg(result: BenchResult): Promise<string> {
  const values = result.openLoop.steps.flatMap((step) =>
    (['accept', 'final'] as const).flatMap((phase) => {
      const latency = phase === 'accept' ? step.acceptMs : step.finalMs;
      return (['p50', 'p95', 'p99'] as const).flatMap((percentile) =>
        latency[percentile] === null
          ? []
          : [
              {
                offered: step.offeredPerS,
                phase: phase === 'accept' ? 'accept (POST /api/orders -> 202)' : 'accept -> final (socket.io push)',
                percentile,
                ms: Math.max(0.1, latency[percentile]),
              },
            ],
      );
    }),
  );
  // The issue's targets, drawn where they apply: accept p99 < 50 ms, accept-to-final p50 < 500 ms.
  const targets = [
    { phase: 'accept (POST /api/orders -> 202)', target: 50, label: 'target p99 < 50 ms @ 20/s' },
    { phase: 'accept -> final (socket.io push)', target: 500, label: 'target p50 < 500 ms @ 10/s' },
  ];
  const knee = result.openLoop.knee;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Order latency against offered load',
      subtitle:
        `open loop, ${result.openLoop.steps[0]?.durationS ?? '?'} s per rate; ` +
        `knee ${knee === null ? 'below the lowest rate' : `${knee} orders/s`}; ${result.startedAt.slice(0, 16)}Z`,
    },
    data: { values: [...values, ...targets] },
    facet: { column: { field: 'phase', type: 'nominal', title: null, sort: 'ascending' } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 340,
      height: 260,
      layer: [
        {
          transform: [{ filter: 'isValid(datum.target)' }],
          mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
          encoding: { y: { field: 'target', type: 'quantitative' } },
        },
        {
          transform: [{ filter: 'isValid(datum.target)' }],
          mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'gray', fontSize: 10 },
          encoding: { y: { field: 'target', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
        },
        {
          transform: [{ filter: 'isValid(datum.ms)' }],
          mark: { type: 'line', point: true },
          encoding: {
            x: {
              field: 'offered',
              type: 'quantitative',
              title: 'offered orders/s (log scale)',
              scale: { type: 'log', nice: false },
              axis: { values: result.openLoop.steps.map((step) => step.offeredPerS) },
            },
            y: { field: 'ms', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log' } },
            color: { field: 'percentile', type: 'nominal', sort: ['p50', 'p95', 'p99'], scale: { scheme: 'category10' } },
            tooltip: [{ field: 'offered' }, { field: 'percentile' }, { field: 'ms' }],
          },
        },
      ],
    },
    config: { font: 'sans-serif', background: 'white' },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
