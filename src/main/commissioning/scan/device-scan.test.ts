import { describe, expect, it } from 'vitest';
import { HYBRID_QUESTION, type ScanDeviceView } from '../../../shared/scan-views';
import type { ModbusTransport } from '../../devices/modbus/modbus-transport';
import { MemoryTransport } from '../../devices/modbus/wire/memory-transport';
import {
  ModbusConnectionError,
  ModbusExceptionError,
} from '../../devices/modbus/wire/modbus-errors';
import { DeviceScan, type DeviceScanOptions } from './device-scan';
import { loadScanLibrary } from './scan-library';

/**
 * The scan over in-process register maps: a SunSpec storage inverter, a simulated meter, a
 * host that refuses connections. Each unit gets its own MemoryTransport, as a TCP scan gets
 * its own connection.
 */

const library = await loadScanLibrary();

/** Registers holding `text` as SunSpec packs a string: two characters a register. */
function words(text: string, registers: number): number[] {
  const bytes = [...text].map((c) => c.charCodeAt(0));
  return Array.from(
    { length: registers },
    (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0),
  );
}

/** 'SunS' at 40000, models 1 (Mn, Md, SN, Vr), 103 and 124, then the end marker. */
function sunspecStorage(t: MemoryTransport): void {
  const common = [
    ...words('Acme', 16),
    ...words('Storage 5', 16),
    ...words('', 8),
    ...words('1.2.3', 8),
    ...words('SN-42', 16),
    1,
    0,
  ];
  t.set('holding', 40000, [
    0x5375,
    0x6e53,
    1,
    66,
    ...common,
    103,
    50,
    ...Array<number>(50).fill(0),
  ]);
  t.set('holding', 40122, [124, 24, ...Array<number>(24).fill(0), 0xffff, 0]);
}

/** The simulated meter's map: holding 0..16 (16: its update counter). */
function simMeter(t: MemoryTransport): void {
  t.set('holding', 0, Array<number>(17).fill(1));
}

function refusing(label: string): ModbusTransport {
  const fail = (): Promise<never> =>
    Promise.reject(new ModbusConnectionError(`${label}: ECONNREFUSED`));
  return {
    label,
    isOpen: false,
    connect: fail,
    readHolding: fail,
    readInput: fail,
    writeRegisters: fail,
    close: () => Promise.resolve(),
  };
}

/** A gateway with nothing behind this unit id: exception 11 to every read. */
function gatewayNoTarget(label: string): ModbusTransport {
  const fail = (): Promise<never> =>
    Promise.reject(new ModbusExceptionError(`${label}: exception 11`, 11));
  return {
    label,
    isOpen: true,
    connect: () => Promise.resolve(),
    readHolding: fail,
    readInput: fail,
    writeRegisters: fail,
    close: () => Promise.resolve(),
  };
}

function options(over: Partial<DeviceScanOptions>): DeviceScanOptions {
  return {
    addresses: ['10.0.0.1'],
    ports: [502],
    unitIds: [1],
    timeoutMs: 200,
    concurrency: 4,
    library,
    link: (host) => refusing(host),
    mustStop: () => null,
    onProgress: () => undefined,
    ...over,
  };
}

