import { describe, expect, it } from 'vitest';
import { withoutRequestName } from './request-error';

describe('withoutRequestName', () => {
  it("drops the host's request-name prefix", () => {
    expect(
      withoutRequestName(
        "discoverSunSpec: inverter 127.0.0.1:5021 unit 1: no SunSpec marker 'SunS' found",
      ),
    ).toBe("inverter 127.0.0.1:5021 unit 1: no SunSpec marker 'SunS' found");
    expect(withoutRequestName('registerRead: invalid params: count: too big')).toBe(
      'invalid params: count: too big',
    );
  });

  it('keeps a message that does not start with a request name', () => {
    expect(withoutRequestName('inverter: write refused: not confirmed')).toBe(
      'inverter: write refused: not confirmed',
    );
    expect(withoutRequestName('timeout')).toBe('timeout');
  });
});
