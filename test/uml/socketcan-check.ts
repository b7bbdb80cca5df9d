import { parseArgs } from 'node:util';
import { createBmsLink } from '../../src/main/devices/can/bms-link';
import { createSocketCanTransport } from '../../src/main/devices/can/socketcan-transport';
import { createCheckResults } from './check-results';
import {
  alarmDecoded,
  coreFaultOnAlarm,
  coreSelfConsumption,
  createCheckContext,
  keepaliveSeen,
  readingAssembled,
  transportOpens,
} from './socketcan-checks';
import { createRealTime } from '../../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();

/**
 * The real-SocketCAN test, run inside User-Mode Linux by init.sh (the host has no CAN):
 * the project's SocketCAN transport and BMS link on vcan0, can-utils on the other end,
 * the pure core on top. Writes one line per check and a final "N passed, N failed" line
 * to the results file; exits 0 only when every check passed.
 *
 * Usage: node --import tsx test/uml/socketcan-check.ts --iface vcan0 --results FILE
 */

const CHECKS = [
  ['socketcan-module-loads', transportOpens],
  ['bms-reading-assembled', readingAssembled],
  ['keepalive-on-candump', keepaliveSeen],
  ['core-self-consumption', coreSelfConsumption],
  ['alarm-decoded', alarmDecoded],
  ['core-fault-on-alarm', coreFaultOnAlarm],
] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { iface: { type: 'string' }, results: { type: 'string' } },
  });
  if (values.iface === undefined || values.results === undefined) {
    console.error('usage: socketcan-check.ts --iface IFACE --results FILE');
    return 2;
  }
  const results = createCheckResults(values.results);
  // Wall time, as the core scenario stamps the made-up meter and inverter with Date.now.
  const transport = createSocketCanTransport({
    interface: values.iface,
    clock: { now: () => realTime.wallNow(), wallNow: () => realTime.wallNow() },
  });
  const link = createBmsLink(transport, {
    clock: realTime,
    onError: (message) => console.error(`link: ${message}`),
  });
  const ctx = createCheckContext(values.iface, link);
  try {
    for (const [name, check] of CHECKS) await results.run(name, () => check(ctx));
  } finally {
    await link.close();
  }
  return results.finish() === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('socketcan-check crashed:', error);
    process.exit(1);
  },
);
