// One run = one embedded Postgres (and, for saga tests, one Temporal dev server) started by the root hooks.
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/support/root-hooks.ts'],
  timeout: 30000,
  exit: true,
};
