import type { StatusLine } from '../../src/main/hosts/headless/status-line';

/** Parses one headless status line; throws with the line when it is not one. */
export function parseStatus(line: string): StatusLine {
  const parsed = JSON.parse(line) as StatusLine;
  if (typeof parsed.state !== 'string' || typeof parsed.time !== 'string')
    throw new Error(`not a status line: ${line}`);
  return parsed;
}

/** A predicate over raw stdout lines that matches status lines satisfying `match`. */
export function statusWhere(match: (s: StatusLine) => boolean): (line: string) => boolean {
  return (line) => {
    try {
      return match(parseStatus(line));
    } catch {
      return false;
    }
  };
}
