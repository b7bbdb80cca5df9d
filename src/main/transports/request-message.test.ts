import { describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/reply';
import type { RequestContext } from '../service/ems-service';
import { answerRequestMessage, type RequestHandler } from './request-message';

/**
 * The message layer in front of the service. The service here is a recorder: it stands for
 * what lies beyond the boundary, so the test can see exactly what got through and with what rights.
 */
function recorder(): RequestHandler & {
  calls: { method: string; params: unknown; ctx: RequestContext }[];
} {
  const calls: { method: string; params: unknown; ctx: RequestContext }[] = [];
  return {
    calls,
    handle: (method, params, ctx): Promise<Reply> => {
      calls.push({ method, params, ctx });
      return Promise.resolve({ ok: true, result: 'done' });
    },
  };
}

const TOKEN = 'a'.repeat(64);

describe('answerRequestMessage', () => {
  it('malformed JSON: an error with id null, nothing reaches the service', async () => {
    const s = recorder();
    const r = await answerRequestMessage('{"id":', s, TOKEN);
    expect(r).toMatchObject({ id: null, ok: false });
    if (!r.ok) expect(r.error).toMatch(/^malformed JSON: /);
    expect(s.calls).toEqual([]);
  });

  it.each([
    ['[]', null, '(root)'],
    ['{"id":3,"method":"nope","params":{}}', 3, 'method'],
    ['{"id":-1,"method":"getSnapshot"}', null, 'id'],
    ['{"id":4,"method":"getSnapshot","params":{},"extra":1}', 4, 'extra'],
    ['{"id":6,"method":"getSnapshot"}', 6, 'params'],
    ['{"id":5,"method":"command","params":{},"token":7}', 5, 'token'],
  ])('bad envelope %s names the problem', async (text, id, field) => {
    const s = recorder();
    const r = await answerRequestMessage(text, s, TOKEN);
    expect(r).toMatchObject({ id, ok: false });
    if (!r.ok) expect(r.error).toContain(field);
    expect(s.calls).toEqual([]);
  });

  it('write rights only with the exact token', async () => {
    const s = recorder();
    const send = (token?: string): Promise<unknown> =>
      answerRequestMessage(
        JSON.stringify({ id: 1, method: 'command', params: {}, token }),
        s,
        TOKEN,
      );
    await send();
    await send('b'.repeat(64));
    await send(TOKEN);
    expect(s.calls.map((c) => c.ctx.authorised)).toEqual([false, false, true]);
  });

  it('passes the reply on with the request id', async () => {
    const r = await answerRequestMessage(
      '{"id":9,"method":"getSnapshot","params":{}}',
      recorder(),
      TOKEN,
    );
    expect(r).toEqual({ id: 9, ok: true, result: 'done' });
  });
});
