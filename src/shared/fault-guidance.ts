import type { FaultCode } from './ems-names';

/**
 * What a technician should check for each fault code, in a few words. The UI shows these
 * beside active faults and on the fault detail; docs/faults.md carries the same texts and
 * explains them further. Keep both in step.
 */
export const FAULT_GUIDANCE: Readonly<Record<FaultCode, string>> = {
  METER_COMM_LOSS:
    'Check the grid meter: power, network cable or RS-485 wiring, its IP address, port and unit id in the site file, and that no other master polls it too fast. The driver error below says what failed.',
  INVERTER_COMM_LOSS:
    'Check the inverter: is it on and not in a firmware update, is Modbus TCP enabled, are host, port and unit id right, and does another client hold its only connection?',
  BMS_COMM_LOSS:
    'Check the CAN link to the BMS: cable and termination (120 ohm at both ends), bit rate (500 kbit/s for Pylontech-style packs), the adapter or socketcand host, and that the pack is awake.',
  BMS_PROTECTION_ALARM:
    "Read the alarm code on the BMS (temperature, cell voltage, current). Let the pack recover, find the cause (room temperature, a weak cell, the inverter's limits), then acknowledge once the alarm is gone.",
  INVERTER_NOT_FOLLOWING:
    'The inverter does not do what it is told: check its own control mode (remote/EMS control enabled), its local limits and derating (temperature, grid code), and that no other controller writes its setpoint.',
  METER_STALE:
    "The meter answers but its reading has not changed for longer than control.meterMaxHoldS: a frozen gateway or meter, a wrong register, or a meter that lost its current transformers. Check the meter's display against the Live screen; on a live site the grid power is never exactly constant.",
};

/** The guidance for a fault code; a generic text for a code this build does not know. */
export function faultGuidance(code: string): string {
  return (
    (FAULT_GUIDANCE as Readonly<Record<string, string>>)[code] ??
    'No guidance for this code: read the message and the driver error.'
  );
}
