import { describe, expect, it } from 'vitest';
import { createCanTransport } from './can-transport-factory';

describe('CAN transport factory', () => {
  it('builds each site-file transport without opening or loading anything', () => {
    const names = [
      createCanTransport({ type: 'socketcan', interface: 'can0' }, '/site'),
      createCanTransport(
        { type: 'slcan', device: '/dev/ttyACM0', bitrate: 500_000, serialBaudRate: 115_200 },
        '/site',
      ),
      createCanTransport(
        { type: 'socketcand', host: '10.0.0.9', port: 29536, interface: 'can1' },
        '/site',
      ),
      createCanTransport({ type: 'replay', file: 'logs/bms.log', speed: 1, loop: false }, '/site'),
    ].map((t) => t.name);
    expect(names).toEqual([
      'socketcan:can0',
      'slcan:/dev/ttyACM0',
      'socketcand:10.0.0.9:29536/can1',
      'replay:bms.log',
    ]);
  });

  it('refuses the memory transport outside the built-in simulated site', () => {
    expect(() => createCanTransport({ type: 'memory' }, '/site')).toThrow(
      /"memory" exists only on the built-in simulated site/,
    );
  });
});
