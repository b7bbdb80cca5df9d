import type { SunSpecChainView } from '../../../shared/sunspec-views';
import {
  identityFromPoints,
  type DeviceIdentity,
} from '../../devices/modbus/sunspec/sunspec-identity';

/** SunSpec model 1's identity points (Mn, Md, SN, Vr) from a discovered chain; null without model 1. */
export function identityFromChain(chain: SunSpecChainView): DeviceIdentity | null {
  const points = chain.models.find((m) => m.id === 1)?.decoded?.points;
  return points === undefined ? null : identityFromPoints(points);
}
