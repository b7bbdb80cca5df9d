import { Socket } from 'node:net';
import type { TimeSource } from '../../../shared/clock';
import { checkCanFrame } from './can-frame';
import type { CanFrame, CanFrameListener, CanProblemListener, CanTransport } from './can-transport';
import { describeError } from '../../util/describe-error';
import { createListenerSet } from './listener-set';
import { SocketcandTokenizer, formatSendCommand, parseSocketcandMessage } from './socketcand-codec';
import type { SocketcandMessage } from './socketcand-codec';

/**
 * A CAN bus behind a socketcand gateway (linux-can's daemon, or the simulator's gateway),
 * reached over TCP in raw mode: every frame on the bus arrives as one text message.
 */

/** Options of {@link createSocketcandTransport}. */
export interface SocketcandTransportOptions {
  readonly host: string;
  readonly port: number;
  /** The gateway's CAN interface to open, e.g. can0. */
  readonly bus: string;
  /** The runtime's time: receive times (its `now`, ms) and the handshake and close deadlines. */
  readonly clock: TimeSource;
  /** Longest wait for the connection and each handshake reply, ms. Default 3000. */
  readonly timeoutMs?: number;
}

type Step = 'hi' | 'open' | 'rawmode' | 'raw';

/** Creates a socketcand client transport (not opened yet). */
export function createSocketcandTransport(options: SocketcandTransportOptions): CanTransport {
  const name = `socketcand:${options.host}:${options.port}/${options.bus}`;
  const { clock } = options;
  const timeoutMs = options.timeoutMs ?? 3000;
  const frames = createListenerSet<Parameters<CanFrameListener>>();
  const problems = createListenerSet<Parameters<CanProblemListener>>();
  let socket: Socket | null = null;
  let opening: Promise<void> | null = null;

  const report = (message: string, disconnected = false): void =>
    problems.emit({ message: `${name}: ${message}`, disconnected });

  function connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const candidate = new Socket();
      const tokenizer = new SocketcandTokenizer();
      let step: Step = 'hi';
      const fail = (why: string): void => {
        cancelTimer();
        candidate.destroy();
        reject(new Error(`${name}: ${why}`));
      };
      let cancelTimer = clock.timeout(
        () => fail(`no answer within ${timeoutMs} ms (waiting for ${step})`),
        timeoutMs,
      );
      const advance = (next: Step, command: string | null): void => {
        step = next;
        if (command !== null) candidate.write(command);
        cancelTimer();
        if (next === 'raw') {
          socket = candidate;
          resolve();
        } else {
          cancelTimer = clock.timeout(
            () => fail(`no answer within ${timeoutMs} ms (waiting for ${step})`),
            timeoutMs,
          );
        }
      };
      const handshake = (message: SocketcandMessage): void => {
        if (message.kind === 'error')
          return fail(`the gateway refused: ${message.text || 'error'}`);
        if (step === 'hi' && message.kind === 'hi')
          return advance('open', `< open ${options.bus} >`);
        if (step === 'open' && message.kind === 'ok') return advance('rawmode', '< rawmode >');
        if (step === 'rawmode' && message.kind === 'ok') return advance('raw', null);
        fail(`unexpected reply while waiting for ${step}: ${message.kind}`);
      };
      candidate.setEncoding('latin1');
      candidate.setNoDelay(true);
      candidate.on('data', (text: string) => {
        const { messages, dropped } = tokenizer.push(text);
        if (dropped > 0 && step === 'raw') report(`${dropped} character(s) outside < > skipped`);
        const at = clock.now();
        for (const body of messages) {
          const message = parseSocketcandMessage(body);
          if (step !== 'raw') handshake(message);
          else if (message.kind === 'frame') frames.emit(message.frame, at);
          else if (message.kind === 'invalid')
            report(`bad message from the gateway: ${message.reason}`);
          else if (message.kind === 'error') report(`the gateway reported: ${message.text}`);
        }
      });
      candidate.on('error', (error) => {
        if (step !== 'raw') fail(`cannot connect: ${describeError(error)}`);
        else report(describeError(error));
      });
      candidate.on('close', () => {
        if (step !== 'raw') return fail('the gateway closed the connection during the handshake');
        if (socket === candidate) {
          socket = null;
          report('connection to the gateway lost', true);
        }
      });
      candidate.connect({ host: options.host, port: options.port }, () => {
        // Notices a gateway that vanished without closing (cable pulled) within tens of seconds.
        candidate.setKeepAlive(true, 5000);
      });
    });
  }

  return {
    name,
    open(): Promise<void> {
      if (socket !== null) return Promise.resolve();
      opening ??= connect().finally(() => {
        opening = null;
      });
      return opening;
    },

    send(frame: CanFrame): Promise<void> {
      const open = socket;
      if (open === null)
        return Promise.reject(new Error(`${name}: cannot send, the transport is not open`));
      const problem = checkCanFrame(frame);
      if (problem !== null) return Promise.reject(new Error(`${name}: ${problem}`));
      return new Promise((resolve, reject) => {
        open.write(formatSendCommand(frame), (error) =>
          error ? reject(new Error(`${name}: send failed: ${describeError(error)}`)) : resolve(),
        );
      });
    },

    onFrame: (listener) => frames.add(listener),
    onProblem: (listener) => problems.add(listener),

    close(): Promise<void> {
      const open = socket;
      socket = null;
      if (open === null || open.destroyed) return Promise.resolve();
      return new Promise((resolve) => {
        open.once('close', () => resolve());
        open.end();
        // A gateway that never acknowledges the FIN must not hold shutdown up.
        clock.timeout(() => open.destroy(), 500, { background: true });
      });
    },
  };
}
