import { contextBridge } from 'electron';

/**
 * The renderer's only door to main. Named methods only, never a raw ipcRenderer; the typed
 * bridge over the shared contract arrives with the operator UI.
 */
const api = {
  platform: process.platform,
} as const;

contextBridge.exposeInMainWorld('ems', api);
