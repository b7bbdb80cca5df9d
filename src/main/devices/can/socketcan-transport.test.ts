import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { createSocketCanTransport } from './socketcan-transport';

/**
 * This machine's kernel has no CAN (see environment.md), so here SocketCAN must report itself
 * unavailable cleanly; real frames over vcan0 are tested inside User-Mode Linux.
 */
describe('SocketCAN transport without kernel CAN', () => {
  it('rejects open with "SocketCAN unavailable" and a reason, and nothing else breaks', async () => {
    const transport = createSocketCanTransport({
      interface: 'vcan-none',
      clock: new VirtualTime(),
    });
    expect(transport.name).toBe('socketcan:vcan-none');
    await expect(transport.open()).rejects.toThrow(/^socketcan:vcan-none: SocketCAN unavailable: /);
    await expect(transport.send({ id: 0x305, data: new Uint8Array(8) })).rejects.toThrow(
      'not open',
    );
    await expect(transport.close()).resolves.toBeUndefined();
  });

  it('refuses an interface that is not CAN, and a name that is not an interface name', async () => {
    await expect(
      createSocketCanTransport({ interface: 'lo', clock: new VirtualTime() }).open(),
    ).rejects.toThrow('SocketCAN unavailable: "lo" is not a CAN interface');
    await expect(
      createSocketCanTransport({ interface: '../x', clock: new VirtualTime() }).open(),
    ).rejects.toThrow('is not a network interface name');
  });
});
