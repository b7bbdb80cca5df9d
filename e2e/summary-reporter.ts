import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints one plain line `N passed, N failed` at the end of a run. CI reads the exit code, but
 * a person (or a script in any language) reading the log wants the count without parsing the
 * list reporter's decorated summary.
 */
export default class SummaryReporter implements Reporter {
  /** The final outcome of each test (a retry replaces the earlier result). */
  private readonly outcomes = new Map<string, TestResult['status']>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, result.status);
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const status of this.outcomes.values()) {
      if (status === 'passed') passed++;
      else if (status === 'skipped') skipped++;
      else failed++;
    }
    const lines = [`${passed} passed, ${failed} failed`];
    if (skipped > 0) lines.push(`${skipped} skipped`);
    // A run that timed out, was interrupted or found no tests must not read as a pass.
    if (failed === 0 && result.status !== 'passed') lines.push(`run ${result.status}`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
