import { createServer, type Server, type Socket } from 'node:net';
import { HYBRID_QUESTION } from '../src/shared/scan-views';
import { expect, test } from './fixtures';
import { ProjectProcess } from './support/project-process';
import { saveScreenshot } from './support/screenshots';

/**
 * Find devices, as a technician does it: type the addresses (with inline errors for a bad
 * one), scan a simulator presented as SunSpec devices, read each unit's identity and the
 * suggested profile with the hybrid question, cancel a slow scan, see the scan refused once
 * the EMS runs, and fit every window size without sideways scrolling.
 */

const LOCALHOST = '127.0.0.1';

test('scan finds the SunSpec simulator with its serial and suggests a profile; cancel; STOP only', async ({
  ui,
}, testInfo) => {
  test.setTimeout(120_000);
  // Port 0: the simulator binds free ports itself and names them in its ready line (no race
  // with another process for a port picked in advance).
  const sunspec = new ProjectProcess('sim-sunspec', 'src/main/sim/cli.ts', [
    '--sunspec',
    '--seed',
    '5',
    '--meter-port',
    '0',
    '--inverter-port',
    '0',
    '--can-port',
    '0',
  ]);
  // A Modbus TCP port that accepts and never answers: each unit probed there takes its timeout.
  const held = new Set<Socket>();
  const silent: Server = createServer((s) => held.add(s));
  await new Promise<void>((resolve) => silent.listen({ host: LOCALHOST, port: 0 }, resolve));
  const silentAddress = silent.address();
  const silentPort = typeof silentAddress === 'object' && silentAddress ? silentAddress.port : 0;
  try {
    const ready = JSON.parse(
      await sunspec.waitForLine('stdout', (l) => l.includes('"ready":true'), 60_000),
    ) as { meterPort: number; inverterPort: number };
    const ports = { meter: ready.meterPort, inverter: ready.inverterPort };
    await ui.show('devices');

    // Inline validation with the EMS's own messages; nothing is sent.
    await ui.id('scan-targets').fill('10.0.0.0/16');
    await expect(ui.page.locator('#scan-targets-error')).toHaveText(
      'a /16 block has 65536 addresses: a scan takes at most 1024 (a /22 block)',
    );
    await ui.id('scan-ports').fill('502, 70000');
    await expect(ui.page.locator('#scan-ports-error')).toHaveText('70000: a TCP port (1 to 65535)');
    await ui.id('btn-scan').click();
    await expect(ui.id('scan-progress')).toHaveCount(0);

    await ui.id('scan-targets').fill(LOCALHOST);
    await ui.id('scan-ports').fill(`${ports.inverter}, ${ports.meter}`);
    await ui.id('scan-unitIds').fill('1');
    await expect(ui.page.locator('.field-error')).toHaveCount(0);
    await ui.id('btn-scan').click();
    await expect(ui.id('scan-progress')).toContainText('2 of 2 units probed, 2 found, done');
    const rows = ui.id('scan-row');
    await expect(rows).toHaveCount(2);
    const inverter = rows.filter({ hasText: `${ports.inverter}` });
    await expect(inverter.getByTestId('scan-serial')).toHaveText('SIM-INV-5');
    await expect(inverter).toContainText('models 1, 103, 124');
    await expect(inverter.getByTestId('scan-suggested')).toContainText(
      'Inverter: sunspec-storage-124',
    );
    await expect(inverter.getByTestId('scan-suggested')).toContainText(
      `or sunspec-hybrid-124: ${HYBRID_QUESTION}`,
    );
    const meter = rows.filter({ hasText: `${ports.meter}` });
    await expect(meter.getByTestId('scan-serial')).toHaveText('SIM-MTR-5');
    await expect(meter.getByTestId('scan-suggested')).toHaveText('Meter: sunspec-meter-203');
    await expect(ui.id('local-ports')).toContainText('SocketCAN');

    for (const size of [
      { width: 1280, height: 800 },
      { width: 1024, height: 700 },
      { width: 390, height: 844 },
    ]) {
      await ui.page.setViewportSize(size);
      await expect(rows.first()).toBeVisible();
      await ui.expectNoSideScroll();
      await saveScreenshot(ui.page, testInfo, `find-devices-${size.width}x${size.height}`, {
        fullPage: true,
      });
    }
    await ui.page.setViewportSize({ width: 1280, height: 800 });

    // A slow scan (every unit times out) is cancelled from the screen.
    await ui.id('scan-ports').fill(`${silentPort}`);
    await ui.id('scan-unitIds').fill('1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20');
    await ui.id('btn-scan').click();
    await expect(ui.id('btn-scan-cancel')).toBeEnabled();
    await ui.id('btn-scan-cancel').click();
    await expect(ui.id('scan-progress')).toContainText('(stopped: cancelled)');
    await expect(ui.id('btn-scan')).toBeEnabled();

    // Outside STOP the scan is refused: the button says why it is off.
    await ui.show('live');
    await ui.start();
    await ui.show('devices');
    await expect(ui.id('btn-scan')).toBeDisabled();
    await expect(ui.page.getByText('A scan runs only while the EMS is in STOP')).toBeVisible();
  } finally {
    for (const s of held) s.destroy();
    silent.close();
    await sunspec.stop();
  }
});
