/**
 * The layering rules of docs/architecture.md as machine-checked rules.
 * `npm test` runs them (test/architecture); `npm run test:arch` prints a report.
 */
// Resolved npm modules show up as paths into node_modules (`node_modules/knex/knex.js`).
const npm = (...names) => `(^|/)node_modules/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports only its own context domain and src/shared/kernel: no framework, no infrastructure.',
      severity: 'error',
      from: { path: '^src/contexts/([^/]+)/domain/' },
      to: {
        pathNot: ['^src/contexts/$1/domain/', '^src/shared/kernel/'],
      },
    },
    {
      name: 'application-depends-on-domain-only',
      comment: 'Use cases orchestrate the domain through ports; adapters are plugged in by the composition root.',
      severity: 'error',
      from: { path: '^src/contexts/([^/]+)/application/' },
      to: {
        pathNot: ['^src/contexts/$1/(domain|application)/', '^src/shared/kernel/'],
      },
    },
    {
      name: 'contexts-meet-only-through-contracts',
      comment: 'A context may import another context only through its published contract.ts.',
      severity: 'error',
      from: { path: '^src/contexts/([^/]+)/' },
      to: { path: '^src/contexts/([^/]+)/', pathNot: ['^src/contexts/$1/', '^src/contexts/[^/]+/contract\\.ts$'] },
    },
    {
      name: 'outsiders-use-contracts',
      comment: 'Clients, activities, workflows and the gateway reach a context only through contract.ts.',
      severity: 'error',
      from: { path: '^src/(clients|activities|workflows)/|^src/apps/(gateway|worker)/' },
      to: { path: '^src/contexts/[^/]+/', pathNot: '^src/contexts/[^/]+/contract\\.ts$' },
    },
    {
      name: 'inversify-only-in-modules-and-apps',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.module\\.ts$', '^src/apps/'] },
      to: { path: npm('inversify', '@inversifyjs/[^/]+') },
    },
    {
      name: 'persistence-libraries-stay-in-persistence',
      comment:
        'knex/objection/pg only in infrastructure/persistence and src/shared/infrastructure (composition roots get a knex from there).',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['^src/contexts/[^/]+/infrastructure/persistence/', '^src/shared/infrastructure/', '\\.module\\.ts$'],
      },
      to: { path: npm('knex', 'objection', 'pg') },
    },
    {
      name: 'module-only-types-knex',
      comment: 'A module may name the Knex type for its binding, nothing more.',
      severity: 'error',
      from: { path: '\\.module\\.ts$' },
      to: { path: npm('objection', 'pg') },
    },
    {
      name: 'workflows-are-deterministic',
      comment: 'Workflow code imports only @temporalio/workflow (and common) plus type-only imports of activities.',
      severity: 'error',
      from: { path: '^src/workflows/' },
      to: {
        dependencyTypesNot: ['type-only'],
        pathNot: [npm('@temporalio/(workflow|common)'), '^src/workflows/'],
      },
    },
    {
      name: 'apps-do-not-import-apps',
      comment: 'One deployable never imports another (each app is its own composition root).',
      severity: 'error',
      from: { path: '^src/apps/([^/]+)/' },
      to: { path: '^src/apps/([^/]+)/', pathNot: '^src/apps/$1/' },
    },
    {
      name: 'shared-depends-on-nothing-of-ours',
      comment: 'The kernel and shared infrastructure are below every context.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(contexts|apps|activities|workflows|clients)/' },
    },
    {
      name: 'kernel-is-pure',
      severity: 'error',
      from: { path: '^src/shared/kernel/' },
      to: { pathNot: '^src/shared/kernel/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
