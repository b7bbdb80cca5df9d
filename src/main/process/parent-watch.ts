/**
 * Notices when the process that started us has gone. `npm run` does not pass SIGTERM on to
 * its script, so killing npm would otherwise leave an EMS (or a simulator) running without
 * anyone to stop it; when our parent disappears we are re-parented, and that is the signal
 * to shut down the same way SIGTERM would.
 */

/** How often the parent is checked, ms. */
const CHECK_MS = 500;

/** Calls `onOrphaned` once when the parent process is gone. Returns the function that stops watching. */
export function watchParent(onOrphaned: () => void): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
