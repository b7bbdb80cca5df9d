import { describe, expect, it } from 'vitest';
import { parseServerMessage, reconnectDelayMs } from './ws-envelope';

describe('parseServerMessage', () => {
  it('sorts a successful reply', () => {
    expect(parseServerMessage('{"id":3,"ok":true,"result":{"ok":true}}')).toEqual({
      kind: 'response',
      response: { id: 3, ok: true, result: { ok: true } },
    });
  });

  it('sorts an error reply, with or without an id', () => {
    expect(parseServerMessage('{"id":4,"ok":false,"error":"bad token"}')).toEqual({
      kind: 'response',
      response: { id: 4, ok: false, error: 'bad token' },
    });
    expect(parseServerMessage('{"id":null,"ok":false,"error":"not JSON"}')).toEqual({
      kind: 'response',
      response: { id: null, ok: false, error: 'not JSON' },
    });
    expect(parseServerMessage('{"id":5,"ok":false}')).toMatchObject({
      response: { error: 'unspecified error' },
    });
  });

  it('sorts a push of a known topic', () => {
    expect(parseServerMessage('{"topic":"history","payload":{"t":1}}')).toEqual({
      kind: 'push',
      push: { topic: 'history', payload: { t: 1 } },
    });
  });

  it.each([
    [42, 'binary'],
    ['{', 'not JSON'],
    ['[1,2]', 'not a JSON object'],
    ['null', 'not a JSON object'],
    ['{"topic":"secrets","payload":{}}', 'unknown push topic'],
    ['{"topic":"snapshot"}', 'without a payload'],
    ['{"id":-1,"ok":true}', 'valid id'],
    ['{"id":1.5,"ok":true}', 'valid id'],
    ['{"id":"7","ok":true}', 'valid id'],
    ['{"id":7}', 'without ok'],
    ['{"id":null,"ok":true,"result":1}', 'without ok'],
  ])('reports %j as invalid (%s)', (data, reason) => {
    const msg = parseServerMessage(data);
    expect(msg.kind).toBe('invalid');
    if (msg.kind === 'invalid') expect(msg.reason).toContain(reason);
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 250 ms and stops at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(reconnectDelayMs)).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
    expect(reconnectDelayMs(-3)).toBe(250);
  });
});
