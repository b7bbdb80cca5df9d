import { describe, expect, it } from 'vitest';
import { createConnectionSignal } from '../bridge/connection-signal';
import { createEmsStore } from './ems-store';
import { followPageTitle } from './page-title-follower';
import { flush, makeSnapshot, ScriptedApi } from './store-fixtures.test-kit';

describe('the window title follows the running site', () => {
  it('names the site of the first snapshot, and the new one after a switch', async () => {
    const api = new ScriptedApi();
    const store = createEmsStore(api, createConnectionSignal('connected'), () => 0);
    const doc = { title: 'EMS commissioning (from index.html)' };
    const stop = followPageTitle(store, doc);
    expect(doc.title).toBe('EMS commissioning');

    store.getState().start();
    api.snapshots[0]?.resolve(makeSnapshot({ site: { id: 'roof-1a2b', name: 'Roof rig' } }));
    api.faultLogs[0]?.resolve([]);
    await flush();
    expect(doc.title).toBe('Roof rig \u00b7 EMS commissioning');

    // Pushes of the same site leave the title alone; a switch's snapshot changes it.
    doc.title = 'left alone';
    api.push('snapshot', makeSnapshot({ site: { id: 'roof-1a2b', name: 'Roof rig' } }));
    expect(doc.title).toBe('left alone');
    api.push(
      'snapshot',
      makeSnapshot({ site: { id: 'built-in', name: 'Built-in simulated site' } }),
    );
    expect(doc.title).toBe('Built-in simulated site \u00b7 EMS commissioning');

    stop();
    api.push('snapshot', makeSnapshot({ site: { id: 'x', name: 'After stop' } }));
    expect(doc.title).toBe('Built-in simulated site \u00b7 EMS commissioning');
  });
});
