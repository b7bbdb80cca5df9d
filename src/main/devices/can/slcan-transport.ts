import type { SerialPort } from 'serialport';
import type { Clock } from '../../../shared/clock';
import { checkCanFrame } from './can-frame';
import type { CanFrame, CanFrameListener, CanProblemListener, CanTransport } from './can-transport';
import { describeError } from '../../util/describe-error';
import { createListenerSet } from './listener-set';
import { SLCAN_CR, SlcanStreamDecoder, encodeSlcanFrame, slcanBitrateCommand } from './slcan-codec';

/**
 * CAN through an slcan (Lawicel ASCII) USB adapter such as a CANable or USBtin: how a
 * technician connects a laptop on Windows, macOS or Linux without kernel CAN support.
 * serialport is a native module, so it is loaded only when this transport opens.
 */

/** Options of {@link createSlcanTransport}. */
export interface SlcanTransportOptions {
  /** Serial device, e.g. /dev/ttyACM0 or COM5. */
  readonly device: string;
  /** CAN bitrate, bit/s. Default 500000 (Pylontech). */
  readonly bitrate?: number;
  /** Serial line speed; USB CDC adapters ignore it. Default 115200. */
  readonly serialBaudRate?: number;
  /** Clock for the receive time (its `now`, ms): the runtime's, so frame ages compare with it. */
  readonly clock: Clock;
}

function openPort(port: SerialPort): Promise<void> {
  return new Promise((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
}

function writeAll(port: SerialPort, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(text, 'latin1', (error) => (error ? reject(error) : resolve()));
  });
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    // A close error (device already gone) leaves nothing to clean up.
    port.close(() => resolve());
  });
}

/** Creates an slcan transport (not opened yet). */
export function createSlcanTransport(options: SlcanTransportOptions): CanTransport {
  const name = `slcan:${options.device}`;
  const { clock } = options;
  const frames = createListenerSet<Parameters<CanFrameListener>>();
  const problems = createListenerSet<Parameters<CanProblemListener>>();
  let port: SerialPort | null = null;

  const report = (message: string, disconnected = false): void =>
    problems.emit({ message: `${name}: ${message}`, disconnected });

  function onData(chunk: Buffer, decoder: SlcanStreamDecoder): void {
    const at = clock.now();
    for (const event of decoder.push(chunk)) {
      if (event.kind === 'frame') frames.emit(event.frame, at);
      else if (event.kind === 'error') report('the adapter answered with an error (BEL)');
      else if (event.kind === 'malformed') report(event.reason);
    }
  }

  return {
    name,
    async open(): Promise<void> {
      if (port?.isOpen === true) return;
      let bitrateCommand: string;
      try {
        bitrateCommand = slcanBitrateCommand(options.bitrate ?? 500_000);
      } catch (error) {
        throw new Error(`${name}: ${describeError(error)}`, { cause: error });
      }
      let SerialPortClass: typeof SerialPort;
      try {
        ({ SerialPort: SerialPortClass } = await import('serialport'));
      } catch (error) {
        throw new Error(
          `${name}: slcan unavailable: the serialport module cannot load (${describeError(error)})`,
          { cause: error },
        );
      }
      const candidate = new SerialPortClass({
        path: options.device,
        baudRate: options.serialBaudRate ?? 115_200,
        autoOpen: false,
      });
      try {
        await openPort(candidate);
      } catch (error) {
        throw new Error(`${name}: cannot open the serial device: ${describeError(error)}`, {
          cause: error,
        });
      }
      const decoder = new SlcanStreamDecoder();
      candidate.on('data', (chunk: Buffer) => onData(chunk, decoder));
      candidate.on('error', (error: Error) => report(describeError(error)));
      candidate.on('close', () => {
        // Our own close() clears `port` first; anything else is the adapter going away.
        if (port === candidate) {
          port = null;
          report('the serial device closed (adapter unplugged?)', true);
        }
      });
      port = candidate;
      try {
        // Close first in case the adapter was left open by a previous session, then set the
        // bitrate (only accepted while closed) and open the CAN channel.
        await writeAll(candidate, `C${SLCAN_CR}${bitrateCommand}${SLCAN_CR}O${SLCAN_CR}`);
      } catch (error) {
        port = null;
        await closePort(candidate);
        throw new Error(`${name}: cannot set up the adapter: ${describeError(error)}`, {
          cause: error,
        });
      }
    },

    async send(frame: CanFrame): Promise<void> {
      const open = port;
      if (open === null) throw new Error(`${name}: cannot send, the transport is not open`);
      const problem = checkCanFrame(frame);
      if (problem !== null) throw new Error(`${name}: ${problem}`);
      await writeAll(open, encodeSlcanFrame(frame));
    },

    onFrame: (listener) => frames.add(listener),
    onProblem: (listener) => problems.add(listener),

    async close(): Promise<void> {
      const open = port;
      port = null;
      if (open === null) return;
      // Best effort: the adapter may already be gone.
      await writeAll(open, `C${SLCAN_CR}`).catch(() => undefined);
      await closePort(open);
    },
  };
}
