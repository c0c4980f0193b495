#!/usr/bin/env node
// Runs every benchmark, even when an earlier one misses its goal, and fails if any did.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const benches = ['lks-calculation', 'application-submission', 'decision-pdf', 'payment-run'];
const only = process.argv.slice(2);
const results = [];
for (const name of benches.filter((b) => only.length === 0 || only.includes(b))) {
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, [join(__dirname, 'run.js'), join(__dirname, `${name}.bench.ts`)], { stdio: 'inherit' });
  results.push({ name, ok: run.status === 0 });
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'meets goal ' : 'MISSES goal'}  ${r.name}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
