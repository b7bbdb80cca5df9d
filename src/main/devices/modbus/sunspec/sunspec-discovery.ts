import type {
  SunSpecChainView,
  SunSpecModelView,
  SunSpecProgressStep,
} from '../../../../shared/sunspec-views';
import { ModbusConnectionError, reasonOf } from '../wire/modbus-errors';
import type { ModbusTransport } from '../modbus-transport';
import { MAX_READ_REGISTERS } from '../modbus-transport';
import { decodeSunSpecModel } from './sunspec-decode';
import { sunspecModel } from './sunspec-models';
import { locateSunSpecChain, type SunSpecModelHeader } from './sunspec-resolver';

/**
 * SunSpec discovery for commissioning: find 'SunS', walk the model chain, read every model's
 * registers in requests of at most 125 registers, decode the models the project has tables
 * for and list the others raw. Progress is reported step by step so a UI can show what is
 * happening on a slow serial gateway. The chain walk itself is sunspec-resolver's.
 */

/**
 * A step of the discovery: the same shape the UI receives as a progress push, without the
 * 'failed' step (a failure here is a rejection; the service turns it into that push).
 */
export type DiscoveryEvent = Exclude<SunSpecProgressStep, { readonly kind: 'failed' }>;

/** How to discover. */
export interface DiscoveryOptions {
  /** Where to look for 'SunS', in order (default 40000, 0, 50000). */
  readonly bases?: readonly number[];
  readonly onProgress?: (event: DiscoveryEvent) => void;
  /** Longest model body read, registers (default 4000); a longer one is listed unread. */
  readonly maxModelLength?: number;
  /** Most registers read over all bodies (default 20000); later models are listed unread. */
  readonly maxTotalRegisters?: number;
}

/** The default base addresses, in the order SunSpec devices use them. */
export const SUNSPEC_BASES: readonly number[] = [40000, 0, 50000];

/**
 * Discovers a SunSpec device. Rejects when no 'SunS' marker is found (naming every base tried
 * and what it held), when the chain is broken (runs past 65535, too many models), or when the
 * link fails. A model body the device refuses to serve is listed with a note, not fatal.
 */
export async function discoverDevice(
  transport: ModbusTransport,
  options: DiscoveryOptions = {},
): Promise<SunSpecChainView> {
  const report = options.onProgress ?? ((): void => undefined);
  const maxModel = options.maxModelLength ?? 4000;
  const budget = options.maxTotalRegisters ?? 20_000;
  const chain = await locateSunSpecChain(transport, options.bases ?? SUNSPEC_BASES, {
    onBase: (base, found, detail) => report({ kind: 'base', base, found, detail }),
    onModel: (h, index) =>
      report({ kind: 'model', index, ...h, known: sunspecModel(h.id) !== undefined }),
  });
  const plan = planBodies(chain.headers, maxModel, budget);
  const total = plan.reduce((n, p) => n + (p.read ? p.header.length : 0), 0);
  let registersRead = 0;
  let requests = 0;
  const models: SunSpecModelView[] = [];
  for (const [index, { header, read, notes }] of plan.entries()) {
    let body: number[] = [];
    if (read) {
      try {
        for (let done = 0; done < header.length; done += MAX_READ_REGISTERS) {
          const address = header.address + 2 + done;
          const count = Math.min(MAX_READ_REGISTERS, header.length - done);
          body.push(...(await transport.readHolding(address, count)));
          requests += 1;
          registersRead += count;
          report({ kind: 'read', address, count, registersRead, registersTotal: total });
        }
      } catch (err) {
        if (err instanceof ModbusConnectionError) throw err;
        notes.push(`body not read: ${reasonOf(err)}`);
        body = [];
      }
    }
    models.push(describe(index, header, body, notes));
  }
  report({ kind: 'done', models: models.length, registersRead });
  return { base: chain.base, models, requests, registersRead };
}

interface PlannedBody {
  readonly header: SunSpecModelHeader;
  readonly read: boolean;
  readonly notes: string[];
}

function planBodies(
  headers: readonly SunSpecModelHeader[],
  maxModel: number,
  budget: number,
): PlannedBody[] {
  let left = budget;
  return headers.map((header) => {
    if (header.length > maxModel)
      return { header, read: false, notes: [`not read: length ${header.length} > ${maxModel}`] };
    if (header.length > left)
      return { header, read: false, notes: [`not read: over the ${budget}-register budget`] };
    left -= header.length;
    return { header, read: header.length > 0, notes: [] };
  });
}

function describe(
  index: number,
  header: SunSpecModelHeader,
  body: number[],
  notes: string[],
): SunSpecModelView {
  const def = sunspecModel(header.id);
  const read = body.length === header.length && header.length > 0;
  const decoded =
    def !== undefined && read ? decodeSunSpecModel(def, [header.id, header.length, ...body]) : null;
  if (def !== undefined && decoded !== null) {
    if (decoded.beyondLength.length > 0)
      notes.push(
        `length ${header.length} is shorter than the table's ${def.length}: ${decoded.beyondLength.join(', ')} not present`,
      );
    if (decoded.undecoded !== null)
      notes.push(
        `${decoded.undecoded.registers.length} registers after the fixed block not decoded${def.notDecoded !== undefined ? ` (${def.notDecoded})` : ''}`,
      );
  }
  return {
    index,
    id: header.id,
    address: header.address,
    length: header.length,
    name: def?.name ?? null,
    registers: body,
    decoded,
    notes,
  };
}
