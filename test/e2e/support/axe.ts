/**
 * axe-core, the accessibility engine, run inside the page under test.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

/** Rules axe ships as experimental (off by default) that we hold the storefront to. */
const OPTED_IN_RULES = ['label-content-name-mismatch'];

let source: Promise<string> | undefined;

/**
 * Every violation axe finds in the page as it is now: WCAG 2.x A/AA and best practices, plus the
 * rules above. Injected through evaluate, not a <script> tag: the gateway's CSP (script-src
 * 'self') rightly refuses inline scripts.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await source);
  return page.evaluate(async (optIn) => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run((globalThis as unknown as { document: unknown }).document, {
      rules: Object.fromEntries(optIn.map((id) => [id, { enabled: true }])),
      resultTypes: ['violations'],
    });
    return violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary ?? '' })),
    }));
  }, OPTED_IN_RULES);
}

/** One readable line per violation and node, for an assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .flatMap((violation) => violation.nodes.map((node) => `${violation.impact} ${violation.rule} (${violation.help}): ${node.target}`))
    .join('\n');
}
