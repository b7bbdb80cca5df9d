import { describe, expect, it } from 'vitest';
import { checkListenAddress, httpPolicy, isLoopbackAddress } from './http-policy';

const port = (): number => 8420;

describe('listen addresses', () => {
  it('knows loopback', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(false);
  });

  it('only IP addresses: the operator names exactly what is exposed', () => {
    expect(checkListenAddress('0.0.0.0')).toBe('0.0.0.0');
    expect(() => checkListenAddress('plant-laptop')).toThrow(
      /--listen: "plant-laptop" is not an IP address/,
    );
  });
});

describe('on loopback (the default)', () => {
  const p = httpPolicy({ listen: '127.0.0.1', port });
  it('Host must be the loopback name and our port: a rebound DNS name is refused', () => {
    expect(p.hostAllowed('127.0.0.1:8420')).toBe(true);
    expect(p.hostAllowed('LOCALHOST:8420')).toBe(true);
    expect(p.hostAllowed('evil.example:8420')).toBe(false);
    expect(p.hostAllowed('192.168.1.10:8420')).toBe(false);
    expect(p.hostAllowed('127.0.0.1:8421')).toBe(false);
    expect(p.hostAllowed(undefined)).toBe(false);
  });

  it('Origin: none (curl) or our own page; others are refused and get no CORS', () => {
    expect(p.originAllowed(undefined, '127.0.0.1:8420')).toBe(true);
    expect(p.originAllowed('http://127.0.0.1:8420', '127.0.0.1:8420')).toBe(true);
    expect(p.originAllowed('http://localhost:8420', '127.0.0.1:8420')).toBe(true);
    for (const o of ['http://evil.example', 'null', 'https://127.0.0.1:8420', 'http://127.0.0.1:1'])
      expect(p.originAllowed(o, '127.0.0.1:8420')).toBe(false);
    expect(p.corsOrigin('http://evil.example')).toBeNull();
  });
});

describe('on another address (--listen) with CORS configured', () => {
  const p = httpPolicy({ listen: '0.0.0.0', port, corsOrigins: ['https://scada.example'] });
  it('any IP literal with our port is a valid Host; names other than localhost are not', () => {
    expect(p.hostAllowed('192.168.1.10:8420')).toBe(true);
    expect(p.hostAllowed('[fe80::1]:8420')).toBe(true);
    expect(p.hostAllowed('plant.example:8420')).toBe(false);
  });

  it('the page served from that address is same-origin; the configured origin gets CORS', () => {
    expect(p.originAllowed('http://192.168.1.10:8420', '192.168.1.10:8420')).toBe(true);
    expect(p.originAllowed('http://192.168.1.11:8420', '192.168.1.10:8420')).toBe(false);
    expect(p.originAllowed('https://scada.example', '192.168.1.10:8420')).toBe(true);
    expect(p.corsOrigin('https://scada.example')).toBe('https://scada.example');
    expect(p.corsOrigin('https://other.example')).toBeNull();
  });
});
