#!/usr/bin/env node
// Runs a TypeScript file without a build step: `node bench/run.js bench/lks-calculation.bench.ts`.
// A require hook compiles each .ts file with @swc/core (already a dev dependency) to CommonJS.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const script = process.argv[2];
if (!script) {
  console.error('usage: node bench/run.js <file.ts> [args…]');
  process.exit(2);
}
process.argv.splice(1, 1); // the script sees itself as argv[1], as if run directly
require(resolve(script));
