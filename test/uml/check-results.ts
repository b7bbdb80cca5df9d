import { appendFileSync, writeFileSync } from 'node:fs';

/**
 * The results file of the in-UML test. Each line is appended and flushed at once, so a
 * check that hangs or crashes the process still leaves the lines before it for the host
 * runner to print.
 */

/** One check's verdict: pass, or fail with the reason. */
export type CheckOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Records check verdicts into the results file. */
export interface CheckResults {
  /** Runs one named check; a throw is a failure with the error as the reason. */
  run(name: string, check: () => Promise<CheckOutcome>): Promise<boolean>;
  /** Writes the final "N passed, N failed" line; returns the number failed. */
  finish(): number;
}

/** A passing outcome. */
export const pass: CheckOutcome = { ok: true };

/** A failing outcome with its reason. */
export function failWith(reason: string): CheckOutcome {
  return { ok: false, reason };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts an empty results file at `path` (replacing any old one). */
export function createCheckResults(path: string): CheckResults {
  writeFileSync(path, '');
  let passed = 0;
  let failed = 0;
  const write = (line: string): void => {
    appendFileSync(path, `${line}\n`);
    console.log(line);
  };
  return {
    async run(name: string, check: () => Promise<CheckOutcome>): Promise<boolean> {
      let outcome: CheckOutcome;
      try {
        outcome = await check();
      } catch (error) {
        outcome = failWith(`threw: ${errorText(error)}`);
      }
      if (outcome.ok) {
        passed++;
        write(`PASS ${name}`);
      } else {
        failed++;
        // One line per check: a multi-line reason would confuse the runner's grep.
        write(`FAIL ${name}: ${outcome.reason.replace(/\s+/g, ' ')}`);
      }
      return outcome.ok;
    },
    finish(): number {
      write(`${passed} passed, ${failed} failed`);
      return failed;
    },
  };
}
