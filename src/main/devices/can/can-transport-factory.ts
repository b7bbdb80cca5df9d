import { isAbsolute, resolve } from 'node:path';
import type { TimeSource } from '../../../shared/clock';
import { createCandumpReplayTransport } from './candump-log-replay';
import type { CanTransport } from './can-transport';
import type { CanTransportSpec } from './can-transport-spec';
import { createSlcanTransport } from './slcan-transport';
import { createSocketCanTransport } from './socketcan-transport';
import { createSocketcandTransport } from './socketcand-transport';

/**
 * Builds the transport a site file names. Nothing is opened or loaded here: native modules
 * load in open(), so a site that does not use SocketCAN never touches the socketcan addon.
 */

/** Options of {@link createCanTransport}. */
export interface CanTransportFactoryOptions {
  /** The runtime's time: receive times compare with its `now`; a replay waits on it. */
  readonly clock: TimeSource;
}

/**
 * Creates the transport for `spec`; relative file paths resolve against `baseDir`.
 * @throws Error for the memory transport, which exists only inside the built-in simulated site.
 */
export function createCanTransport(
  spec: CanTransportSpec,
  baseDir: string,
  options: CanTransportFactoryOptions,
): CanTransport {
  const { clock } = options;
  switch (spec.type) {
    case 'memory':
      throw new Error(
        'bms.transport "memory" exists only on the built-in simulated site (use socketcand, slcan, socketcan or replay)',
      );
    case 'socketcan':
      return createSocketCanTransport({ interface: spec.interface, clock });
    case 'slcan':
      return createSlcanTransport({
        device: spec.device,
        bitrate: spec.bitrate,
        serialBaudRate: spec.serialBaudRate,
        clock,
      });
    case 'socketcand':
      return createSocketcandTransport({
        host: spec.host,
        port: spec.port,
        bus: spec.interface,
        clock,
      });
    case 'replay':
      return createCandumpReplayTransport({
        file: isAbsolute(spec.file) ? spec.file : resolve(baseDir, spec.file),
        speed: spec.speed,
        loop: spec.loop,
        clock,
      });
  }
}
