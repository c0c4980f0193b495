#!/usr/bin/env node
// Runs a TypeScript file without a build step: `node bench/run.js bench/lks-calculation.bench.ts`.
// A require hook transpiles each .ts file with the TypeScript compiler to CommonJS.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};

const script = process.argv[2];
if (!script) {
  console.error('usage: node bench/run.js <file.ts> [args…]');
  process.exit(2);
}
process.argv.splice(1, 1); // the script sees itself as argv[1], as if run directly
require(resolve(script));
