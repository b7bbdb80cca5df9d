import { describe, expect, it } from 'vitest';
import { hostToken } from './ui-token';

describe('hostToken', () => {
  it('is 32 random bytes in hex, new each time, without EMS_API_TOKEN', () => {
    const a = hostToken({});
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hostToken({ EMS_API_TOKEN: '' })).not.toBe(a);
  });

  it('takes EMS_API_TOKEN when it is usable', () => {
    expect(hostToken({ EMS_API_TOKEN: 'plant-room_token.2024~x' })).toBe('plant-room_token.2024~x');
  });

  it.each(['short', 'has space in it here', 'quote"quote"quote"', 'x'.repeat(257)])(
    'refuses EMS_API_TOKEN=%s with a line naming the variable',
    (value) => {
      expect(() => hostToken({ EMS_API_TOKEN: value })).toThrow(/^EMS_API_TOKEN: /);
    },
  );
});
