import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { restCommand } from './support/ems-rest';
import { FaultRig, TEST_CONTROL } from './support/fault-rig';
import {
  expectWithin,
  INVERTER_SETTLE_MS,
  startDischarging,
  ZERO_W,
} from './support/fault-scenario';
import { recordFaultTiming } from './support/fault-times';
import { probeSimInverter } from './support/sim-inverter-probe';
import { ROOT } from './support/tsx-process';

/**
 * Every orderly way of stopping a discharging EMS must leave the inverter at 0 W, written by
 * the EMS itself (the watchdog is the last resort, see fault-sigkill): the stop command over
 * REST, SIGTERM, and the parent process vanishing (`npm run` killed, a terminal closed).
 * Measured from the request to the inverter's own setpoint register reading 0.
 */

const { pollIntervalMs } = TEST_CONTROL;
/** safeStop's bound: half for a cycle in flight, the rest for the 0 W write (ems-runtime.ts). */
const SAFE_STOP_MS = 2000;
/** How often a host checks that its parent is still there (process/parent-watch.ts). */
const PARENT_CHECK_MS = 500;

const rigs: FaultRig[] = [];
const orphans: number[] = [];
afterAll(async () => {
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  await Promise.all(rigs.map((r) => r.cleanup()));
});

async function newRig(): Promise<FaultRig> {
  const rig = await FaultRig.create();
  rigs.push(rig);
  return rig;
}

async function record(
  id: string,
  fault: string,
  reaction: string,
  rule: string,
  boundMs: number,
  t0: number,
  written: number,
  zero: number,
): Promise<void> {
  const timing = {
    id,
    fault,
    code: 'none (orderly stop)',
    reaction,
    detect: { ms: written - t0, boundMs, rule: `0 W written within ${rule}` },
    output: {
      ms: zero - t0,
      boundMs: boundMs + INVERTER_SETTLE_MS,
      rule: `${rule} + inverter settle ${INVERTER_SETTLE_MS}`,
    },
    recover: null,
    recoveryRule: 'start again (start + setMode, or restart the host)',
  };
  await recordFaultTiming(timing);
  expectWithin('0 W written', timing.detect.ms, timing.detect);
  expectWithin('0 W at the inverter', timing.output.ms, timing.output);
}

describe.concurrent('stop paths of a discharging EMS', { timeout: 90_000 }, () => {
  describe('stop command', () => {
    it('POST /api/stop: STOP and 0 W within two polls', async () => {
      const rig = await newRig();
      const sim = await rig.sim();
      const site = await rig.site('stop-command', {
        meterPort: sim.meterPort ?? 0,
        inverterPort: sim.inverterPort ?? 0,
      });
      const { ems, probe } = await startDischarging(rig, site, sim.inverterPort ?? 0);
      const t0 = Date.now();
      await restCommand(ems, '/api/stop');
      const written = await probe.waitFor((s) => s.setpointW === 0, 5000, 20);
      const zero = await probe.waitFor((s) => Math.abs(s.activePowerW) <= ZERO_W, 10_000, 50);
      await ems.stderr.waitFor(/^event state: SELF_CONSUMPTION -> STOP: stop command/, 5000, t0);
      await record(
        'stop-command',
        'stop command (REST /api/stop)',
        'STOP at once, 0 W written in the next cycle, then the inverter is let go',
        `2 polls of ${pollIntervalMs}`,
        2 * pollIntervalMs,
        t0,
        written.at,
        zero.at,
      );
    });
  });

  describe('SIGTERM', () => {
    it('SIGTERM: safe stop, 0 W confirmed, exit 0', async () => {
      const rig = await newRig();
      const sim = await rig.sim();
      const site = await rig.site('stop-sigterm', {
        meterPort: sim.meterPort ?? 0,
        inverterPort: sim.inverterPort ?? 0,
      });
      const { ems, probe } = await startDischarging(rig, site, sim.inverterPort ?? 0);
      const t0 = Date.now();
      ems.process.kill('SIGTERM');
      expect(await ems.process.exited).toBe(0);
      const exitedAt = Date.now();
      expect(ems.process.stderr()).toContain('inverter at 0 W; bye');
      const written = await probe.read();
      expect(written.setpointW).toBe(0);
      const zero = await probe.waitFor((s) => Math.abs(s.activePowerW) <= ZERO_W, 10_000, 50);
      await record(
        'stop-sigterm',
        'SIGTERM (or SIGINT) to the host',
        'safe stop: STOP, 0 W written and confirmed, links closed, exit 0',
        `safe-stop bound ${SAFE_STOP_MS}`,
        SAFE_STOP_MS,
        t0,
        exitedAt,
        zero.at,
      );
    });
  });

  describe('parent gone', () => {
    it('the parent shell is killed: the orphaned host stops safely on its own', async () => {
      const rig = await newRig();
      const sim = await rig.sim();
      const inverterPort = sim.inverterPort ?? 0;
      const site = await rig.site('stop-parent', { meterPort: sim.meterPort ?? 0, inverterPort });
      // A shell stands in for `npm run`: it starts the host, then dies without passing anything on.
      const shell = spawn(
        'sh',
        [
          '-c',
          '"$0" --import tsx src/main/hosts/headless/cli.ts --site "$1" --mode DISCHARGE_ONLY & echo "pid $!" >&2; wait',
          process.execPath,
          site,
        ],
        { cwd: ROOT },
      );
      let stderr = '';
      shell.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // The orphan holds the pipe after the shell is gone: its end means the host has exited.
      const orphanExited = new Promise<void>((resolve) => shell.stderr.once('end', resolve));
      shell.stdout.resume();
      const probe = await probeSimInverter(inverterPort);
      rig.onCleanup(() => probe.close());
      await probe.waitFor((s) => s.activePowerW > TEST_CONTROL.defaultOverrideW - 100, 30_000);
      const pid = Number(/pid (\d+)/.exec(stderr)?.[1]);
      expect(pid).toBeGreaterThan(0);
      orphans.push(pid);
      const t0 = Date.now();
      shell.kill('SIGKILL');
      const written = await probe.waitFor((s) => s.setpointW === 0, 10_000, 20);
      const zero = await probe.waitFor((s) => Math.abs(s.activePowerW) <= ZERO_W, 10_000, 50);
      await orphanExited;
      expect(stderr).toContain('parent process gone: safe stop, driving the inverter to 0 W');
      expect(stderr).toContain('inverter at 0 W; bye');
      await record(
        'stop-parent-gone',
        "the host's parent process dies (npm run or a terminal killed)",
        'safe stop as on SIGTERM, then exit 0',
        `parent check ${PARENT_CHECK_MS} + safe-stop bound ${SAFE_STOP_MS}`,
        PARENT_CHECK_MS + SAFE_STOP_MS,
        t0,
        written.at,
        zero.at,
      );
    });
  });
});
