// Prints the suite's closing line, "N passed, N failed[, N skipped]", from the JSON
// reports Vitest and Playwright wrote. A report that is missing means its step
// crashed before it could count anything: that is a failure, not zero tests.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.test-results';
const reports = [
  { file: 'vitest.json', kind: 'vitest' },
  { file: 'vitest-chaos.json', kind: 'vitest' },
  { file: 'playwright.json', kind: 'playwright' },
] as const;

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;

for (const r of reports) {
  const p = path.join(dir, r.file);
  if (!fs.existsSync(p)) {
    console.log(`no report: ${p} (that step did not run to the end)`);
    missing++;
    continue;
  }
  const json = JSON.parse(fs.readFileSync(p, 'utf8'));
  if (r.kind === 'vitest') {
    passed += json.numPassedTests ?? 0;
    failed += json.numFailedTests ?? 0;
    skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    // A file that fails to load (syntax error, failing hook) has no failed test of its
    // own but is a failure all the same.
    failed += filesFailedWithoutAFailedTest(json);
  } else {
    passed += (json.stats?.expected ?? 0) + (json.stats?.flaky ?? 0);
    failed += json.stats?.unexpected ?? 0;
    skipped += json.stats?.skipped ?? 0;
    failed += (json.errors ?? []).length;
  }
}

function filesFailedWithoutAFailedTest(json: {
  testResults?: { status: string; assertionResults?: { status: string }[] }[];
}): number {
  return (json.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}

console.log(`${passed} passed, ${failed + missing} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed + missing > 0 || passed === 0 ? 1 : 0);
