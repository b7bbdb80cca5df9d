import { describe, expect, it } from 'vitest';
import type { EmsSnapshot } from '../../../shared/snapshot';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { createWsClient, type SocketFactory, type SocketHandlers } from './ws-client';

/** Sockets the client opened, each driven by the test as the server would. */
class FakeSockets {
  readonly opened: { url: string; handlers: SocketHandlers; sent: string[]; closed: boolean }[] =
    [];
  readonly factory: SocketFactory = (url, handlers) => {
    const s = { url, handlers, sent: [] as string[], closed: false };
    this.opened.push(s);
    return { send: (d) => s.sent.push(d), close: () => (s.closed = true) };
  };

  get last(): (typeof this.opened)[number] {
    const s = this.opened[this.opened.length - 1];
    if (!s) throw new Error('no socket opened');
    return s;
  }

  sentJson(): { id: number; method: string; params: unknown; token?: string }[] {
    return this.last.sent.map(
      (d) => JSON.parse(d) as { id: number; method: string; params: unknown },
    );
  }

  reply(id: number, result: unknown): void {
    this.last.handlers.message(JSON.stringify({ id, ok: true, result }));
  }
}

function setup(token: string | null = 'tok') {
  const sockets = new FakeSockets();
  const timers = new VirtualTime();
  const problems: string[] = [];
  const client = createWsClient({
    url: 'ws://127.0.0.1:8420/ws',
    token,
    socket: sockets.factory,
    scheduler: timers,
    onProtocolError: (r) => problems.push(r),
  });
  return { sockets, timers, client, problems };
}

