import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listCanInterfaces, listSerialPorts } from './local-ports';

const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
});

/** A fake sysfs with these interfaces: name -> [type, operstate]. */
async function sysfs(ifaces: Record<string, [string, string | null]>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'sysfs-'));
  roots.push(root);
  for (const [name, [type, state]] of Object.entries(ifaces)) {
    const dir = join(root, 'class', 'net', name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'type'), `${type}\n`);
    if (state !== null) await writeFile(join(dir, 'operstate'), `${state}\n`);
  }
  return root;
}

describe('listCanInterfaces', () => {
  it('lists the interfaces of type 280 with their state, and nothing else', async () => {
    const root = await sysfs({
      lo: ['772', 'unknown'],
      eth0: ['1', 'up'],
      can0: ['280', 'up'],
      vcan1: ['280', 'down'],
      slcan0: ['280', null],
    });
    expect(await listCanInterfaces({ sysfsRoot: root, platform: 'linux' })).toEqual({
      interfaces: [
        { name: 'can0', state: 'up' },
        { name: 'slcan0', state: 'unknown' },
        { name: 'vcan1', state: 'down' },
      ],
      unavailable: null,
    });
  });

  it('says why when there is no sysfs or no Linux', async () => {
    const missing = await listCanInterfaces({ sysfsRoot: '/nonexistent-sysfs', platform: 'linux' });
    expect(missing.interfaces).toEqual([]);
    expect(missing.unavailable).toMatch(/^network interfaces could not be listed: .*ENOENT/);
    expect(await listCanInterfaces({ platform: 'win32' })).toEqual({
      interfaces: [],
      unavailable: 'SocketCAN exists on Linux only',
    });
  });
});

describe('listSerialPorts', () => {
  it("maps serialport's list and reports a lister that fails", async () => {
    const listed = await listSerialPorts({
      listSerial: () =>
        Promise.resolve([
          {
            path: '/dev/ttyUSB0',
            manufacturer: 'FTDI',
            serialNumber: 'A1',
            vendorId: '0403',
            productId: '6001',
          },
          { path: '/dev/ttyS0', manufacturer: undefined },
        ]),
    });
    expect(listed.ports).toEqual([
      {
        path: '/dev/ttyUSB0',
        manufacturer: 'FTDI',
        serialNumber: 'A1',
        vendorId: '0403',
        productId: '6001',
      },
      {
        path: '/dev/ttyS0',
        manufacturer: null,
        serialNumber: null,
        vendorId: null,
        productId: null,
      },
    ]);
    const failed = await listSerialPorts({
      listSerial: () => Promise.reject(new Error('spawn udevadm ENOENT')),
    });
    expect(failed).toEqual({
      ports: [],
      unavailable: 'serial ports could not be listed: spawn udevadm ENOENT',
    });
  });
});
