import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { ServerTCP } from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { ModbusTcpClient } from '../src/main/devices/modbus/wire/modbus-client';
import {
  ModbusConnectionError,
  ModbusError,
  ModbusExceptionError,
  ModbusTimeoutError,
} from '../src/main/devices/modbus/wire/modbus-errors';
import { createRealTime } from '../src/main/util/real-time';

/** The real time these checks run on (real sockets, real waits). */
const realTime = createRealTime();
import { waitFor } from './support/wait-for';

/**
 * The hardened client against real TCP peers on loopback: modbus-serial's own ServerTCP for
 * normal traffic, and raw sockets that stay silent, hang up or reset, for the failure cases
 * the client exists to handle.
 */

const HOLDING_SIZE = 100;

interface Peer {
  readonly port: number;
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A modbus-serial ServerTCP: holding 0..99 (initially 100 + address), input registers 1000 + address; other addresses answer exception 2. */
async function startModbusServer(port: number, holding: number[]): Promise<Peer> {
  const illegal = (): never => {
    // ServerTCP answers an exception reply with the code it finds on the thrown value.
    throw Object.assign(new Error('illegal data address'), { modbusErrorCode: 2 });
  };
  const server = new ServerTCP(
    {
      getHoldingRegister: (addr: number) =>
        addr < HOLDING_SIZE ? (holding[addr] ?? 0) : illegal(),
      getInputRegister: (addr: number) => (addr < HOLDING_SIZE ? 1000 + addr : illegal()),
      setRegister: (addr: number, value: number) => {
        if (addr >= HOLDING_SIZE) illegal();
        holding[addr] = value;
      },
    },
    { host: '127.0.0.1', port },
  );
  await new Promise<void>((resolve, reject) => {
    server.on('initialized', () => resolve());
    server.on('serverError', reject);
  });
  let closed = false;
  const peer = {
    port,
    close: () =>
      closed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            closed = true;
            server.close(() => resolve());
          }),
  };
  cleanups.push(peer.close);
  return peer;
}

/** A raw TCP peer that accepts and hands each socket's first request to `onData`. */
async function startRawPeer(onData: (socket: Socket) => void): Promise<Peer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => onData(socket));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  const peer = {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  cleanups.push(peer.close);
  return peer;
}

function client(port: number, timeoutMs = 1000, name = 'meter'): ModbusTcpClient {
  const c = new ModbusTcpClient({
    clock: realTime,
    host: '127.0.0.1',
    port,
    timeoutMs,
    name,
    backoff: { initialMs: 100, maxMs: 400 },
  });
  cleanups.push(() => c.close());
  return c;
}

