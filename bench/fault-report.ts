import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Prints the fault-injection measurements as the table in docs/safety.md. The numbers come
 * from the last run of the fault tests (`npx vitest run test/fault-`), which write
 * .tmp/reports/fault-times.json; this script only formats them.
 *
 *   node --import tsx bench/fault-report.ts [--write-doc] [path/to/fault-times.json]
 *
 * --write-doc also replaces the table between the fault-report markers in docs/safety.md.
 */

interface Measured {
  readonly ms: number;
  readonly boundMs: number;
  readonly rule: string;
}

interface FaultTiming {
  readonly id: string;
  readonly fault: string;
  readonly code: string;
  readonly reaction: string;
  readonly detect: Measured;
  readonly output: Measured;
  readonly recover: Measured | null;
  readonly recoveryRule: string;
  readonly measuredAt: string;
}

/** Table order: the order of docs/safety.md. */
const ORDER = [
  'meter-killed',
  'meter-frozen',
  'meter-stuck',
  'meter-slow',
  'meter-refusing',
  'meter-exception',
  'meter-garbage',
  'inverter-ignores-writes',
  'bms-silent',
  'bms-alarm',
  'bms-no-discharge',
  'ems-sigkill',
  'stop-command',
  'stop-sigterm',
  'stop-parent-gone',
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function cell(m: Measured | null): string {
  if (m === null) return '-';
  const over = m.ms > m.boundMs ? ' **over**' : '';
  return `${(m.ms / 1000).toFixed(2)} s / ${(m.boundMs / 1000).toFixed(2)} s${over}`;
}

function isTiming(x: unknown): x is FaultTiming {
  if (typeof x !== 'object' || x === null) return false;
  const t = x as Partial<FaultTiming>;
  return (
    typeof t.id === 'string' && typeof t.detect?.ms === 'number' && typeof t.output?.ms === 'number'
  );
}

const DOC = join(ROOT, 'docs/safety.md');
const BEGIN = '<!-- fault-report:begin -->';
const END = '<!-- fault-report:end -->';

/** Puts `table` between the markers of docs/safety.md. */
async function writeDoc(table: string): Promise<void> {
  const doc = await readFile(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC} has no ${BEGIN} ... ${END} block`);
  await writeFile(DOC, `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const toDoc = args.includes('--write-doc');
  const file = args.find((a) => !a.startsWith('--')) ?? join(ROOT, '.tmp/reports/fault-times.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    process.stderr.write(
      `fault-report: cannot read ${file} (${(err as Error).message}); run the fault tests first: npx vitest run test/fault-\n`,
    );
    return 1;
  }
  const all = Object.values(parsed as Record<string, unknown>).filter(isTiming);
  const rank = (t: FaultTiming): number => {
    const i = ORDER.indexOf(t.id);
    return i === -1 ? ORDER.length : i;
  };
  all.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const table = [
    '| Fault | Raised | Detected (measured / bound) | Output at 0 W (measured / bound) | Recovered (measured / bound) |',
    '|---|---|---|---|---|',
    ...all.map(
      (t) =>
        `| ${t.fault} | ${t.code} | ${cell(t.detect)} | ${cell(t.output)} | ${cell(t.recover)} |`,
    ),
  ];
  const lines = [
    ...table,
    '',
    'Bounds:',
    ...all.flatMap((t) => [
      `- ${t.id}: detected = ${t.detect.rule}; output = ${t.output.rule}` +
        (t.recover ? `; recovered = ${t.recover.rule}` : '') +
        ` (measured ${t.measuredAt})`,
    ]),
  ];
  const missing = ORDER.filter((id) => !all.some((t) => t.id === id));
  if (missing.length > 0) lines.push('', `Not measured yet: ${missing.join(', ')}`);
  if (toDoc) {
    await writeDoc(table.join('\n'));
    lines.push('', `written to ${DOC}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fault-report: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
