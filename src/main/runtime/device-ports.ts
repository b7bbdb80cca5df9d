import type { BmsReading, InverterReading, Sample } from '../core/measurements';

/**
 * What the runtime needs from each device. The Modbus and CAN drivers are adapted to
 * these, and tests can hand in their own, so the loop never depends on a wire protocol.
 */

/** One meter read, as the runtime uses it. */
export interface MeterPortReading {
  readonly gridW: number;
  readonly updateCounter?: number | null;
  /** Energy taken from the grid so far, Wh, by the meter's own counter; absent or null: none. */
  readonly importWh?: number | null;
  /** Energy fed into the grid so far, Wh, by the meter's own counter; absent or null: none. */
  readonly exportWh?: number | null;
}

/** The grid meter. */
export interface MeterPort {
  /** Human-readable target for logs, e.g. "meter 127.0.0.1:5020 unit 1". */
  readonly label: string;
  /**
   * Grid power, W (positive = import), the meter's update counter and its own import and
   * export energy counters (Wh) where its profile has them. Rejects with a one-line Error
   * when the read fails.
   */
  read(): Promise<MeterPortReading>;
  /** Requests issued by the last read (for the poll-cycle benchmark). */
  readonly lastReadRequests?: number;
  close(): Promise<void>;
}

/** The battery inverter. */
export interface InverterPort {
  readonly label: string;
  /**
   * Active power, W (positive = discharge), SOC where the device reports one, and the
   * setpoint register read back (W, same sign) where the profile allows it.
   */
  read(): Promise<InverterReading>;
  /** The setpoint the device last acknowledged, W (after the driver's own clamp); null before one. */
  readonly lastCommandedW?: number | null;
  /** Called whenever the link (re)connects: arms the device's revert timer. */
  prepare(): Promise<void>;
  /** Writes the power setpoint, W (positive = discharge), feeding the device's watchdog with it. */
  writeSetpoint(watts: number): Promise<void>;
  /** Revert time of the device's watchdog, s; null when it has none. */
  readonly watchdogTimeoutS: number | null;
  /**
   * What the device does when its watchdog expires: 'zero' (0 W) or 'deviceDefault' (its own
   * dispatch, warned about while the EMS controls it). Absent: 'zero' (test doubles).
   */
  readonly onWatchdogExpiry?: 'zero' | 'deviceDefault';
  /** Reads the watchdog timeout back from the device, s; null where the profile has no such register. */
  readWatchdogTimeoutS?(): Promise<number | null>;
  readonly lastReadRequests?: number;
  close(): Promise<void>;
}

/** The BMS, fed by its CAN frames in the background. */
export interface BmsPort {
  readonly label: string;
  /** The newest complete reading with the time it arrived, or null before one has. */
  latest(): Sample<BmsReading> | null;
  /** The last transport or decode problem, for the operator; null when all is well. */
  lastError(): string | null;
  /** Frames decoded so far (the bmsLink check); absent where unknown. */
  framesDecoded?(): number;
  close(): Promise<void>;
}
