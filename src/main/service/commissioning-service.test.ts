import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CanFramesView } from '../../shared/can-monitor-view';
import type {
  RegisterReadView,
  RegisterWriteEntry,
  SessionView,
  TokenInfoView,
} from '../../shared/commissioning-views';
import type { PushEnvelope } from '../../shared/contract';
import type { SunSpecDiscoveryView, SunSpecProgressView } from '../../shared/sunspec-views';
import type { CanTransport } from '../devices/can/can-transport';
import { createMemoryCanBus } from '../devices/can/memory-can-bus';
import { PYLONTECH_CAN_V1_2 } from '../devices/can/pylontech-protocol';
import { MemoryTransport } from '../devices/modbus/wire/memory-transport';
import { buildSunSpecImage } from '../devices/modbus/sunspec/sunspec-image';
import { openRecordingStore, type RecordingStore } from '../recording';
import { makeRig, type RuntimeRig } from '../runtime/runtime.test-kit';
import { CanMonitor } from '../commissioning/can-monitor';
import type { Reply } from '../../shared/reply';
import type { ScanProgressView, ScanStartView } from '../../shared/scan-views';
import { EmsService } from './ems-service';
import { sessionRecorder } from './session-recorder';

/**
 * The commissioning requests through EmsService.handle, over a real runtime on in-memory
 * devices, in-memory Modbus registers, an in-memory CAN bus and a real SQLite store in a
 * temporary folder.
 */

const WRITE = { authorised: true };
/** The commissioning reads need the same credentials as writes; only the words differ. */
const READ = WRITE;
/** A client with neither the token nor a paired session. */
const NOBODY = { authorised: false };

function ok<T>(reply: Reply): T {
  if (!reply.ok) throw new Error(`expected ok, got: ${reply.error}`);
  return reply.result as T;
}
function error(reply: Reply): string {
  if (reply.ok) throw new Error('expected an error reply');
  return reply.error;
}

let rig: RuntimeRig;
let service: EmsService;
let inverter: MemoryTransport;
let store: RecordingStore;
let monitor: CanMonitor;
let dir: string;
let pushes: PushEnvelope[];
let token = 'a'.repeat(43);
let bmsSide: CanTransport;
let emsSide: CanTransport;

beforeEach(async () => {
  rig = makeRig({ gridW: 800 });
  const bus = createMemoryCanBus({ clock: rig.clock });
  bmsSide = bus.endpoint('bms');
  emsSide = bus.endpoint('ems');
  dir = mkdtempSync(join(tmpdir(), 'ems-commissioning-'));
  store = await openRecordingStore({
    path: join(dir, 'sessions.sqlite'),
    now: () => rig.clock.wallNow(),
    scheduler: (task, periodMs) => rig.clock.interval(task, periodMs),
  });
  store.startSession({ siteName: 'test site', hostKind: 'test' });
  inverter = new MemoryTransport('inverter memory');
  inverter.set(
    'holding',
    40000,
    buildSunSpecImage([
      { id: 1, length: 66 },
      { id: 999, length: 4 },
    ]),
  );
  inverter.set('holding', 100, [0x1234, 0xfffe]);
  await inverter.connect();
  await bmsSide.open();
  await emsSide.open();
  monitor = new CanMonitor(emsSide, PYLONTECH_CAN_V1_2, { clock: rig.clock });
  service = new EmsService({
    runtime: rig.runtime,
    clock: rig.clock,
    tools: {
      recording: store,
      canMonitor: monitor,
      modbus: [{ id: 'inverter', host: 'mem', port: 1, unitId: 1, transport: inverter }],
      tokens: {
        path: join(dir, 'api-token'),
        current: () => token,
        rotate: () => Promise.resolve((token = 'b'.repeat(43))),
      },
    },
    onCommand: (r) => store.recordCommand(r),
  });
  pushes = [];
  service.subscribe((p) => pushes.push(p));
  service.subscribe(sessionRecorder(store));
  rig.runtime.start();
});

