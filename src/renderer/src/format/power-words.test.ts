import { describe, expect, it } from 'vitest';
import {
  batteryWords,
  formatPower,
  gridWords,
  houseNetW,
  houseWords,
  setpointWords,
} from './power-words';

describe('formatPower', () => {
  it('shows whole watts below 1 kW and kW with two decimals above', () => {
    expect(formatPower(0)).toBe('0\u00a0W');
    expect(formatPower(0.4)).toBe('0\u00a0W');
    expect(formatPower(850.4)).toBe('850\u00a0W');
    expect(formatPower(-850)).toBe('850\u00a0W');
    expect(formatPower(999.4)).toBe('999\u00a0W');
    expect(formatPower(999.6)).toBe('1.00\u00a0kW');
    expect(formatPower(1203)).toBe('1.20\u00a0kW');
    expect(formatPower(-12_345)).toBe('12.35\u00a0kW');
  });
});

describe('direction words', () => {
  it('grid: positive imports, negative exports', () => {
    expect(gridWords(1200).text).toBe('importing 1.20\u00a0kW');
    expect(gridWords(-408).text).toBe('exporting 408\u00a0W');
    expect(gridWords(0).text).toBe('no exchange 0\u00a0W');
  });

  it('battery: positive discharges, negative charges', () => {
    expect(batteryWords(2000).text).toBe('discharging 2.00\u00a0kW');
    expect(batteryWords(-2000)).toEqual({
      direction: 'charging',
      magnitude: '2.00\u00a0kW',
      text: 'charging 2.00\u00a0kW',
    });
    expect(batteryWords(0.2).direction).toBe('idle');
  });

  it('setpoint is phrased as an order', () => {
    expect(setpointWords(-5000).text).toBe('charge 5.00\u00a0kW');
    expect(setpointWords(300).text).toBe('discharge 300\u00a0W');
    expect(setpointWords(0).text).toBe('hold 0\u00a0W');
  });
});

describe('house net power (derived)', () => {
  it('is grid + battery: load - PV', () => {
    // Importing 2000 W while the battery discharges 500 W: the house needs 2500 W net.
    expect(houseNetW(2000, 500)).toBe(2500);
    // Exporting 200 W while charging 5000 W: PV exceeds the load by 5200 W.
    expect(houseNetW(-200, -5000)).toBe(-5200);
    expect(houseWords(-5200).text).toBe('PV surplus 5.20\u00a0kW');
    expect(houseWords(2500).text).toBe('consuming 2.50\u00a0kW');
  });

  it('is unknown when either measurement is', () => {
    expect(houseNetW(null, 100)).toBeNull();
    expect(houseNetW(100, null)).toBeNull();
  });
});
