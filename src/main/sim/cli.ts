import { createRealTime } from '../util/real-time';
import { watchParent } from '../process/parent-watch';
import { createInterface } from 'node:readline';
import { reasonOf } from '../devices/modbus/wire/modbus-errors';
import { loadBmsCanProfile } from '../devices/can/bms-profile-loader';
import { SocketcandPortInUseError } from '../devices/can/socketcand-server';
import { CliArgError, parseSimArgs, SIM_USAGE } from './cli-args';
import { formatStatusLine, runConsoleCommand } from './sim-console';
import { startSimulatedSite, type SimulatedSite } from './sim-site';
import { SUNSPEC_SIM_BASE } from './sunspec-sim-common';

/**
 * `npm run sim`: the simulated site as its own process, for demos, for practising against an
 * EMS before a real site, and for end-to-end tests. Exit codes: 0 after SIGINT/SIGTERM or
 * --help, 1 when it cannot start (port taken, profile broken), 2 for a bad command line.
 */

const STATUS_EVERY_MS = 5_000;

function line(stream: NodeJS.WriteStream, text: string): void {
  stream.write(`${text}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseSimArgs(argv);
  } catch (err) {
    if (!(err instanceof CliArgError)) throw err;
    line(process.stderr, `sim: ${err.message}`);
    return 2;
  }
  if (command.kind === 'help') {
    line(process.stdout, SIM_USAGE);
    return 0;
  }
  const o = command.options;
  // The simulator process's one real time.
  const time = createRealTime();
  let site;
  try {
    const bmsProfile =
      o.bmsProfile !== undefined ? await loadBmsCanProfile(o.bmsProfile) : undefined;
    const start = (canPort: number | null): Promise<SimulatedSite> =>
      startSimulatedSite({
        host: o.host,
        ports: { meter: o.meterPort, inverter: o.inverterPort },
        inverterAt: o.inverterAt,
        ...(o.only !== undefined ? { only: o.only } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.socPct !== undefined ? { initialSocPct: o.socPct } : {}),
        ...(o.speed !== undefined ? { speed: o.speed } : {}),
        ...(o.startTimeOfDayS !== undefined ? { startTimeOfDayS: o.startTimeOfDayS } : {}),
        ...(o.meterPeriodS !== undefined ? { meterPeriodMs: o.meterPeriodS * 1000 } : {}),
        ...(canPort !== null ? { canGateway: { port: canPort } } : {}),
        ...(bmsProfile !== undefined ? { bmsProfile } : {}),
        ...(o.sunspec === true ? { sunspec: true } : {}),
        ...(o.hybrid === true ? { hybrid: true } : {}),
        ...(o.inverter !== undefined ? { site: { inverter: o.inverter } } : {}),
        time,
        onError: (message) => line(process.stderr, message),
      });
    try {
      site = await start(o.canPort);
    } catch (err) {
      // The default gateway port is a convenience: a second simulator (or a real socketcand)
      // on it should not stop this one. A port the user asked for is another matter.
      if (!(err instanceof SocketcandPortInUseError) || o.canPortExplicit === true) throw err;
      line(
        process.stderr,
        `sim: ${err.message}; BMS frames not served over TCP (choose one with --can-port)`,
      );
      site = await start(null);
    }
  } catch (err) {
    line(process.stderr, `sim: ${reasonOf(err)}`);
    return 1;
  }
  const running = site;
  line(
    process.stdout,
    JSON.stringify({
      ready: true,
      meterPort: running.ports.meter,
      inverterPort: running.ports.inverter,
      canPort: running.ports.can,
      host: running.host,
      ...(o.sunspec === true ? { sunspecBase: SUNSPEC_SIM_BASE } : {}),
      ...(o.only === 'meter' ? { inverterAt: `${o.inverterAt.host}:${o.inverterAt.port}` } : {}),
    }),
  );
  const status = (): void =>
    line(
      process.stderr,
      formatStatusLine(running.model, running.remoteInverter?.lastError ?? null),
    );
  const stopStatus = time.interval(status, STATUS_EVERY_MS);
  const consoleInput = createInterface({ input: process.stdin, terminal: false });
  consoleInput.on('line', (text) => {
    const reply = runConsoleCommand(text, running.model);
    if (reply !== '') line(process.stderr, reply);
  });

  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    watchParent(resolve);
  });
  stopStatus();
  consoleInput.close();
  await running.stop();
  line(process.stderr, 'sim: stopped');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; this only guards against a handle nobody expected.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (err: unknown) => {
    line(process.stderr, `sim: ${reasonOf(err)}`);
    process.exit(1);
  },
);
