import type { TimeSource } from '../../shared/clock';
import type { BmsReading } from '../core/measurements';
import type { BmsCanProfile } from '../devices/can/bms-can-profile';
import type { CanTransport } from '../devices/can/can-transport';
import { reasonOf } from '../devices/modbus/wire/modbus-errors';
import { loadProfile } from '../devices/modbus/profile/profile-loader';
import { startBmsCanEmitter, type BmsCanEmitter } from './bms-can-emitter';
import { inverterBank, meterBank } from './device-banks';
import { startDeviceServer, type DeviceServer } from './modbus-device-server';
import { RemoteInverterPower } from './remote-inverter';
import { startSimCanGateway, type SimCanGateway } from './sim-can-gateway';
import { SiteModel, type SiteModelOptions } from './site-model';
import { sunspecInverterDevice } from './sunspec-sim-inverter';
import { sunspecMeterDevice } from './sunspec-sim-meter';

/**
 * The simulated site as a running thing: the model on a real-time tick, the meter and the
 * inverter served over Modbus TCP through the same profiles the EMS reads, and optionally
 * the BMS speaking on a CAN transport. The headless host embeds it in-process; `npm run sim`
 * runs it on its own; `only` splits one physical site over two processes.
 */

/** How to start the site. Every field is optional. */
export interface SimulatedSiteOptions {
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** TCP ports; 0 or absent = a free port picked at start (read it back from `ports`). */
  readonly ports?: { readonly meter?: number; readonly inverter?: number };
  /** Serve only one device: 'meter' reads the inverter's power from `inverterAt`. */
  readonly only?: 'meter' | 'inverter';
  /** Where the inverter process listens, for `only: 'meter'` (default 127.0.0.1:5021). */
  readonly inverterAt?: { readonly host: string; readonly port: number };
  readonly seed?: number;
  readonly initialSocPct?: number;
  /** Time acceleration of load, PV and battery energy (see SiteModel). */
  readonly speed?: number;
  /** Time of day at start, s after midnight (default 12:00). */
  readonly startTimeOfDayS?: number;
  /** How often the grid meter refreshes its readings, ms (default 0: live on every request). */
  readonly meterPeriodMs?: number;
  /** Sizes of battery, inverter, load and PV, for tests and demos. */
  readonly site?: Pick<SiteModelOptions, 'battery' | 'inverter' | 'load' | 'pv'>;
  /**
   * Present the inverter (models 1, 103, 124) and the meter (1, 203) as SunSpec devices with
   * 'SunS' at 40000 instead of serving the profiles; not with `only` or the profile options.
   */
  readonly sunspec?: boolean;
  /** With `sunspec`: the inverter is a hybrid, PV behind it (103 W = PV + battery, DCW = PV). */
  readonly hybrid?: boolean;
  /** Profiles served (built-in name or path); default the built-in sim-meter / sim-inverter. */
  readonly meterProfile?: string;
  readonly inverterProfile?: string;
  /** Send the BMS's frames on this (already open) transport. */
  readonly bms?: { readonly transport: CanTransport; readonly periodMs?: number };
  /**
   * Serve the BMS's frames through a socketcand-protocol gateway on `host` instead (port 0 =
   * a free one). Only the process that owns the inverter has the battery, hence the BMS.
   */
  readonly canGateway?: {
    readonly port?: number;
    readonly bus?: string;
    readonly periodMs?: number;
  };
  /** The CAN profile the BMS speaks, on either path. Default DEFAULT_BMS_CAN_PROFILE (devices/can/pylontech-protocol.ts). */
  readonly bmsProfile?: BmsCanProfile;
  /** Model tick, ms (default 100). */
  readonly tickMs?: number;
  /** The simulator's time: its wall clock drives the model, its timers the tick and the BMS frames. */
  readonly time: TimeSource;
  /** Told about failures while running (a tick that threw, a BMS frame not sent). */
  readonly onError?: (message: string) => void;
}

/** A running simulated site. */
export interface SimulatedSite {
  readonly host: string;
  /** Bound ports; null for a device this process does not serve (can: the CAN gateway). */
  readonly ports: {
    readonly meter: number | null;
    readonly inverter: number | null;
    readonly can: number | null;
  };
  /** The physics: read the truth, inject faults (`model.setFault`), write the inverter directly. */
  readonly model: SiteModel;
  /** The meter-only process's reader of the remote inverter; null otherwise. */
  readonly remoteInverter: RemoteInverterPower | null;
  /** What the BMS reports now (brought up to the current time first). */
  bmsReading(): BmsReading;
  /** False while `bmsSilent` is injected, or when this process does not own the battery. */
  bmsTalking(): boolean;
  /** Stops the tick, the BMS frames and both servers; resolves once the ports are free. */
  stop(): Promise<void>;
}

