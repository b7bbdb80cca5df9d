import type { JSX } from 'react';
import type { RegisterReadView } from '../../../../shared/commissioning-views';
import { formatClock } from '../../format/format-values';
import { formatReading } from '../../tools/register-format';
import { pointLabel } from '../../tools/register-reads';

/**
 * A block read, one row per register position, every interpretation side by side: the
 * technician picks the one that makes sense for a device whose manual is wrong or missing.
 * "AB" = high word first (big-endian word order), "BA" = low word first. The profile's point
 * names stand beside the addresses. A stale table (a later read failed) keeps its values, in
 * full contrast, under a caption that says so and when it was read.
 */
export function RegisterTable(props: {
  read: RegisterReadView;
  readAt: number;
  stale: boolean;
}): JSX.Element {
  const { read } = props;
  const last = read.address + read.rows.length - 1;
  return (
    <div className={props.stale ? 'table-box stale' : 'table-box'}>
      <table data-testid="console-table" data-stale={props.stale ? 'true' : 'false'}>
        <caption>
          {props.stale ? 'STALE \u2014 ' : ''}
          {read.device}, {read.kind} registers {read.address}..{last}, read at{' '}
          {formatClock(props.readAt)}
        </caption>
        <thead>
          <tr>
            <th>Address</th>
            <th>Point</th>
            <th>Hex</th>
            <th>ASCII</th>
            <th>int16</th>
            <th>uint16</th>
            <th>int32 AB</th>
            <th>int32 BA</th>
            <th>uint32 AB</th>
            <th>uint32 BA</th>
            <th>float32 AB</th>
            <th>float32 BA</th>
          </tr>
        </thead>
        <tbody>
          {read.rows.map((r) => (
            <tr key={r.address} data-testid="console-row" data-address={r.address}>
              <td className="num">{r.address}</td>
              <td data-testid="console-point">{pointLabel(read.points, r.address)}</td>
              <td className="num">
                {r.hex}
                {r.sentinel ? <span title="SunSpec 'not implemented' value"> n/i</span> : null}
              </td>
              <td className="mono">{r.ascii}</td>
              {r.error ? (
                <td colSpan={8} className="error">
                  {r.error}
                </td>
              ) : (
                <>
                  <td className="num">{formatReading(r.int16)}</td>
                  <td className="num">{formatReading(r.uint16)}</td>
                  <td className="num">{formatReading(r.int32.big)}</td>
                  <td className="num">{formatReading(r.int32.little)}</td>
                  <td className="num">{formatReading(r.uint32.big)}</td>
                  <td className="num">{formatReading(r.uint32.little)}</td>
                  <td className="num">{formatReading(r.float32.big)}</td>
                  <td className="num">{formatReading(r.float32.little)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