describe('createWsClient', () => {
  it('connects at once and reports the connection state', () => {
    const { sockets, client } = setup();
    const states: string[] = [];
    client.connection.subscribe((s) => states.push(s));
    expect(sockets.opened).toHaveLength(1);
    expect(sockets.last.url).toBe('ws://127.0.0.1:8420/ws');
    expect(client.connection.get()).toBe('connecting');
    sockets.last.handlers.open();
    expect(states).toEqual(['connected']);
  });

  it('holds reads until the socket opens, then matches replies by id', async () => {
    const { sockets, client } = setup();
    const snap = client.getSnapshot();
    const log = client.getFaultLog();
    expect(sockets.last.sent).toHaveLength(0);
    sockets.last.handlers.open();
    const sent = sockets.sentJson();
    expect(sent.map((e) => e.method)).toEqual(['getSnapshot', 'getFaultLog']);
    expect(sent[0]).not.toHaveProperty('token');
    sockets.reply(sent[1]?.id ?? -1, []);
    sockets.reply(sent[0]?.id ?? -1, { state: 'STOP' });
    await expect(log).resolves.toEqual([]);
    await expect(snap).resolves.toEqual({ state: 'STOP' });
  });

  it('sends commands with the token and returns the core answer', async () => {
    const { sockets, client } = setup('secret');
    sockets.last.handlers.open();
    const result = client.command({ command: { type: 'setMode', mode: 'CHARGE_ONLY' } });
    const [env] = sockets.sentJson();
    expect(env).toEqual({
      id: 1,
      method: 'command',
      params: { command: { type: 'setMode', mode: 'CHARGE_ONLY' } },
      token: 'secret',
    });
    sockets.last.handlers.message(
      JSON.stringify({ id: 1, ok: true, result: { ok: false, reason: 'stopped: start first' } }),
    );
    await expect(result).resolves.toEqual({ ok: false, reason: 'stopped: start first' });
  });

  it('refuses a command while disconnected instead of sending it late', async () => {
    const { sockets, client } = setup();
    await expect(client.command({ command: { type: 'start' } })).rejects.toMatchObject({
      kind: 'disconnected',
    });
    sockets.last.handlers.open();
    expect(sockets.last.sent).toHaveLength(0);
  });

  it('passes a server error reply on as a rejection', async () => {
    const { sockets, client } = setup();
    sockets.last.handlers.open();
    const r = client.command({ command: { type: 'stop' } });
    sockets.last.handlers.message(JSON.stringify({ id: 1, ok: false, error: 'forbidden: token' }));
    await expect(r).rejects.toMatchObject({ kind: 'server', message: 'forbidden: token' });
  });

  it('dispatches pushes to the subscribers of their topic only', () => {
    const { sockets, client } = setup();
    sockets.last.handlers.open();
    const snaps: EmsSnapshot[] = [];
    const events: unknown[] = [];
    const off = client.subscribe('snapshot', (s) => snaps.push(s));
    client.subscribe('event', (e) => events.push(e));
    sockets.last.handlers.message(
      JSON.stringify({ topic: 'snapshot', payload: { state: 'FAULT' } }),
    );
    off();
    sockets.last.handlers.message(
      JSON.stringify({ topic: 'snapshot', payload: { state: 'STOP' } }),
    );
    expect(snaps).toEqual([{ state: 'FAULT' }]);
    expect(events).toEqual([]);
  });

  it('reports malformed frames and unmatched errors without throwing', () => {
    const { sockets, problems } = setup();
    sockets.last.handlers.open();
    sockets.last.handlers.message('{oops');
    sockets.last.handlers.message(
      JSON.stringify({ id: null, ok: false, error: 'malformed request' }),
    );
    expect(problems).toEqual(['not JSON', 'malformed request']);
  });

  it('fails pending requests on close and reconnects with backoff', async () => {
    const { sockets, timers, client } = setup();
    sockets.last.handlers.open();
    const pending = client.getHistory({ window: '5m' });
    sockets.last.handlers.close();
    await expect(pending).rejects.toMatchObject({ kind: 'disconnected' });
    expect(client.connection.get()).toBe('reconnecting');
    timers.advance(249);
    expect(sockets.opened).toHaveLength(1);
    timers.advance(1);
    expect(sockets.opened).toHaveLength(2);
    sockets.last.handlers.close();
    timers.advance(499);
    expect(sockets.opened).toHaveLength(2);
    timers.advance(1);
    expect(sockets.opened).toHaveLength(3);
    sockets.last.handlers.open();
    expect(client.connection.get()).toBe('connected');
    // A successful open resets the backoff.
    sockets.last.handlers.close();
    timers.advance(250);
    expect(sockets.opened).toHaveLength(4);
  });

  it('reads the token again after a reconnect (a restarted host has a new one)', async () => {
    const sockets = new FakeSockets();
    const timers = new VirtualTime();
    let refreshed = 0;
    const client = createWsClient({
      url: 'ws://x/ws',
      token: 'old',
      socket: sockets.factory,
      scheduler: timers,
      refreshToken: () => {
        refreshed++;
        return Promise.resolve('new');
      },
    });
    sockets.last.handlers.open();
    expect(refreshed).toBe(0);
    sockets.last.handlers.close();
    timers.advance(250);
    sockets.last.handlers.open();
    expect(refreshed).toBe(1);
    await Promise.resolve();
    void client.command({ command: { type: 'stop' } }).catch(() => undefined);
    expect(sockets.sentJson()[0]?.token).toBe('new');
  });

  it('ignores a stale socket after a newer one replaced it', () => {
    const { sockets, timers, client } = setup();
    const first = sockets.last;
    first.handlers.open();
    first.handlers.close();
    timers.advance(250);
    const seen: unknown[] = [];
    client.subscribe('history', (h) => seen.push(h));
    first.handlers.message(JSON.stringify({ topic: 'history', payload: { t: 1 } }));
    expect(seen).toEqual([]);
  });

  it('times out a read that gets no reply', async () => {
    const { sockets, timers, client } = setup();
    sockets.last.handlers.open();
    const r = client.getSnapshot();
    timers.advance(10_000);
    await expect(r).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('stops for good on dispose', async () => {
    const { sockets, timers, client } = setup();
    sockets.last.handlers.open();
    const r = client.getFaultLog();
    client.dispose();
    await expect(r).rejects.toMatchObject({ kind: 'disconnected' });
    expect(sockets.last.closed).toBe(true);
    timers.advance(60_000);
    expect(sockets.opened).toHaveLength(1);
  });
});
