import type { BmsCanProfile } from './bms-can-profile';

/**
 * Pylontech CAN protocol v1.2 (also spoken by many "Pylontech-compatible" batteries and
 * understood by SMA, Victron, Goodwe and others): 500 kbit/s, 11-bit ids, little-endian.
 * Layout from public sources (Battery-Emulator PYLON-LV-CAN, JK-BMSToPylontechCAN,
 * diyBMSv4ESP32); see the project's ems-domain reference.
 *
 * This is plain data in the profile format (bms-can-profile.ts), so it can live in a JSON
 * file next to its v1.3 variant (0x35A alarm pairs, 0x35F product info, 6-byte 0x355).
 */

/** Protection alarm codes this protocol reports; any one active faults the site. */
export const PYLONTECH_ALARM_CODES = [
  'CELL_OVER_VOLTAGE',
  'CELL_UNDER_VOLTAGE',
  'OVER_TEMPERATURE',
  'UNDER_TEMPERATURE',
  'DISCHARGE_OVER_CURRENT',
  'CHARGE_OVER_CURRENT',
  'SYSTEM_ERROR',
] as const;

/** Warning codes this protocol reports: shown to the operator, never a fault. */
export const PYLONTECH_WARNING_CODES = [
  'CELL_HIGH_VOLTAGE',
  'CELL_LOW_VOLTAGE',
  'HIGH_TEMPERATURE',
  'LOW_TEMPERATURE',
  'DISCHARGE_HIGH_CURRENT',
  'CHARGE_HIGH_CURRENT',
  'INTERNAL_COMM_FAIL',
] as const;

/** The Pylontech v1.2 frame table. */
export const PYLONTECH_CAN_V1_2: BmsCanProfile = {
  name: 'pylontech-v1.2',
  frames: [
    {
      id: 0x351,
      label: 'charge/discharge limits',
      length: 8,
      fields: [
        { name: 'chargeVoltageLimitV', type: 'u16', offset: 0, scale: 0.1, unit: 'V' },
        { name: 'chargeCurrentLimitA', type: 's16', offset: 2, scale: 0.1, unit: 'A' },
        { name: 'dischargeCurrentLimitA', type: 's16', offset: 4, scale: 0.1, unit: 'A' },
        // Some emulators send 0x351 with 6 bytes: the discharge voltage limit is a nice-to-have.
        {
          name: 'dischargeVoltageLimitV',
          type: 'u16',
          offset: 6,
          scale: 0.1,
          unit: 'V',
          optional: true,
        },
      ],
    },
    {
      id: 0x355,
      label: 'state of charge/health',
      length: 4,
      fields: [
        { name: 'socPct', type: 'u16', offset: 0, unit: '%' },
        { name: 'sohPct', type: 'u16', offset: 2, unit: '%' },
        // v1.3 and SMA-style batteries append a 0.01 % SOC; v1.2 frames are 4 bytes.
        { name: 'socHiResPct', type: 'u16', offset: 4, scale: 0.01, unit: '%', optional: true },
      ],
    },
    {
      id: 0x356,
      label: 'voltage/current/temperature',
      length: 6,
      fields: [
        { name: 'voltageV', type: 's16', offset: 0, scale: 0.01, unit: 'V' },
        { name: 'currentA', type: 's16', offset: 2, scale: 0.1, unit: 'A' },
        { name: 'temperatureC', type: 's16', offset: 4, scale: 0.1, unit: 'degC' },
      ],
    },
    {
      id: 0x359,
      label: 'protection and warning flags',
      length: 7,
      fields: [
        {
          type: 'bits',
          offset: 0,
          bits: [
            { bit: 1, role: 'alarm', name: 'CELL_OVER_VOLTAGE' },
            { bit: 2, role: 'alarm', name: 'CELL_UNDER_VOLTAGE' },
            { bit: 3, role: 'alarm', name: 'OVER_TEMPERATURE' },
            { bit: 4, role: 'alarm', name: 'UNDER_TEMPERATURE' },
            { bit: 7, role: 'alarm', name: 'DISCHARGE_OVER_CURRENT' },
          ],
        },
        {
          type: 'bits',
          offset: 1,
          bits: [
            { bit: 0, role: 'alarm', name: 'CHARGE_OVER_CURRENT' },
            { bit: 7, role: 'alarm', name: 'SYSTEM_ERROR' },
          ],
        },
        {
          // Warnings: the same conditions at the same bits as the protection byte, raised earlier.
          type: 'bits',
          offset: 2,
          bits: [
            { bit: 1, role: 'warning', name: 'CELL_HIGH_VOLTAGE' },
            { bit: 2, role: 'warning', name: 'CELL_LOW_VOLTAGE' },
            { bit: 3, role: 'warning', name: 'HIGH_TEMPERATURE' },
            { bit: 4, role: 'warning', name: 'LOW_TEMPERATURE' },
            { bit: 7, role: 'warning', name: 'DISCHARGE_HIGH_CURRENT' },
          ],
        },
        {
          type: 'bits',
          offset: 3,
          bits: [
            { bit: 0, role: 'warning', name: 'CHARGE_HIGH_CURRENT' },
            { bit: 3, role: 'warning', name: 'INTERNAL_COMM_FAIL' },
          ],
        },
        // Informational tail; a frame that stops after the flag bytes is still complete.
        { name: 'moduleCount', type: 'u8', offset: 4, optional: true },
        { name: 'protocolTag', type: 'ascii', offset: 5, length: 2, optional: true },
      ],
    },
    {
      id: 0x35c,
      label: 'charge/discharge requests',
      length: 2,
      fields: [
        {
          type: 'bits',
          offset: 0,
          bits: [
            { bit: 7, role: 'flag', name: 'chargeEnabled' },
            { bit: 6, role: 'flag', name: 'dischargeEnabled' },
            { bit: 5, role: 'flag', name: 'forceCharge' },
            { bit: 4, role: 'flag', name: 'forceCharge2' },
            { bit: 3, role: 'flag', name: 'fullChargeRequest' },
          ],
        },
      ],
    },
    {
      id: 0x35e,
      label: 'manufacturer name',
      length: 8,
      fields: [{ name: 'manufacturer', type: 'ascii', offset: 0, length: 8 }],
    },
  ],
  essentialIds: [0x351, 0x355, 0x356, 0x359, 0x35c],
  keepalive: { id: 0x305, data: [0, 0, 0, 0, 0, 0, 0, 0], periodMs: 1000 },
};
