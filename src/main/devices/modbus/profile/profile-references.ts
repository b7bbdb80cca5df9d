import type { z } from 'zod';
import { registerCount } from './codec';
import type { InverterSection, MeterSection } from './device-sections-schema';
import type { PointSpec } from './point-schema';

/** The parts of a parsed profile that name points. */
export interface ProfileReferences {
  readonly kind: 'meter' | 'inverter';
  readonly addressing: { readonly type: 'absolute' | 'sunspec' };
  readonly points: Readonly<Record<string, PointSpec>>;
  readonly meter?: MeterSection;
  readonly inverter?: InverterSection;
}

/**
 * The checks one field's schema cannot make: every point a section names exists, is of the
 * right kind, and is writable when the EMS writes it; each problem becomes an issue with the
 * path of the field that is wrong.
 */
export function checkProfileReferences(profile: ProfileReferences, ctx: z.RefinementCtx): void {
  const names = new Set(Object.keys(profile.points));
  const need = (name: string | undefined, path: (string | number)[]): void => {
    if (name !== undefined && !names.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `names point "${name}", which the profile does not define`,
      });
    }
  };
  if (profile.kind === 'meter' && !profile.meter) {
    ctx.addIssue({
      code: 'custom',
      path: ['meter'],
      message: 'a meter profile needs a "meter" section',
    });
  }
  if (profile.kind === 'inverter' && !profile.inverter) {
    ctx.addIssue({
      code: 'custom',
      path: ['inverter'],
      message: 'an inverter profile needs an "inverter" section',
    });
  }
  for (const [name, point] of Object.entries(profile.points)) {
    need(point.scaleFactorPoint, ['points', name, 'scaleFactorPoint']);
    const sf =
      point.scaleFactorPoint === undefined ? undefined : profile.points[point.scaleFactorPoint];
    if (sf !== undefined && sf.type !== 'int16') {
      ctx.addIssue({
        code: 'custom',
        path: ['points', name, 'scaleFactorPoint'],
        message: `scale factor point "${point.scaleFactorPoint}" must be int16, not ${sf.type}`,
      });
    }
    if (profile.addressing.type === 'sunspec' && point.model === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['points', name, 'model'],
        message: 'SunSpec addressing needs the model id of every point',
      });
    }
    if (point.address + registerCount(point.type) > 0x10000) {
      ctx.addIssue({
        code: 'custom',
        path: ['points', name, 'address'],
        message: `a ${point.type} at ${point.address} runs past register 65535`,
      });
    }
    if (point.access === 'rw' && point.kind === 'input') {
      ctx.addIssue({
        code: 'custom',
        path: ['points', name, 'access'],
        message: 'input registers cannot be written; use kind "holding"',
      });
    }
  }
  // Points the EMS writes must be declared writable, so a typo cannot aim a write at a measurement.
  const writable = (name: string | undefined, path: (string | number)[]): void => {
    const point = name === undefined ? undefined : profile.points[name];
    if (point !== undefined && point.access !== 'rw') {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `point "${name}" is written by the EMS and needs "access": "rw"`,
      });
    }
  };
  if (profile.meter) {
    need(profile.meter.powerPoint, ['meter', 'powerPoint']);
    (profile.meter.addPoints ?? []).forEach((n, i) => need(n, ['meter', 'addPoints', i]));
    need(profile.meter.updatePoint, ['meter', 'updatePoint']);
    need(profile.meter.importEnergyPoint, ['meter', 'importEnergyPoint']);
    need(profile.meter.exportEnergyPoint, ['meter', 'exportEnergyPoint']);
  }
  const inv = profile.inverter;
  if (inv) {
    need(inv.powerPoint, ['inverter', 'powerPoint']);
    need(inv.socPoint, ['inverter', 'socPoint']);
    need(inv.ratedChargePoint, ['inverter', 'ratedChargePoint']);
    need(inv.ratedDischargePoint, ['inverter', 'ratedDischargePoint']);
    need(inv.pvPoint, ['inverter', 'pvPoint']);
    (inv.pvAddPoints ?? []).forEach((n, i) => need(n, ['inverter', 'pvAddPoints', i]));
    if (inv.pvAddPoints !== undefined && inv.pvPoint === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['inverter', 'pvAddPoints'],
        message: 'pvAddPoints are added to pvPoint, which the profile does not name',
      });
    }
    inv.controlled?.terms.forEach((t, i) =>
      need(t.point, ['inverter', 'controlled', 'terms', i, 'point']),
    );
    if (inv.coupling === 'hybrid' && inv.controlled === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['inverter', 'controlled'],
        message:
          'a hybrid inverter\'s AC power includes its PV: declare "controlled" (e.g. battery power = W - DCW)',
      });
    }
    const sp = inv.setpoint;
    if (sp.method !== 'sunspecStorage') {
      for (const name of Object.keys(sp.with ?? {})) {
        need(name, ['inverter', 'setpoint', 'with', name]);
        writable(name, ['inverter', 'setpoint', 'with', name]);
      }
    }
    if (sp.method === 'signedWatts') {
      need(sp.point, ['inverter', 'setpoint', 'point']);
      writable(sp.point, ['inverter', 'setpoint', 'point']);
    } else if (sp.method === 'splitWatts') {
      for (const key of ['chargePoint', 'dischargePoint', 'commandPoint'] as const) {
        need(sp[key], ['inverter', 'setpoint', key]);
        writable(sp[key], ['inverter', 'setpoint', key]);
      }
    } else {
      need(sp.modePoint, ['inverter', 'setpoint', 'modePoint']);
      need(sp.chargeRatePoint, ['inverter', 'setpoint', 'chargeRatePoint']);
      need(sp.dischargeRatePoint, ['inverter', 'setpoint', 'dischargeRatePoint']);
      need(sp.maxPowerPoint, ['inverter', 'setpoint', 'maxPowerPoint']);
      writable(sp.modePoint, ['inverter', 'setpoint', 'modePoint']);
      writable(sp.chargeRatePoint, ['inverter', 'setpoint', 'chargeRatePoint']);
      writable(sp.dischargeRatePoint, ['inverter', 'setpoint', 'dischargeRatePoint']);
    }
    if (inv.watchdog) {
      if (inv.watchdog.timeoutPoint !== undefined) {
        need(inv.watchdog.timeoutPoint, ['inverter', 'watchdog', 'timeoutPoint']);
        writable(inv.watchdog.timeoutPoint, ['inverter', 'watchdog', 'timeoutPoint']);
      }
      if (inv.watchdog.refresh.by === 'counter') {
        need(inv.watchdog.refresh.point, ['inverter', 'watchdog', 'refresh', 'point']);
        writable(inv.watchdog.refresh.point, ['inverter', 'watchdog', 'refresh', 'point']);
      }
    }
  }
}
