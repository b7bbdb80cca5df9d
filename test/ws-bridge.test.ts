import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ResponseEnvelope } from '../src/shared/contract';
import type { EmsSnapshot } from '../src/shared/snapshot';
import { startUiHost, stopUiHost, type UiHost } from './support/headless-ui-process';
import { connectWs, refusedStatus, type WsTestClient as Client } from './support/ws-test-client';
import { waitFor } from './support/wait-for';

/**
 * The WebSocket bridge of the real headless host (`--ui --port 0`, embedded simulated site)
 * over loopback: who may connect, what a command needs, and what malformed input gets.
 * The host starts without --mode, so it sits in STOP until a valid command starts it.
 */

let host: UiHost;

/** The error of a reply that must be one, with its id. */
function errorOf(r: ResponseEnvelope): { id: number | null; error: string } {
  if (r.ok) throw new Error('expected an error reply, got ok');
  return { id: r.id, error: r.error };
}

async function snapshotOf(client: Client): Promise<EmsSnapshot> {
  const r = await client.request('getSnapshot', {});
  if (!r.ok) throw new Error(r.error);
  return r.result as EmsSnapshot;
}

/** The pushes of `topic` that arrived at or after `from`. */
function pushesSince(client: Client, topic: string, from: number): Client['pushes'] {
  return client.pushes.filter((p) => p.push.topic === topic && p.at >= from);
}

/**
 * The most snapshots 10 a second allows in a window of `spanMs` counted on arrival: one per
 * started 100 ms, plus two for pushes sent just before the window that a busy test process
 * read late. Counting over the whole window, not per second, keeps arrival jitter out of it.
 */
function atMostTenASecond(spanMs: number): number {
  return Math.ceil(spanMs / 100) + 2;
}

beforeAll(async () => {
  host = await startUiHost();
}, 90_000);

afterAll(async () => {
  await stopUiHost(host);
});

describe('who may connect', () => {
  it("the host's own page origin reads a snapshot and gets at most 10 snapshots a second", async () => {
    const client = await connectWs(host.port, host.origin);
    const snap = await snapshotOf(client);
    expect(snap.state).toBe('STOP');
    const from = Date.now();
    // Three trend samples (one a second) mark the window, whatever the machine's load.
    await waitFor(() => pushesSince(client, 'history', from).length >= 3, {
      what: 'three history pushes',
    });
    const spanMs = Date.now() - from;
    const snaps = pushesSince(client, 'snapshot', from);
    expect(snaps.length).toBeGreaterThan(0);
    expect(snaps.length).toBeLessThanOrEqual(atMostTenASecond(spanMs));
    client.ws.close();
  });

  it('http://localhost:PORT is the same host and is let in', async () => {
    const client = await connectWs(host.port, `http://localhost:${host.port}`);
    expect((await snapshotOf(client)).state).toBe('STOP');
    client.ws.close();
  });

  it.each(['http://evil.example', 'http://127.0.0.1:1', 'null', `https://127.0.0.1`])(
    'another origin (%s) is refused with 403',
    async (origin) => {
      expect(await refusedStatus(host.port, origin)).toBe(403);
    },
  );

  it('a non-browser client without Origin may read', async () => {
    const client = await connectWs(host.port, undefined);
    expect((await snapshotOf(client)).state).toBe('STOP');
    client.ws.close();
  });
});

