import { describe, expect, test } from 'vitest';
import { contractTable, REQUEST_METHODS, type RequestMethod } from './contract';
import {
  isOpenMethod,
  isWriteMethod,
  namedMethods,
  REQUEST_ACCESS,
  REQUEST_NAMES,
} from './named-methods';

describe('the zod-free method table the preload uses', () => {
  test('lists exactly the contract table’s methods, in its order', () => {
    expect(REQUEST_NAMES).toEqual(Object.keys(contractTable));
    expect(REQUEST_NAMES).toEqual(REQUEST_METHODS);
  });

  test('has the contract table’s access level for every method', () => {
    const fromTable = Object.fromEntries(REQUEST_METHODS.map((m) => [m, contractTable[m].access]));
    expect(REQUEST_ACCESS).toEqual(fromTable);
    expect(REQUEST_METHODS.filter(isWriteMethod)).toEqual([
      'command',
      'pairingCode',
      'registerWrite',
      'rotateToken',
      // Managed sites.
      'createSite',
      'updateSite',
      'duplicateSite',
      'importSite',
      'deleteSite',
      'activateSite',
      // Commissioning checks and report (issue 12).
      'runCheck',
      'cancelCheck',
      'applyMeterSignFix',
      'setReportMeta',
      'saveReportPdf',
    ]);
  });

  test('leaves open only the read-only dashboard: state, trends, faults, events, access and the server identity', () => {
    expect(REQUEST_METHODS.filter(isOpenMethod)).toEqual([
      'getSnapshot',
      'getHistory',
      'getFaultLog',
      'getAccess',
      'getServerIdentity',
      // Trends and events from the session store (issue 13).
      'getRecentEvents',
    ]);
  });
});

describe('namedMethods', () => {
  test('one method per request, each sending its name and params as given', async () => {
    const sent: { method: RequestMethod; params: unknown }[] = [];
    const api = namedMethods((method, params) => {
      sent.push({ method, params });
      return Promise.reject(new Error('not answered here'));
    });
    expect(Object.keys(api)).toEqual(REQUEST_METHODS);
    await expect(api.getHistory({ window: '1h' })).rejects.toThrow('not answered here');
    await expect(api.getSnapshot()).rejects.toThrow();
    expect(sent).toEqual([
      { method: 'getHistory', params: { window: '1h' } },
      { method: 'getSnapshot', params: undefined },
    ]);
  });
});
