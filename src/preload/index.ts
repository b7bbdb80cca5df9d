import { contextBridge, ipcRenderer } from 'electron';
import { createEmsApi } from './ems-api';

/**
 * The renderer's only door to main: `window.ems`, the contract's named methods over IPC.
 * ipcRenderer itself is never exposed, so the page can reach no channel but these two.
 */
contextBridge.exposeInMainWorld('ems', createEmsApi(ipcRenderer));
