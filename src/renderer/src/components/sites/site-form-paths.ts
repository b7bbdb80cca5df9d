import { CONTROL_KEYS } from '../../sites/control-form';

/** How the site form's fields map to their paths in the site file, and problems without a field. */

/** A form key as its path in the file (the serial fields sit in the `serial` block). */
export function fieldPath(key: string): string {
  const serial: Record<string, string> = {
    serialDevice: 'serial.device',
    baudRate: 'serial.baudRate',
    parity: 'serial.parity',
    dataBits: 'serial.dataBits',
    stopBits: 'serial.stopBits',
  };
  return serial[key] ?? key;
}

/** Problems the form has no field for (a rule across fields), said in words. */
export function otherProblems(errors: Readonly<Record<string, string>>): string {
  const known = new RegExp(
    `^(name|description|(meter|inverter)\\.(host|port|unitId|profile|timeoutMs|ratedChargeW|ratedDischargeW|serial\\.\\w+)|bms\\.(profile|transport\\.\\w+)|control\\.(${CONTROL_KEYS.join('|')}))$`,
  );
  const other = Object.entries(errors).filter(([k]) => !known.test(k));
  return other.map(([k, m]) => ` ${k || '(site)'}: ${m}.`).join('');
}
