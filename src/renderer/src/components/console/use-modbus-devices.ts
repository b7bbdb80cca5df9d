import { useEffect, useState } from 'react';
import type { ModbusDeviceId, ModbusDeviceView } from '../../../../shared/commissioning-views';
import { getEmsApi } from '../../bridge/ems-bridge';
import { useApiCall, type ApiCall } from '../tools/use-api-call';

/** The site's Modbus devices and the one the technician picked (the first by default). */
export function useModbusDevices(): {
  devices: ApiCall<readonly ModbusDeviceView[]>;
  device: ModbusDeviceId | null;
  setDevice: (d: ModbusDeviceId) => void;
} {
  const devices = useApiCall<readonly ModbusDeviceView[]>();
  const [picked, setDevice] = useState<ModbusDeviceId | null>(null);
  const { run } = devices;
  useEffect(() => {
    void run(() => getEmsApi().modbusDevices());
  }, [run]);
  const device = picked ?? devices.result?.[0]?.id ?? null;
  return { devices, device, setDevice };
}
