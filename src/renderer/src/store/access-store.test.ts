import { describe, expect, it } from 'vitest';
import { createConnectionSignal } from '../bridge/connection-signal';
import { createAccessStore } from './access-store';
import { flush, ScriptedApi } from './store-fixtures.test-kit';

/** The getAccess requests the page sent and has not had answered yet. */
function pendingAccess(api: ScriptedApi) {
  return api.requests.filter((r) => r.method === 'getAccess');
}

describe('the access store', () => {
  it('is unknown until main answers, then read-only for a browser that is not paired', async () => {
    const api = new ScriptedApi();
    const store = createAccessStore(api, createConnectionSignal('connected'));
    store.getState().start();
    expect(store.getState().access).toBe('unknown');
    pendingAccess(api)[0]?.d.resolve({ authorised: false });
    await flush();
    expect(store.getState().access).toBe('read-only');
  });

  it('asks again after a reconnection, so an ended session shows as read-only', async () => {
    const api = new ScriptedApi();
    const connection = createConnectionSignal('connected');
    const store = createAccessStore(api, connection);
    const stop = store.getState().start();
    pendingAccess(api)[0]?.d.resolve({ authorised: true });
    await flush();
    expect(store.getState().access).toBe('authorised');

    connection.set('reconnecting');
    expect(pendingAccess(api)).toHaveLength(1); // not while the link is down
    connection.set('connected');
    expect(pendingAccess(api)).toHaveLength(2);
    pendingAccess(api)[1]?.d.resolve({ authorised: false });
    await flush();
    expect(store.getState().access).toBe('read-only');

    stop();
    connection.set('reconnecting');
    connection.set('connected');
    expect(pendingAccess(api)).toHaveLength(2);
  });

  it('keeps the newer answer when an older one comes late, and names a failed check', async () => {
    const api = new ScriptedApi();
    const store = createAccessStore(api, createConnectionSignal('connected'));
    void store.getState().refresh();
    void store.getState().refresh();
    const [older, newer] = pendingAccess(api);
    newer?.d.resolve({ authorised: true });
    await flush();
    older?.d.resolve({ authorised: false });
    await flush();
    expect(store.getState().access).toBe('authorised');

    void store.getState().refresh();
    pendingAccess(api)[2]?.d.reject(new Error('not connected to the EMS'));
    await flush();
    expect(store.getState()).toMatchObject({
      access: 'authorised',
      error: 'not connected to the EMS',
    });
  });
});