afterEach(async () => {
  monitor.dispose();
  service.dispose();
  await rig.runtime.safeStop(100);
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('register console', () => {
  test('reads and interprets a block; bad params name the field', async () => {
    const r = ok<RegisterReadView>(
      await service.handle(
        'registerRead',
        { device: 'inverter', kind: 'holding', address: 100, count: 2, scale: 0.1 },
        READ,
      ),
    );
    expect(r.registers).toEqual([0x1234, 0xfffe]);
    expect(r.rows[0]?.hex).toBe('0x1234');
    expect(r.rows[0]?.uint16).toBeCloseTo(466.0);
    expect(r.rows[1]?.int16).toBeCloseTo(-0.2);
    expect(
      error(
        await service.handle(
          'registerRead',
          { device: 'inverter', kind: 'holding', address: 1, count: 126 },
          READ,
        ),
      ),
    ).toMatch(/^registerRead: invalid params: count/);
    expect(
      error(
        await service.handle(
          'registerRead',
          { device: 'meter', kind: 'holding', address: 1, count: 1 },
          READ,
        ),
      ),
    ).toBe('registerRead: this host has no Modbus device "meter"');
  });

  test('a write needs the token, confirmation and STOP; every attempt is logged', async () => {
    const write = { device: 'inverter', address: 100, values: [7], confirmed: true };
    expect(error(await service.handle('registerWrite', write, NOBODY))).toBe(
      "registerWrite needs the host's token or a paired browser",
    );
    expect(
      error(await service.handle('registerWrite', { ...write, confirmed: false }, WRITE)),
    ).toMatch(/confirmed/);
    rig.runtime.command({ type: 'start' });
    await rig.clock.runFor(500);
    expect(error(await service.handle('registerWrite', write, WRITE))).toMatch(/only in STOP/);
    expect(inverter.writes).toEqual([]);
    rig.runtime.command({ type: 'stop' });
    await rig.clock.runFor(500);
    const entry = ok<RegisterWriteEntry>(await service.handle('registerWrite', write, WRITE));
    expect(entry.result).toBe('written');
    expect(inverter.writes).toEqual([[100, [7]]]);
    const log = ok<RegisterWriteEntry[]>(await service.handle('registerWriteLog', {}, READ));
    expect(log.map((e) => e.result)).toEqual(['refused', 'written']);

    // Both attempts are in the session record too, with their outcome.
    store.flush();
    const sessionId = store.listSessions()[0]?.id ?? -1;
    const recorded = store.sessionEvents(sessionId).filter((e) => e.kind === 'registerWrite');
    expect(recorded.map((e) => [e.code, e.message])).toEqual([
      ['refused', expect.stringMatching(/^inverter: refused 0x0007 at 100: the EMS is in /)],
      ['written', 'inverter: written 0x0007 at 100'],
    ]);
  });

  test('a typed write carries its value; main refuses words that are not that value', async () => {
    const typed = { type: 'int32', wordOrder: 'big', scale: 1, values: [-2000] };
    const write = { device: 'inverter', address: 100, confirmed: true, typed };
    expect(
      error(await service.handle('registerWrite', { ...write, values: [0xf830, 0xffff] }, WRITE)),
    ).toMatch(/the words sent \(0xF830 0xFFFF\) are not int32 -2000/);
    const entry = ok<RegisterWriteEntry>(
      await service.handle('registerWrite', { ...write, values: [0xffff, 0xf830] }, WRITE),
    );
    expect(entry.typed).toBe('int32 -2000 (scale 1, high word first)');
    expect(inverter.writes).toEqual([[100, [0xffff, 0xf830]]]);
    expect(
      error(
        await service.handle(
          'registerWrite',
          { ...write, values: [1], typed: { ...typed, type: 'int64' } },
          WRITE,
        ),
      ),
    ).toMatch(/^registerWrite: invalid params: typed.type/);
  });
});

describe('SunSpec discovery', () => {
  test('finds the models, pushes progress, and makes a profile only after a discovery', async () => {
    expect(
      error(
        await service.handle(
          'profileFromDiscovery',
          { device: 'inverter', kind: 'inverter' },
          READ,
        ),
      ),
    ).toMatch(/run discoverSunSpec first/);
    const found = ok<SunSpecDiscoveryView>(
      await service.handle('discoverSunSpec', { device: 'inverter' }, READ),
    );
    expect(found.base).toBe(40000);
    expect(found.models.map((m) => [m.id, m.name !== null])).toEqual([
      [1, true],
      [999, false],
    ]);
    const steps = pushes
      .filter((p) => p.topic === 'discoveryProgress')
      .map((p) => (p.payload as SunSpecProgressView).step.kind);
    expect(steps[0]).toBe('base');
    expect(steps.at(-1)).toBe('done');
    // Model 1 alone cannot drive an inverter: the refusal names what is missing.
    expect(
      error(
        await service.handle(
          'profileFromDiscovery',
          { device: 'inverter', kind: 'inverter' },
          READ,
        ),
      ),
    ).toMatch(/^profileFromDiscovery: \S/);
  });

  test('a device without SunS fails with the bases tried, and a failed step is pushed', async () => {
    const r = await service.handle('discoverSunSpec', { device: 'inverter', bases: [0] }, READ);
    expect(error(r)).toMatch(/^discoverSunSpec: .*0/);
    const last = pushes.filter((p) => p.topic === 'discoveryProgress').at(-1);
    expect((last?.payload as SunSpecProgressView).step.kind).toBe('failed');
  });
});

describe('sessions and token', () => {
  test('commands, events and snapshots are recorded and exported as CSV', async () => {
    await service.handle(
      'command',
      { command: { type: 'start' } },
      { authorised: true, source: 'api' },
    );
    await rig.clock.runFor(3000);
    store.flush();
    const sessions = ok<SessionView[]>(await service.handle('listSessions', {}, READ));
    expect(sessions).toHaveLength(1);
    const id = sessions[0]!.id;
    expect(store.sessionCommands(id)).toEqual([
      expect.objectContaining({ source: 'api', command: { type: 'start' }, result: { ok: true } }),
    ]);
    const csv = ok<{ filename: string; csv: string }>(
      await service.handle('sessionExport', { sessionId: id, what: 'events' }, READ),
    );
    expect(csv.filename).toBe(`session-${id}-events.csv`);
    expect(csv.csv.split('\n').length).toBeGreaterThan(1);
    expect(
      error(await service.handle('sessionExport', { sessionId: 999, what: 'events' }, READ)),
    ).toBe('sessionExport: no session 999');
    expect(ok(await service.handle('recordingStatus', {}, READ))).toEqual({
      available: true,
      reason: null,
      path: join(dir, 'sessions.sqlite'),
    });
  });

  test('tokenInfo masks the token; rotation needs the token and answers the new one', async () => {
    const info = ok<TokenInfoView>(await service.handle('tokenInfo', {}, READ));
    expect(info).toEqual({ masked: 'aaaa…aaaa', path: join(dir, 'api-token'), canRotate: true });
    expect(error(await service.handle('rotateToken', {}, NOBODY))).toBe(
      "rotateToken needs the host's token or a paired browser",
    );
    expect(ok(await service.handle('rotateToken', {}, WRITE))).toEqual({
      token: 'b'.repeat(43),
      tokenFile: join(dir, 'api-token'),
    });
  });
});

describe('CAN monitor', () => {
  test('pushes decoded per-id rows at most 10 per second and records a candump log', async () => {
    expect(error(await service.handle('canRecordStop', {}, READ))).toMatch(/not recording/);
    ok(await service.handle('canRecordStart', {}, READ));
    for (let i = 0; i < 100; i++) {
      // 0x355: SOC 80 %, SOH 99 %.
      await bmsSide.send({ id: 0x355, data: Uint8Array.from([80, 0, 99, 0]) });
      await rig.clock.runFor(10);
    }
    const views = pushes
      .filter((p) => p.topic === 'canFrames')
      .map((p) => p.payload as CanFramesView);
    expect(views.length).toBeGreaterThanOrEqual(8);
    expect(views.length).toBeLessThanOrEqual(11);
    const row = views.at(-1)?.ids.find((r) => r.id === 0x355);
    expect(row?.lastData).toBe('50006300');
    expect(row?.decoded).not.toBeNull();
    expect(Object.values(row?.decoded ?? {})).toContain(80);
    const rec = ok<{ log: string; frames: number; filename: string }>(
      await service.handle('canRecordStop', {}, READ),
    );
    expect(rec.frames).toBe(100);
    expect(rec.log.split('\n')[0]).toMatch(/^\(\d+\.\d{6}\) can0 355#50006300$/);
  });
});

describe('find the devices', () => {
  /** A service whose scans reach the in-memory inverter at every address and unit. */
  function scanningService(): { scans: EmsService; progress: ScanProgressView[] } {
    const scans = new EmsService({
      runtime: rig.runtime,
      clock: rig.clock,
      tools: { scanLink: () => inverter },
    });
    const progress: ScanProgressView[] = [];
    scans.subscribe((p) => {
      if (p.topic === 'scanProgress') progress.push(p.payload as ScanProgressView);
    });
    return { scans, progress };
  }

  test('a scan in STOP pushes the unit it finds; outside STOP it is refused with the conflict code', async () => {
    const { scans, progress } = scanningService();
    const ended = new Promise<void>((resolve) =>
      scans.subscribe((p) => {
        if (p.topic === 'scanProgress' && (p.payload as ScanProgressView).done) resolve();
      }),
    );
    const started = ok<ScanStartView>(
      await scans.handle('startScan', { targets: '10.0.0.1', unitIds: [1] }, WRITE),
    );
    expect(started).toEqual({ scanId: 'scan-1', total: 1 });
    await ended;
    expect(progress.find((p) => p.found !== null)?.found).toMatchObject({
      host: '10.0.0.1',
      unitId: 1,
      sunspec: { base: 40000, models: [1, 999] },
    });
    expect(inverter.writes).toEqual([]);
    const unknown = await scans.handle('getScan', { scanId: 'scan-9' }, READ);
    expect(unknown).toEqual({ ok: false, error: 'getScan: no scan "scan-9"', kind: 'not-found' });
    expect(error(await scans.handle('startScan', { targets: '10.0.0.0/8' }, WRITE))).toMatch(
      /^startScan: invalid params: targets: a \/8 block has 16777216 addresses/,
    );
    expect(error(await scans.handle('startScan', { targets: '10.0.0.1' }, NOBODY))).toBe(
      "startScan needs the host's token or a paired browser",
    );
    rig.runtime.command({ type: 'start' });
    expect(await scans.handle('startScan', { targets: '10.0.0.1' }, WRITE)).toEqual({
      ok: false,
      error: 'startScan: a scan runs only while the EMS is in STOP (stop it first)',
      kind: 'conflict',
    });
    scans.dispose();
  });
});
