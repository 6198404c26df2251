// Adds up Jest's JSON results of every run of scripts/test.sh into one closing line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const run = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += run.numPassedTests;
  failed += run.numFailedTests + (run.numRuntimeErrorTestSuites ?? 0);
  skipped += run.numPendingTests + run.numTodoTests;
  console.log(
    `${file.replace(/\.json$/, '')}: ${run.numPassedTests} passed, ${run.numFailedTests} failed`,
  );
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
