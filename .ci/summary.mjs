// Prints one plain "N passed, N failed" line over every suite .ci/run ran, read from the
// suites' own reports, and exits non-zero when a report is missing or counts a failure.
import { existsSync, readFileSync } from 'node:fs';

const suites = process.argv.slice(2);
let passed = 0;
let failed = 0;
let missing = 0;
for (const suite of suites) {
  const [kind, file] = suite.split(':');
  if (!existsSync(file)) {
    console.log(`${kind}: no report at ${file}`);
    missing++;
    continue;
  }
  const text = readFileSync(file, 'utf8');
  if (kind === 'vitest') {
    const r = JSON.parse(text);
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  } else if (kind === 'playwright') {
    const r = JSON.parse(text);
    passed += r.stats.expected;
    failed += r.stats.unexpected + r.stats.flaky;
  } else {
    // A plain-text report whose last "N passed, N failed" line counts.
    const m = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
    if (!m) {
      console.log(`${kind}: no summary line in ${file}`);
      missing++;
      continue;
    }
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
}
console.log(`${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 || passed === 0 ? 1 : 0);
