import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { createWsClient, type SocketFactory, type SocketHandlers } from './ws-client';

/** The commissioning requests over the WebSocket client: params, token, rotation. */
function setup() {
  const sent: string[] = [];
  let handlers: SocketHandlers | null = null;
  const factory: SocketFactory = (_url, h) => {
    handlers = h;
    return { send: (d) => sent.push(d), close: () => undefined };
  };
  const client = createWsClient({
    url: 'ws://x/ws',
    token: 'old',
    socket: factory,
    scheduler: new VirtualTime(),
  });
  const socket = (): SocketHandlers => {
    if (!handlers) throw new Error('no socket');
    return handlers;
  };
  const envelopes = (): { id: number; method: string; params: unknown; token?: string }[] =>
    sent.map((d) => JSON.parse(d) as { id: number; method: string; params: unknown });
  return { client, socket, envelopes };
}

describe('ws client: commissioning requests', () => {
  it('maps named arguments onto the contract params; the token goes with every request that is not open, and getAccess', () => {
    const { client, socket, envelopes } = setup();
    socket().open();
    void client.sessionExport({ sessionId: 3, what: 'events' });
    void client.connectionTest({ device: 'meter' });
    void client.discoverSunSpec({ device: 'inverter', bases: [40000] });
    void client.getServerIdentity();
    void client.getAccess();
    expect(envelopes().map((e) => [e.method, e.params, e.token])).toEqual([
      ['sessionExport', { sessionId: 3, what: 'events' }, 'old'],
      ['connectionTest', { device: 'meter' }, 'old'],
      ['discoverSunSpec', { device: 'inverter', bases: [40000] }, 'old'],
      ['getServerIdentity', {}, undefined],
      ['getAccess', {}, 'old'], // "may this page act?" is answered for the key it holds
    ]);
  });

  it('sends a register write with the token and refuses it while disconnected', async () => {
    const { client, socket, envelopes } = setup();
    const params = {
      device: 'inverter' as const,
      address: 40100,
      values: [1],
      confirmed: true as const,
    };
    await expect(client.registerWrite(params)).rejects.toThrow(
      /registerWrite request was not sent/,
    );
    socket().open();
    void client.registerWrite(params);
    expect(envelopes()[0]).toMatchObject({ method: 'registerWrite', token: 'old' });
  });

  it('uses the new token after a rotation', async () => {
    const { client, socket, envelopes } = setup();
    socket().open();
    const rotated = client.rotateToken();
    const id = envelopes()[0]?.id ?? -1;
    socket().message(JSON.stringify({ id, ok: true, result: { token: 'new', tokenFile: '/t' } }));
    await expect(rotated).resolves.toEqual({ token: 'new', tokenFile: '/t' });
    expect(client.currentToken()).toBe('new');
    void client.command({ command: { type: 'stop' } });
    expect(envelopes()[1]).toMatchObject({ method: 'command', token: 'new' });
  });
});
