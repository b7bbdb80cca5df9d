import { describe, expect, it } from 'vitest';
import { VirtualTime } from '../../../shared/virtual-time.test-kit';
import { createCanTransport } from './can-transport-factory';

const options = { clock: new VirtualTime() };

describe('CAN transport factory', () => {
  it('builds each site-file transport without opening or loading anything', () => {
    const names = [
      createCanTransport({ type: 'socketcan', interface: 'can0' }, '/site', options),
      createCanTransport(
        { type: 'slcan', device: '/dev/ttyACM0', bitrate: 500_000, serialBaudRate: 115_200 },
        '/site',
        options,
      ),
      createCanTransport(
        { type: 'socketcand', host: '10.0.0.9', port: 29536, interface: 'can1' },
        '/site',
        options,
      ),
      createCanTransport(
        { type: 'replay', file: 'logs/bms.log', speed: 1, loop: false },
        '/site',
        options,
      ),
    ].map((t) => t.name);
    expect(names).toEqual([
      'socketcan:can0',
      'slcan:/dev/ttyACM0',
      'socketcand:10.0.0.9:29536/can1',
      'replay:bms.log',
    ]);
  });

  it('refuses the memory transport outside the built-in simulated site', () => {
    expect(() => createCanTransport({ type: 'memory' }, '/site', options)).toThrow(
      /"memory" exists only on the built-in simulated site/,
    );
  });
});
