/**
 * How long a test waits for a child process (simulator, headless host) to say it is ready.
 *
 * This is an upper bound on start-up, not a claim about speed: a process that starts in 2 s
 * passes at once. It is generous because CI shares two cores with other jobs, and a loaded
 * machine once took more than 30 s to start `tsx` (a false failure). Bounds that state a
 * requirement (0 W within 2 s, a fault within the comm-loss budget) are never scaled by this.
 */
export const STARTUP_TIMEOUT_MS = 90_000;
