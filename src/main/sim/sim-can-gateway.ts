import type { TimeSource } from '../../shared/clock';
import type { CanTransport } from '../devices/can/can-transport';
import { createMemoryCanBus } from '../devices/can/memory-can-bus';
import { startSocketcandServer } from '../devices/can/socketcand-server';

/**
 * The simulator's CAN cabinet: an in-memory bus with the simulated BMS on one end and a
 * socketcand-protocol TCP gateway on the other, so an EMS in another process reaches the
 * battery exactly as it would reach a real one behind a socketcand gateway.
 */

/** Options of {@link startSimCanGateway}. */
export interface SimCanGatewayOptions {
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Bus name clients open. Default can0. */
  readonly bus?: string;
  /** The simulator's time: receive times on the bus, frame stamps at the gateway. */
  readonly clock: TimeSource;
  readonly onError?: (message: string) => void;
}

/** A running gateway. */
export interface SimCanGateway {
  readonly port: number;
  /** The BMS's end of the bus (open): the emitter sends its frames here. */
  readonly bmsTransport: CanTransport;
  stop(): Promise<void>;
}

/** Starts the bus and the gateway. Rejects with one line when the port is taken. */
export async function startSimCanGateway(options: SimCanGatewayOptions): Promise<SimCanGateway> {
  const bus = createMemoryCanBus({ clock: options.clock });
  const bmsTransport = bus.endpoint('simulated-bms');
  const gatewayEnd = bus.endpoint('socketcand-gateway');
  await Promise.all([bmsTransport.open(), gatewayEnd.open()]);
  const server = await startSocketcandServer({
    transport: gatewayEnd,
    clock: options.clock,
    host: options.host,
    port: options.port,
    ...(options.bus !== undefined ? { bus: options.bus } : {}),
    ...(options.onError !== undefined ? { onError: options.onError } : {}),
  });
  return {
    port: server.port,
    bmsTransport,
    stop: async () => {
      await server.close();
      await Promise.all([bmsTransport.close(), gatewayEnd.close()]);
    },
  };
}
