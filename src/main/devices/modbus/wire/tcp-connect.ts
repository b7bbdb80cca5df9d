import { Socket } from 'node:net';
import type { Scheduler } from '../../../../shared/clock';
import { reasonOf } from './modbus-errors';

/**
 * Opens a TCP connection with a deadline. Node's own connect can wait minutes for an
 * unreachable host; a controller polling every second cannot.
 */

/** Why a connect failed, in a few words: the errno code (ECONNREFUSED, EHOSTUNREACH, ...) or the message. */
export class TcpConnectError extends Error {
  override readonly name = 'TcpConnectError';
}

/**
 * Connects to host:port; rejects with a TcpConnectError after `timeoutMs` (on `scheduler`)
 * or on any socket error.
 */
export function connectTcp(
  host: string,
  port: number,
  timeoutMs: number,
  scheduler: Scheduler,
): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = new Socket();
    const fail = (reason: string): void => {
      cancelTimer();
      socket.destroy();
      reject(new TcpConnectError(reason));
    };
    const onError = (err: Error): void => fail(errnoCode(err) ?? reasonOf(err));
    const cancelTimer = scheduler.timeout(() => {
      socket.off('error', onError);
      // Swallow the error destroy() may still emit on a half-open socket.
      socket.on('error', () => undefined);
      fail(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    socket.once('error', onError);
    socket.connect({ host, port }, () => {
      cancelTimer();
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