describe('DeviceScan', () => {
  it('identifies a SunSpec storage inverter and suggests storage with the hybrid question', async () => {
    const seen: (ScanDeviceView | null)[] = [];
    const scan = new DeviceScan(
      options({
        link: (host, port, unit) => {
          if (unit === 2) return gatewayNoTarget(`${host}:${port} unit ${unit}`);
          const t = new MemoryTransport(`${host}:${port} unit ${unit}`);
          sunspecStorage(t);
          return t;
        },
        unitIds: [1, 2],
        onProgress: (f) => seen.push(f),
      }),
    );
    await scan.run();
    expect(scan.done).toBe(true);
    expect(scan.probed).toBe(2);
    expect(scan.found).toEqual([
      {
        host: '10.0.0.1',
        port: 502,
        unitId: 1,
        sunspec: {
          base: 40000,
          models: [1, 103, 124],
          manufacturer: 'Acme',
          model: 'Storage 5',
          serial: 'SN-42',
          version: '1.2.3',
        },
        probes: [],
        suggested: {
          inverter: {
            profile: 'sunspec-storage-124',
            alternatives: [
              // fronius-gen24 needs model 160 (its PV strings) too, which this unit lacks.
              { profile: 'sunspec-hybrid-124', question: HYBRID_QUESTION },
            ],
          },
        },
      },
    ]);
    expect(seen.filter((f) => f !== null)).toHaveLength(1);
  });

  it('records the probe blocks a non-SunSpec unit answered and suggests the profile reading them', async () => {
    const scan = new DeviceScan(
      options({
        link: (host) => {
          const t = new MemoryTransport(host);
          simMeter(t);
          return t;
        },
        unitIds: [1, 2],
      }),
    );
    await scan.run();
    const [meter, again] = scan.found;
    expect(scan.found.map((f) => [f.unitId, f.sameAs])).toEqual([
      [1, undefined],
      [2, 1],
    ]);
    expect(again?.suggested).toEqual(meter?.suggested);
    expect(meter?.sunspec).toBeNull();
    expect(meter?.probes).toContainEqual({ kind: 'holding', address: 14, count: 2 });
    expect(meter?.probes.every((p) => p.kind === 'holding' && p.address + p.count <= 17)).toBe(
      true,
    );
    expect(meter?.suggested).toEqual({ meter: { profile: 'sim-meter' } });
  });

  it('gives up every unit of a host:port that refuses the connection at once', async () => {
    const links: string[] = [];
    const scan = new DeviceScan(
      options({
        addresses: ['10.0.0.1', '10.0.0.2'],
        unitIds: [1, 2, 3, 126, 247],
        link: (host, port, unit) => (links.push(`${host} ${unit}`), refusing(host)),
      }),
    );
    await scan.run();
    expect(links).toEqual(['10.0.0.1 1', '10.0.0.2 1']);
    expect([scan.probed, scan.total, scan.found.length]).toEqual([10, 10, 0]);
  });

  it('keeps at most `concurrency` host:ports in flight, and a cancel cuts the probes in flight off', async () => {
    let inFlight = 0;
    let most = 0;
    /** A unit that never answers until its link is closed. */
    const hanging = (label: string): ModbusTransport => {
      let reject: ((e: Error) => void) | null = null;
      return {
        label,
        isOpen: true,
        connect: () => Promise.resolve(),
        readHolding: () =>
          new Promise<number[]>((_, rej) => {
            inFlight += 1;
            most = Math.max(most, inFlight);
            reject = rej;
          }),
        readInput: () => Promise.reject(new Error('unused')),
        writeRegisters: () => Promise.reject(new Error('unused')),
        close: () => {
          if (reject) inFlight -= 1;
          reject?.(new ModbusConnectionError(`${label}: transport closed`));
          reject = null;
          return Promise.resolve();
        },
      };
    };
    const addresses = Array.from({ length: 20 }, (_, i) => `10.0.0.${i + 1}`);
    const scan = new DeviceScan(options({ addresses, concurrency: 3, link: (h) => hanging(h) }));
    const running = scan.run();
    await new Promise((r) => setImmediate(r));
    expect(most).toBe(3);
    scan.cancel('cancelled');
    await running;
    expect([scan.done, scan.stopped, scan.probed, inFlight]).toEqual([true, 'cancelled', 0, 0]);
  });

  it('stops when the EMS leaves STOP', async () => {
    let state = 'STOP';
    const scan = new DeviceScan(
      options({
        addresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3'],
        concurrency: 1,
        link: (host) => ((state = 'STANDBY'), refusing(host)),
        mustStop: () => (state === 'STOP' ? null : 'the EMS was started'),
      }),
    );
    await scan.run();
    expect([scan.stopped, scan.probed]).toEqual(['the EMS was started', 0]);
  });

  it('stops within one read when the EMS leaves STOP in the middle of a unit', async () => {
    let state = 'STOP';
    const reads: number[] = [];
    const scan = new DeviceScan(
      options({
        link: (host) => {
          const t = new MemoryTransport(host);
          simMeter(t);
          const read = t.readHolding.bind(t);
          t.readHolding = (a, n) => {
            reads.push(a);
            if (reads.length === 3) state = 'STANDBY';
            return read(a, n);
          };
          return t;
        },
        mustStop: () => (state === 'STOP' ? null : 'the EMS was started'),
      }),
    );
    await scan.run();
    expect([scan.stopped, scan.found.length, reads.length]).toEqual(['the EMS was started', 0, 3]);
  });
});
