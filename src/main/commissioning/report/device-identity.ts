import type { SunSpecChainView } from '../../../shared/sunspec-views';
import type { DeviceIdentity } from './report-data';

/** SunSpec model 1's identity points (Mn, Md, SN, Vr) from a discovered chain; null without model 1. */
export function identityFromChain(chain: SunSpecChainView): DeviceIdentity | null {
  const common = chain.models.find((m) => m.id === 1);
  const points = common?.decoded?.points;
  if (points === undefined) return null;
  const text = (name: string): string | null => {
    const v = points.find((p) => p.name === name)?.value;
    return v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();
  };
  return { manufacturer: text('Mn'), model: text('Md'), serial: text('SN'), version: text('Vr') };
}