/** The rejection of `promise`, failing the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('ModbusTcpClient against modbus-serial ServerTCP', () => {
  it('reads holding and input registers and writes several registers in one request', async () => {
    const holding = Array.from({ length: HOLDING_SIZE }, (_, i) => 100 + i);
    const port = await freePort();
    await startModbusServer(port, holding);
    const c = client(port);
    await c.connect();
    expect(c.isOpen).toBe(true);
    expect(await c.readHolding(0, 4)).toEqual([100, 101, 102, 103]);
    expect(await c.readInput(5, 2)).toEqual([1005, 1006]);
    await c.writeRegisters(10, [1, 0xffff, 3]);
    expect(holding.slice(10, 13)).toEqual([1, 0xffff, 3]);
    expect(await c.readHolding(9, 5)).toEqual([109, 1, 0xffff, 3, 113]);
    const parallel = await Promise.all([0, 20, 40, 60, 80].map((a) => c.readHolding(a, 2)));
    expect(parallel.map((r) => r[0])).toEqual([100, 120, 140, 160, 180]);
  });

  it('turns an exception reply into a ModbusExceptionError with the code and a clear message', async () => {
    const port = await freePort();
    await startModbusServer(port, []);
    const c = client(port);
    await c.connect();
    const err = await rejectionOf(c.readHolding(99, 2));
    expect(err).toBeInstanceOf(ModbusExceptionError);
    expect((err as ModbusExceptionError).code).toBe(2);
    expect(err.message).toBe(
      `meter 127.0.0.1:${port} unit 1: Modbus exception 2 (illegal data address) reading holding 99+2`,
    );
    expect(err.stack).toBeTypeOf('string');
    expect(await c.readHolding(0, 1)).toEqual([0]);
  });

  it('rejects invalid requests without sending them', async () => {
    const c = client(1);
    const err = await rejectionOf(c.readHolding(0, 126));
    expect(err).toBeInstanceOf(ModbusError);
    expect(err.message).toBe(
      'meter 127.0.0.1:1 unit 1: invalid request reading holding 0+126: count 126 is not 1..125',
    );
    expect((await rejectionOf(c.writeRegisters(0, [70000]))).message).toMatch(
      /a value is not a 16-bit word/,
    );
  });

  it('reconnects with backoff after the server goes away and comes back', async () => {
    const port = await freePort();
    const first = await startModbusServer(port, [7]);
    const c = client(port);
    await c.connect();
    expect(await c.readHolding(0, 1)).toEqual([7]);

    await first.close();
    await waitFor(() => !c.isOpen, { what: 'the client to see the server go' });
    const down = await rejectionOf(c.readHolding(0, 1));
    expect(down).toBeInstanceOf(ModbusConnectionError);
    expect(down.message).toBe(`meter 127.0.0.1:${port} unit 1: cannot connect (ECONNREFUSED)`);
    const pacing = await rejectionOf(c.readHolding(0, 1));
    expect(pacing.message).toMatch(
      /not connected \(cannot connect \(ECONNREFUSED\)\), next attempt in \d+ ms$/,
    );

    await startModbusServer(port, [8]);
    const value = await waitFor(() => c.readHolding(0, 1).catch(() => null), {
      intervalMs: 50,
      what: 'a read after the server came back',
    });
    expect(value).toEqual([8]);
  });
});

describe('ModbusTcpClient against misbehaving peers', () => {
  it('times out on a server that accepts and never answers', async () => {
    const peer = await startRawPeer(() => undefined);
    const c = client(peer.port, 300);
    await c.connect();
    const started = Date.now();
    const err = await rejectionOf(c.readHolding(0, 4));
    expect(err).toBeInstanceOf(ModbusTimeoutError);
    expect(err.message).toBe(
      `meter 127.0.0.1:${peer.port} unit 1: timeout after 300 ms reading holding 0+4`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // A ceiling for "the timer fired at all", generous because a loaded machine delays timers.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects the in-flight request at once when the server closes the socket', async () => {
    const peer = await startRawPeer((socket) => setTimeout(() => socket.destroy(), 50));
    const c = client(peer.port, 10_000, 'inverter');
    await c.connect();
    const started = Date.now();
    const err = await rejectionOf(c.writeRegisters(10, [1, 2]));
    expect(err).toBeInstanceOf(ModbusConnectionError);
    expect(err.message).toMatch(
      new RegExp(`^inverter 127\\.0\\.0\\.1:${peer.port} unit 1: link lost \\(connection closed`),
    );
    // Well inside the 10 s request timeout: the hang-up, not the timer, ended the request.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(c.isOpen).toBe(false);
  });

  it('rejects the in-flight request at once when the server resets the connection', async () => {
    const peer = await startRawPeer((socket) => setTimeout(() => socket.resetAndDestroy(), 50));
    const c = client(peer.port, 10_000);
    await c.connect();
    const started = Date.now();
    const err = await rejectionOf(c.readInput(0, 2));
    expect(err).toBeInstanceOf(ModbusConnectionError);
    expect(err.message).toMatch(/link lost \((read ECONNRESET|connection closed)/);
    // Well inside the 10 s request timeout: the reset, not the timer, ended the request.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects pending requests when closed, and stays closed until connect()', async () => {
    let arrived = (): void => undefined;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const peer = await startRawPeer(() => arrived());
    const c = client(peer.port, 10_000);
    await c.connect();
    const pending = rejectionOf(c.readHolding(0, 1));
    await requestArrived;
    await c.close();
    expect((await pending).message).toMatch(/link lost \(transport closed\)$/);
    expect((await rejectionOf(c.readHolding(0, 1))).message).toMatch(
      /not connected \(connect\(\) not called or transport closed\)$/,
    );
  });

  it('names host, port and reason on one line when nothing listens', async () => {
    const port = await freePort();
    const c = client(port);
    const err = await rejectionOf(c.connect());
    expect(err).toBeInstanceOf(ModbusConnectionError);
    expect(err.message).toBe(`meter 127.0.0.1:${port} unit 1: cannot connect (ECONNREFUSED)`);
  });
});
