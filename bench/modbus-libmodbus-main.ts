/**
 * Runs only the Modbus comparison with libmodbus (`npm run bench:modbus`), for work on the
 * driver: `--rounds N` (default 15), `--seconds S` per round (default 0.5), `--depth D`
 * (default 8). Prints the figures and writes bench/results/modbus-libmodbus.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fmt } from './bench-stats';
import { compareWithLibmodbus, type ClientRate } from './modbus-libmodbus';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    seconds: { type: 'string', default: '0.5' },
    depth: { type: 'string', default: '8' },
  },
});
const plan = {
  rounds: Number(values.rounds),
  roundSeconds: Number(values.seconds),
  depth: Number(values.depth),
};
if (!(plan.rounds >= 1 && plan.roundSeconds > 0 && plan.depth >= 1)) {
  process.stderr.write('usage: npm run bench:modbus -- [--rounds N] [--seconds S] [--depth D]\n');
  process.exit(2);
}

async function main(): Promise<void> {
  const r = await compareWithLibmodbus(plan);
  const line = (name: string, c: ClientRate): void => {
    const vs = name.startsWith('libmodbus')
      ? ''
      : `${fmt(c.ratio, 3)} (paired ${fmt(c.pairedMedianRatio, 3)})`;
    const cpu = c.cpuUsPerRead === null ? '' : `${fmt(c.cpuUsPerRead, 1)} µs CPU/read`;
    process.stdout.write(
      `${name.padEnd(34)} best ${fmt(c.bestPerS, 0).padStart(6)} median ${fmt(c.medianPerS, 0).padStart(6)} reads/s  ${vs.padEnd(22)} ${cpu.padEnd(17)} rounds: ${c.roundsPerS.join(' ')}\n`,
    );
  };
  line(`libmodbus ${r.libmodbusVersion} C client`, r.libmodbus);
  line('ModbusTcpClient', r.client);
  line('ProfiledDevice.readAll', r.profiled);
  line(`ModbusTcpClient, ${plan.depth} in flight`, r.pipelined);
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/modbus-libmodbus.json', `${JSON.stringify(r, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:modbus: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