/** Starts the site. Rejects (with nothing left running) when a profile or a port is unusable. */
export async function startSimulatedSite(options: SimulatedSiteOptions): Promise<SimulatedSite> {
  const host = options.host ?? '127.0.0.1';
  const { time } = options;
  const clock = (): number => time.wallNow();
  const tickMs = options.tickMs ?? 100;
  if (options.only !== undefined && options.only !== 'meter' && options.only !== 'inverter') {
    throw new RangeError(`only must be 'meter' or 'inverter', got ${String(options.only)}`);
  }
  if (options.bms !== undefined && options.canGateway !== undefined) {
    throw new RangeError('give bms or canGateway, not both: the simulated BMS speaks on one bus');
  }
  if (options.sunspec === true && options.only !== undefined)
    throw new RangeError(
      'sunspec serves the whole site from one process; it does not combine with only',
    );
  if (options.sunspec === true && (options.meterProfile ?? options.inverterProfile) !== undefined)
    throw new RangeError(
      'sunspec serves fixed SunSpec maps; give it or meterProfile/inverterProfile, not both',
    );
  if (options.hybrid === true && options.sunspec !== true)
    throw new RangeError('hybrid needs sunspec: only the SunSpec inverter has a hybrid layout');
  if (!(tickMs >= 10 && tickMs <= 10_000))
    throw new RangeError(`tickMs must be 10..10000, got ${tickMs}`);
  const report =
    options.onError ?? ((message: string): void => void process.stderr.write(`${message}\n`));
  const serveMeter = options.only !== 'inverter';
  const ownsInverter = options.only !== 'meter';
  const [meterProfile, inverterProfile] = await Promise.all([
    serveMeter ? loadProfile(options.meterProfile ?? 'sim-meter') : null,
    loadProfile(options.inverterProfile ?? 'sim-inverter'),
  ]);
  const model = new SiteModel({
    ...options.site,
    startAt: clock(),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.initialSocPct !== undefined ? { initialSocPct: options.initialSocPct } : {}),
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    ...(options.startTimeOfDayS !== undefined ? { startTimeOfDayS: options.startTimeOfDayS } : {}),
    ...(options.meterPeriodMs !== undefined ? { meterPeriodMs: options.meterPeriodMs } : {}),
    inverterSource: ownsInverter ? 'local' : 'remote',
  });
  const catchUp = (): void => model.advance(clock());

  const servers: DeviceServer[] = [];
  let remote: RemoteInverterPower | null = null;
  let emitter: BmsCanEmitter | null = null;
  let gateway: SimCanGateway | null = null;
  const shutdown = async (): Promise<void> => {
    emitter?.stop();
    await Promise.all([remote?.close(), gateway?.stop(), ...servers.map((s) => s.close())]);
  };
  try {
    if (meterProfile !== null) {
      const bank = options.sunspec
        ? sunspecMeterDevice(model).bank
        : meterBank(meterProfile, model);
      const port = options.ports?.meter ?? 0;
      servers.push(
        await startDeviceServer({
          name: 'meter',
          host,
          port,
          bank,
          silent: () => model.hasFault('meterSilent'),
          beforeRequest: catchUp,
        }),
      );
    }
    if (ownsInverter) {
      const bank = options.sunspec
        ? sunspecInverterDevice(model, clock, options.hybrid === true ? 'hybrid' : 'ac').bank
        : inverterBank(inverterProfile, model, clock);
      const port = options.ports?.inverter ?? 0;
      servers.push(
        await startDeviceServer({
          name: 'inverter',
          host,
          port,
          bank,
          silent: () => model.hasFault('inverterFrozen'),
          beforeRequest: catchUp,
        }),
      );
    } else {
      const at = options.inverterAt ?? { host: '127.0.0.1', port: 5021 };
      remote = new RemoteInverterPower({ ...at, profile: inverterProfile, time });
    }
    if (options.canGateway && ownsInverter) {
      gateway = await startSimCanGateway({
        host,
        clock: time,
        port: options.canGateway.port ?? 0,
        ...(options.canGateway.bus !== undefined ? { bus: options.canGateway.bus } : {}),
        onError: report,
      });
    }
    const bms = gateway
      ? { transport: gateway.bmsTransport, periodMs: options.canGateway?.periodMs }
      : options.bms;
    if (bms && ownsInverter) {
      emitter = startBmsCanEmitter(bms.transport, () => model.battery.bmsReading(), {
        ...(bms.periodMs !== undefined ? { periodMs: bms.periodMs } : {}),
        ...(options.bmsProfile !== undefined ? { profile: options.bmsProfile } : {}),
        scheduler: time,
        onError: report,
      });
      emitter.setSilent(model.hasFault('bmsSilent'));
    }
  } catch (err) {
    await shutdown();
    throw err;
  }

  const reader = remote;
  const sender = emitter;
  const tick = (): void => {
    try {
      const now = clock();
      if (reader !== null) {
        model.setRemoteInverterPowerW(reader.valueAt(now));
        void reader.poll();
      }
      model.advance(now);
      sender?.setSilent(model.hasFault('bmsSilent'));
    } catch (err) {
      report(`sim: tick failed: ${reasonOf(err)}`);
    }
  };
  const stopTick = time.interval(tick, tickMs);
  tick();

  let stopping: Promise<void> | null = null;
  const portOf = (name: string): number | null =>
    servers.find((s) => s.name === name)?.port ?? null;
  return {
    host,
    ports: { meter: portOf('meter'), inverter: portOf('inverter'), can: gateway?.port ?? null },
    model,
    remoteInverter: reader,
    bmsReading: () => {
      catchUp();
      return model.battery.bmsReading();
    },
    bmsTalking: () => ownsInverter && !model.hasFault('bmsSilent'),
    stop: () => {
      stopping ??= (async () => {
        stopTick();
        await shutdown();
      })();
      return stopping;
    },
  };
}
