import { describe, expect, test } from 'vitest';
import { SLCAN_BITRATE_VALUES } from '../../shared/can-transport-spec';
import { DEFAULT_BMS_PROFILE } from '../../shared/site-schema';
import { DEFAULT_BMS_CAN_PROFILE } from '../devices/can/pylontech-protocol';
import { SLCAN_BITRATES } from '../devices/can/slcan-codec';

/**
 * The site schema moved to src/shared (the renderer validates with it), where it cannot import
 * main's constants; these hold its copies equal to the ones the drivers use.
 */
describe('shared site schema constants', () => {
  test('the bms.profile default is the BMS profile main uses when none is named', () => {
    expect(DEFAULT_BMS_PROFILE).toBe(DEFAULT_BMS_CAN_PROFILE.name);
  });

  test('the slcan bitrates the schema accepts are the ones the codec can set', () => {
    expect([...SLCAN_BITRATE_VALUES]).toEqual([...SLCAN_BITRATES.keys()]);
  });
});
