import type { Clock } from '../../../shared/clock';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { CanFrame, CanTransport } from './can-transport';
import { describeError } from '../../util/describe-error';
import {
  SocketcandTokenizer,
  formatFrameMessage,
  parseSocketcandMessage,
} from './socketcand-codec';

/**
 * A small socketcand-protocol server (raw mode) in front of a CanTransport: the simulator's
 * gateway, so a separately started EMS (or python-can, or any socketcand client) reaches the
 * simulated BMS over TCP as it would a CAN gateway in a cabinet. Frames from the transport go
 * to every client in raw mode; frames a client sends go to the transport and the other clients.
 */

/** Options of {@link startSocketcandServer}. */
export interface SocketcandServerOptions {
  /** The bus to bridge; must already be open. */
  readonly transport: CanTransport;
  /** Listen address. Default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 picks a free one (read it back from `port`). */
  readonly port: number;
  /** The bus name clients open. Default can0. */
  readonly bus?: string;
  /** Clock whose wall time stamps the frames sent to clients. */
  readonly clock: Clock;
  /** Told about client and transport problems. */
  readonly onError?: (message: string) => void;
}

/** A running gateway. */
export interface SocketcandServer {
  readonly host: string;
  readonly port: number;
  /** Clients currently in raw mode. */
  rawClients(): number;
  /** Disconnects every client and stops listening. */
  close(): Promise<void>;
}

/**
 * Some clients (python-can 4.1) read each handshake reply with one recv() and compare it
 * exactly, so the first frame must not share a TCP segment with the last `< ok >`.
 */
const RAW_START_DELAY_MS = 50;
/** A client that stops reading is dropped before its backlog grows past this, bytes. */
const MAX_CLIENT_BACKLOG = 4 * 1024 * 1024;

/** The gateway's port is taken by another program. */
export class SocketcandPortInUseError extends Error {
  override readonly name = 'SocketcandPortInUseError';
}

/** Starts the gateway. Rejects with a one-line Error when the port cannot be bound. */
export async function startSocketcandServer(
  options: SocketcandServerOptions,
): Promise<SocketcandServer> {
  const host = options.host ?? '127.0.0.1';
  const bus = options.bus ?? 'can0';
  const report = options.onError ?? ((): void => undefined);
  const sockets = new Set<Socket>();
  const raw = new Set<Socket>();

  function deliver(frame: CanFrame, except: Socket | null): void {
    if (raw.size === 0) return;
    // A space before each message: python-can 4.1 drops the character after every '>' it
    // parses, which must not be the '<' of the next message.
    const text = ` ${formatFrameMessage(frame, options.clock.wallNow())}`;
    for (const client of raw) {
      if (client === except) continue;
      if (client.writableLength > MAX_CLIENT_BACKLOG) {
        report(
          `socketcand gateway: dropping ${client.remoteAddress ?? 'a client'}: it stopped reading`,
        );
        client.destroy();
        continue;
      }
      client.write(text);
    }
  }

  const unsubscribe = options.transport.onFrame((frame) => deliver(frame, null));

  function serve(client: Socket): void {
    sockets.add(client);
    client.setEncoding('latin1');
    client.setNoDelay(true);
    const tokenizer = new SocketcandTokenizer();
    let state: 'greeted' | 'opened' | 'raw' = 'greeted';
    const reply = (text: string): void => void client.write(`< ${text} >`);
    client.on('data', (text: string) => {
      for (const body of tokenizer.push(text).messages) {
        const message = parseSocketcandMessage(body);
        if (message.kind === 'echo') reply('echo');
        else if (state === 'greeted' && message.kind === 'open') {
          if (message.bus !== bus)
            reply(`error unknown bus ${message.bus}, this gateway serves ${bus}`);
          else {
            state = 'opened';
            reply('ok');
          }
        } else if (state === 'opened' && message.kind === 'rawmode') {
          state = 'raw';
          reply('ok');
          setTimeout(() => {
            if (!client.destroyed) raw.add(client);
          }, RAW_START_DELAY_MS);
        } else if (state === 'raw' && message.kind === 'send') {
          deliver(message.frame, client);
          options.transport.send(message.frame).catch((error: unknown) => {
            report(`socketcand gateway: forwarding a frame failed: ${describeError(error)}`);
          });
        } else if (message.kind === 'invalid')
          reply(`error ${message.reason.replace(/[<>]/g, '')}`);
        else
          reply(
            `error ${message.kind === 'other' ? message.command : message.kind} is not supported here`,
          );
      }
    });
    client.on('error', () => undefined);
    client.on('close', () => {
      sockets.delete(client);
      raw.delete(client);
    });
    reply('hi');
  }

  const server: Server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      unsubscribe();
      reject(
        error.code === 'EADDRINUSE'
          ? new SocketcandPortInUseError(
              `CAN gateway port ${options.port} on ${host} is already in use`,
            )
          : new Error(
              `CAN gateway cannot listen on ${host}:${options.port}: ${describeError(error)}`,
            ),
      );
    });
    server.listen({ host, port: options.port }, () => resolve());
  });
  server.on('error', (error) => report(`socketcand gateway: ${describeError(error)}`));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  let closing: Promise<void> | null = null;
  return {
    host,
    port,
    rawClients: () => raw.size,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        unsubscribe();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
