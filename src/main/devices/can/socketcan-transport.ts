import { readFile } from 'node:fs/promises';
import type { Clock } from '../../../shared/clock';
import { checkCanFrame } from './can-frame';
import type { CanFrame, CanFrameListener, CanProblemListener, CanTransport } from './can-transport';
import { describeError } from '../../util/describe-error';
import { createListenerSet } from './listener-set';

/**
 * Linux SocketCAN through the optional native `socketcan` module (a CAN_RAW socket). The
 * module is imported only inside open(): on Windows, macOS, a kernel without CAN, or an
 * install where the addon did not build, open() rejects with "SocketCAN unavailable: ..."
 * and the rest of the app never notices the module is missing.
 */

/** Options of {@link createSocketCanTransport}. */
export interface SocketCanTransportOptions {
  /** Network interface, e.g. can0 or vcan0. */
  readonly interface: string;
  /** Clock for the receive time (its `now`, ms): the runtime's, so frame ages compare with it. */
  readonly clock: Clock;
}

/** The slice of the socketcan module used here (its own typings leave the listener untyped). */
interface RawMessage {
  readonly id: number;
  readonly ext?: boolean;
  readonly rtr?: boolean;
  readonly err?: boolean;
  readonly data: Buffer;
}
interface RawChannel {
  addListener(event: 'onMessage' | 'onStopped', callback: (message: RawMessage) => void): void;
  start(): void;
  stop(): void;
  send(message: { id: number; ext: boolean; rtr: boolean; data: Buffer }): number;
}
interface SocketCanModule {
  createRawChannelWithOptions(
    iface: string,
    options: { timestamps?: boolean; non_block_send?: boolean },
  ): RawChannel;
}

/** ARPHRD_CAN, the link type Linux reports for CAN interfaces in /sys/class/net/<if>/type. */
const ARPHRD_CAN = '280';
// A variable, so bundlers and the type checker leave the optional module alone.
const MODULE_NAME = 'socketcan';

async function loadModule(): Promise<SocketCanModule> {
  const loaded = (await import(MODULE_NAME)) as { default?: unknown } & Partial<SocketCanModule>;
  const candidate = (
    typeof loaded.createRawChannelWithOptions === 'function' ? loaded : loaded.default
  ) as Partial<SocketCanModule> | undefined;
  if (typeof candidate?.createRawChannelWithOptions !== 'function') {
    throw new Error('the module has no createRawChannelWithOptions');
  }
  return candidate as SocketCanModule;
}

/** Why the interface cannot carry CAN, or null when it looks usable. */
async function interfaceProblem(iface: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(iface)) return `"${iface}" is not a network interface name`;
  const read = (file: string): Promise<string | null> =>
    readFile(`/sys/class/net/${iface}/${file}`, 'utf8').then(
      (text) => text.trim(),
      () => null,
    );
  const type = await read('type');
  if (type === null) return `no network interface "${iface}"`;
  if (type !== ARPHRD_CAN) return `"${iface}" is not a CAN interface`;
  if ((await read('operstate')) === 'down') return `"${iface}" is down (ip link set ${iface} up)`;
  return null;
}

/** Creates a SocketCAN transport (not opened yet). */
export function createSocketCanTransport(options: SocketCanTransportOptions): CanTransport {
  const name = `socketcan:${options.interface}`;
  const { clock } = options;
  const frames = createListenerSet<Parameters<CanFrameListener>>();
  const problems = createListenerSet<Parameters<CanProblemListener>>();
  let channel: RawChannel | null = null;
  const unavailable = (why: string, cause?: unknown): Error =>
    new Error(`${name}: SocketCAN unavailable: ${why}`, { cause });

  return {
    name,
    async open(): Promise<void> {
      if (channel !== null) return;
      if (process.platform !== 'linux')
        throw unavailable(`SocketCAN exists only on Linux (this is ${process.platform})`);
      const problem = await interfaceProblem(options.interface);
      if (problem !== null) throw unavailable(problem);
      let module: SocketCanModule;
      try {
        module = await loadModule();
      } catch (error) {
        throw unavailable(`the socketcan module cannot load (${describeError(error)})`, error);
      }
      let opened: RawChannel;
      try {
        // Non-blocking send: a full TX queue (bus-off, no peer acking) must not freeze Node.
        opened = module.createRawChannelWithOptions(options.interface, { non_block_send: true });
      } catch (error) {
        throw unavailable(
          `cannot open a CAN_RAW socket on ${options.interface} (${describeError(error)})`,
          error,
        );
      }
      opened.addListener('onMessage', (message) => {
        // Remote and error frames carry no BMS data.
        if (message.rtr === true || message.err === true) return;
        const frame: CanFrame =
          message.ext === true
            ? { id: message.id, data: Uint8Array.from(message.data), extended: true }
            : { id: message.id, data: Uint8Array.from(message.data) };
        frames.emit(frame, clock.now());
      });
      opened.addListener('onStopped', () => {
        if (channel !== opened) return;
        channel = null;
        problems.emit({ message: `${name}: the CAN socket stopped`, disconnected: true });
      });
      opened.start();
      channel = opened;
    },

    send(frame: CanFrame): Promise<void> {
      if (channel === null)
        return Promise.reject(new Error(`${name}: cannot send, the transport is not open`));
      const problem = checkCanFrame(frame);
      if (problem !== null) return Promise.reject(new Error(`${name}: ${problem}`));
      const written = channel.send({
        id: frame.id,
        ext: frame.extended === true,
        rtr: false,
        data: Buffer.from(frame.data),
      });
      return written < 0
        ? Promise.reject(
            new Error(`${name}: send failed (TX queue full, bus-off or interface down)`),
          )
        : Promise.resolve();
    },

    onFrame: (listener) => frames.add(listener),
    onProblem: (listener) => problems.add(listener),

    close(): Promise<void> {
      const open = channel;
      channel = null;
      open?.stop();
      return Promise.resolve();
    },
  };
}
