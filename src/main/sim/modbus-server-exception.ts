/**
 * How the simulated devices refuse a request: modbus-serial's ServerTCP answers a Modbus
 * exception reply carrying the `modbusErrorCode` of whatever a vector function throws.
 */

/** Modbus exception codes the bank raises. */
export const MODBUS_EXCEPTION = {
  illegalFunction: 1,
  illegalDataAddress: 2,
  illegalDataValue: 3,
  serverDeviceFailure: 4,
} as const;

/**
 * An error modbus-serial's ServerTCP turns into a Modbus exception reply: it reads the
 * `modbusErrorCode` property of whatever a vector function throws.
 */
export class ModbusServerException extends Error {
  override readonly name = 'ModbusServerException';

  constructor(
    message: string,
    readonly modbusErrorCode: number,
  ) {
    super(message);
  }
}