describe('what is refused and changes nothing', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectWs(host.port, host.origin);
  });
  afterAll(() => client.ws.close());

  it('a command without the token, or with a wrong one, is refused; the EMS stays in STOP', async () => {
    const none = await client.request('command', { command: { type: 'start' } });
    expect(none).toEqual({
      id: none.id,
      ok: false,
      error: "a command needs the host's token or a paired browser",
    });
    const wrong = await client.request('command', { command: { type: 'start' } }, 'f'.repeat(64));
    expect(wrong).toMatchObject({
      ok: false,
      error: "a command needs the host's token or a paired browser",
    });
    const other = await connectWs(host.port, undefined);
    const stillNone = await other.request('command', { command: { type: 'start' } });
    expect(stillNone.ok).toBe(false);
    other.ws.close();
    // A snapshot pushed after the refusals shows the state the runtime has since stepped into.
    const refusedAt = Date.now();
    await waitFor(() => pushesSince(client, 'snapshot', refusedAt).length > 0, {
      what: 'a snapshot after the refusals',
    });
    const pushed = pushesSince(client, 'snapshot', refusedAt)[0]?.push.payload as EmsSnapshot;
    expect(pushed.state).toBe('STOP');
    expect((await snapshotOf(client)).state).toBe('STOP');
  });

  it('malformed JSON gets an error reply and the connection stays usable', async () => {
    const r = await client.sendRaw('{"id": 1, "method": ');
    expect(errorOf(r).id).toBeNull();
    expect(errorOf(r).error).toMatch(/^malformed JSON/);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect((await snapshotOf(client)).state).toBe('STOP');
  });

  it('a bad envelope or bad params name the field', async () => {
    const before = await snapshotOf(client);
    const method = await client.sendRaw(JSON.stringify({ id: 77, method: 'reboot', params: {} }));
    expect(errorOf(method).id).toBe(77);
    expect(errorOf(method).error).toContain('method');
    const watts = await client.request(
      'command',
      { command: { type: 'setOverridePower', watts: 'lots' } },
      host.token,
    );
    expect(errorOf(watts).error).toContain('command.watts');
    const noId = await client.sendRaw(JSON.stringify({ method: 'getSnapshot', params: {} }));
    expect(errorOf(noId)).toMatchObject({ id: null });
    expect(errorOf(noId).error).toContain('id');
    const after = await snapshotOf(client);
    expect(after.overrideW).toBe(before.overrideW);
    expect(after.state).toBe('STOP');
  });

  it('a message over 64 KiB closes that connection (1009); others carry on', async () => {
    const big = await connectWs(host.port, host.origin);
    const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
    big.ws.send(
      JSON.stringify({ id: 1, method: 'getSnapshot', params: { pad: 'x'.repeat(70_000) } }),
    );
    expect(await closed).toBe(1009);
    expect((await snapshotOf(client)).state).toBe('STOP');
  });
});

describe('a valid command with the token', () => {
  it('starts the EMS', async () => {
    const client = await connectWs(host.port, host.origin);
    const r = await client.request('command', { command: { type: 'start' } }, host.token);
    expect(r).toMatchObject({ ok: true, result: { ok: true } });
    await waitFor(
      () =>
        client.pushes.some(
          (p) => p.push.topic === 'event' && (p.push.payload as { kind: string }).kind === 'state',
        ),
      { what: 'a state event' },
    );
    expect((await snapshotOf(client)).state).not.toBe('STOP');
    client.ws.close();
  });

  it('a stream of commands over a second or more still gives at most 10 snapshots a second, the latest last', async () => {
    const client = await connectWs(host.port, host.origin);
    const from = Date.now();
    // Each command goes once the previous is answered, until the throttle has pushed ten
    // snapshots: the stream then spans about a second on any machine, without a paced sleep.
    // The bridge's message rate limit (ws-limits.ts) refuses some: those are asked again.
    let sent = 0;
    let tries = 0;
    while (sent < 20 || pushesSince(client, 'snapshot', from).length < 10) {
      tries++;
      const r = await client.request(
        'command',
        { command: { type: 'setGridTarget', watts: sent + 1 } },
        host.token,
      );
      if (!r.ok && r.error === 'too many messages: slow down') continue;
      expect(r.ok).toBe(true);
      sent++;
      if (tries > 20_000)
        throw new Error('the throttle pushed under 10 snapshots in 20000 commands');
    }
    await waitFor(
      () =>
        (pushesSince(client, 'snapshot', from).at(-1)?.push.payload as EmsSnapshot | undefined)
          ?.gridTargetW === sent,
      { what: `a snapshot with the last grid target, ${sent} W` },
    );
    const spanMs = Date.now() - from;
    expect(pushesSince(client, 'snapshot', from).length).toBeLessThanOrEqual(
      atMostTenASecond(spanMs),
    );
    client.ws.close();
  });
});
