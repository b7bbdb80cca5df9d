import { connect, createServer, type Server, type Socket } from 'node:net';
import { exceptionReply, FrameSplitter, garbage, writeAcknowledgement } from './modbus-frames';

/**
 * A Modbus TCP proxy on loopback that sits between the EMS and a simulated device and
 * misbehaves on request, so fault tests can play the failures a real site produces:
 * a slow link, a device that stops accepting connections, one that answers with
 * exceptions or noise, one that hears nothing, and an inverter that acknowledges
 * writes without doing them. Each client connection gets its own upstream connection.
 */

/** What the proxy does to the traffic (latency is set apart and combines with any of these). */
export type ProxyFault =
  /** Forward everything unchanged. */
  | 'none'
  /** Accept requests, never answer (the device's stack hangs, the socket stays open). */
  | 'drop'
  /** Answer every request with Modbus exception 4 (server device failure). */
  | 'exception'
  /** Replace every reply with noise: foreign transaction ids or random bytes. */
  | 'garbage'
  /** Acknowledge FC6/FC16 writes at once without passing them on; reads go through. */
  | 'swallowWrites'
  // Read failures while writes still work (the issue-11 read-failure bench and test):
  /** Answer every read (FC3/FC4) with exception 4; writes go through. */
  | 'readException'
  /** Never answer a read; writes go through (one block of a gateway timing out). */
  | 'readDrop'
  /** Reads go through, but the register set with `setSentinel` reads as that sentinel. */
  | 'readSentinel';

/** Counters, to check that a fault really touched the traffic. */
export interface ProxyStats {
  readonly connections: number;
  readonly requests: number;
  readonly swallowedWrites: number;
  readonly alteredReplies: number;
}

/** A running proxy. */
export interface FaultProxy {
  /** The port the EMS connects to. */
  readonly port: number;
  setFault(fault: ProxyFault): void;
  /** For 'readSentinel': the register (absolute address) and the words it reads as. */
  setSentinel(address: number, words: readonly number[]): void;
  /** Delay every reply by `ms` (0 = none). */
  setLatency(ms: number): void;
  /** Stops accepting: the listener closes and every open connection is dropped. */
  refuse(): Promise<void>;
  /** Accepts connections again on the same port. */
  accept(): Promise<void>;
  stats(): ProxyStats;
  /** Closes everything for good. */
  close(): Promise<void>;
}

/** True for a read of holding or input registers (FC3, FC4). */
function isRead(frame: Buffer): boolean {
  const fc = frame.length > 7 ? frame.readUInt8(7) : 0;
  return fc === 0x03 || fc === 0x04;
}

interface Target {
  readonly host: string;
  readonly port: number;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Starts a proxy to `target` on 127.0.0.1 (`port` 0 = a free one). */
export async function startFaultProxy(target: Target, port = 0): Promise<FaultProxy> {
  let fault: ProxyFault = 'none';
  let latencyMs = 0;
  let round = 0;
  const stats = { connections: 0, requests: 0, swallowedWrites: 0, alteredReplies: 0 };
  let sentinel: { address: number; words: readonly number[] } | null = null;
  // Start address of each read in flight, by transaction id, to find a register in its reply.
  const readsInFlight = new Map<number, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const later = (socket: Socket, data: Buffer): void => {
    const send = (): void => {
      if (!socket.destroyed) socket.write(data);
    };
    if (latencyMs <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, latencyMs);
    timers.add(timer);
  };

  const reply = (client: Socket, frame: Buffer): void => {
    const tid = frame.length >= 2 ? frame.readUInt16BE(0) : -1;
    const start = readsInFlight.get(tid);
    readsInFlight.delete(tid);
    if (fault === 'drop') return;
    let out = frame;
    if (fault === 'exception') out = exceptionReply(frame, 4);
    else if (fault === 'garbage') out = garbage(frame, round++);
    else if (fault === 'readSentinel') out = withSentinel(frame, start);
    if (out !== frame) stats.alteredReplies++;
    later(client, out);
  };

  /** The reply with the sentinel register overwritten, when the read covered it. */
  const withSentinel = (frame: Buffer, start: number | undefined): Buffer => {
    if (sentinel === null || start === undefined || !isRead(frame) || frame.length < 9)
      return frame;
    const words = frame.readUInt8(8) / 2;
    const at = sentinel.address - start;
    if (at < 0 || at + sentinel.words.length > words) return frame;
    const out = Buffer.from(frame);
    sentinel.words.forEach((w, i) => out.writeUInt16BE(w, 9 + 2 * (at + i)));
    stats.alteredReplies++;
    return out;
  };

  const request = (client: Socket, upstream: Socket, frame: Buffer): void => {
    stats.requests++;
    if (isRead(frame) && frame.length >= 12) {
      if (fault === 'readDrop') return;
      if (fault === 'readException') {
        stats.alteredReplies++;
        later(client, exceptionReply(frame, 4));
        return;
      }
      readsInFlight.set(frame.readUInt16BE(0), frame.readUInt16BE(8));
    }
    const ack = fault === 'swallowWrites' ? writeAcknowledgement(frame) : null;
    if (ack !== null) {
      stats.swallowedWrites++;
      later(client, ack);
    } else if (fault !== 'drop') upstream.write(frame);
  };

  const handle = (client: Socket): void => {
    stats.connections++;
    const upstream = connect({ host: target.host, port: target.port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
      s.on('error', () => undefined);
    }
    const fromClient = new FrameSplitter();
    const fromDevice = new FrameSplitter();
    client.on('data', (d: Buffer) => {
      for (const frame of fromClient.push(d)) request(client, upstream, frame);
    });
    upstream.on('data', (d: Buffer) => {
      for (const frame of fromDevice.push(d)) reply(client, frame);
    });
  };

  let server = createServer(handle);
  const bound = await listen(server, port);
  const dropAll = (): void => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const s of sockets) s.destroy();
  };
  const closeServer = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      dropAll();
    });

  return {
    port: bound,
    setFault: (f) => {
      fault = f;
    },
    setSentinel: (address, words) => {
      sentinel = { address, words };
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    refuse: closeServer,
    accept: async () => {
      if (server.listening) return;
      server = createServer(handle);
      await listen(server, bound);
    },
    stats: () => ({ ...stats }),
    close: closeServer,
  };
}
