/**
 * Electron's entry (package.json "main", built by electron-vite). The desktop host lives in
 * hosts/electron/main-process.ts; this file only loads it, so the entry stays a one-liner and
 * the host can be unit-tested with Electron mocked.
 */
import './hosts/electron/main-process';
