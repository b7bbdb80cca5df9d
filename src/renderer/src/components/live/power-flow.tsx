import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { flowLinks, type FlowLink } from '../../flow/power-flow-model';
import { STALE_TEXT, formatPercent } from '../../format/format-values';
import { formatPower, houseNetW } from '../../format/power-words';

/*
 * The picture (viewBox 0 0 340 360):
 *            PV
 *            |
 *   Grid ----+---- House
 *            |
 *         Inverter
 *            |
 *         Battery
 */
const BOX_W = 116;
const BOX_H = 60;
const CENTER: Readonly<Record<'pv' | 'grid' | 'house' | 'inverter' | 'battery', [number, number]>> =
  { pv: [170, 32], grid: [58, 148], house: [282, 148], inverter: [170, 234], battery: [170, 324] };
const BUS: [number, number] = [170, 148];

/** Each link's visible segment, from its `from` end to its `to` end (see flowLinks). */
const SEGMENT: Readonly<Record<FlowLink['id'], readonly [number, number, number, number]>> = {
  grid: [58 + BOX_W / 2, 148, ...BUS],
  pv: [170, 32 + BOX_H / 2, ...BUS],
  house: [...BUS, 282 - BOX_W / 2, 148],
  inverter: [170, 234 - BOX_H / 2, ...BUS],
  battery: [170, 324 - BOX_H / 2, 170, 234 + BOX_H / 2],
};

/** A link's line, its moving dashes, and a chevron that points the way power goes. */
function Link(props: { link: FlowLink }): JSX.Element {
  const { link } = props;
  const [x1, y1, x2, y2] = SEGMENT[link.id];
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  if (link.broken) {
    // Stale or not measured: a dashed line with a cross where the power would be.
    return (
      <g className="flow-link broken" data-testid={`flow-${link.id}`} data-broken="true">
        <line x1={x1} y1={y1} x2={x2} y2={y2} strokeWidth={2.5} strokeDasharray="5 6" />
        <path d={`M${mx - 6} ${my - 6}l12 12m0 -12l-12 12`} className="flow-cross" />
      </g>
    );
  }
  const reverse = link.direction === 'reverse';
  const angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI + (reverse ? 180 : 0);
  const moving = link.direction !== 'none';
  return (
    <g
      className={`flow-link ${moving ? 'active' : 'idle'}`}
      data-testid={`flow-${link.id}`}
      data-broken="false"
      data-direction={link.direction}
    >
      <line x1={x1} y1={y1} x2={x2} y2={y2} strokeWidth={link.width} />
      {moving ? (
        <>
          <line
            className={`flow-dash ${link.direction}`}
            x1={x1}
            y1={y1}
            x2={x2}
            y2={y2}
            strokeWidth={Math.max(1.5, link.width / 3)}
          />
          <path
            className="flow-chevron"
            d="M-8 -10L6 0L-8 10Z"
            transform={`translate(${mx} ${my}) rotate(${angle})`}
          />
        </>
      ) : null}
    </g>
  );
}

/** A labelled box: the node's name and its value. */
function Node(props: {
  at: keyof typeof CENTER;
  name: string;
  value: string;
  dim?: boolean;
  fill?: number;
}): JSX.Element {
  const [x, y] = CENTER[props.at];
  const h = BOX_H;
  return (
    <g className={`flow-node ${props.at}${props.dim ? ' dim' : ''}`}>
      <rect x={x - BOX_W / 2} y={y - h / 2} width={BOX_W} height={h} rx={8} />
      {props.fill !== undefined ? (
        <rect
          className="flow-soc"
          x={x - BOX_W / 2 + 4}
          y={y - h / 2 + 4}
          width={(BOX_W - 8) * props.fill}
          height={h - 8}
          rx={5}
        />
      ) : null}
      <text x={x} y={y - 12} className="flow-name">
        {props.name}
      </text>
      <text x={x} y={y + 13} className={props.dim ? 'flow-value small' : 'flow-value'}>
        {props.value}
      </text>
    </g>
  );
}

const shown = (w: number | null): string => (w === null ? STALE_TEXT : formatPower(w));

/**
 * Where the power goes right now: grid, PV, house, inverter and battery, with lines whose
 * thickness grows with the power and whose dashes move the way it flows. A stale or
 * unmeasured link is drawn broken, never with its last value.
 */
export function PowerFlow(props: { snapshot: EmsSnapshot; current: boolean }): JSX.Element {
  const s = props.snapshot;
  const c = props.current;
  const links = flowLinks(s, c);
  const house = c ? houseNetW(s.gridW, s.inverterW) : null;
  const inverter = links.find((l) => l.id === 'inverter')?.watts ?? null;
  const battery = links.find((l) => l.id === 'battery')?.watts ?? null;
  const soc = c ? s.soc : null;
  const summary = links
    .map((l) => `${l.id} ${l.broken ? 'stale' : `${shown(l.watts)} ${l.direction}`}`)
    .join(', ');
  return (
    <section className="panel flow" aria-labelledby="flow-title">
      <h2 id="flow-title">Power flow</h2>
      <svg
        className="flow-svg"
        viewBox="0 0 340 360"
        role="img"
        aria-label={`Power flow: ${summary}`}
        data-testid="power-flow"
      >
        {links.map((l) => (
          <Link key={l.id} link={l} />
        ))}
        <circle className="flow-bus" cx={BUS[0]} cy={BUS[1]} r={7} />
        <Node at="pv" name="PV" value="no meter" dim />
        <Node at="grid" name="Grid" value={shown(c ? s.gridW : null)} />
        <Node at="house" name="House (net)" value={shown(house)} />
        <Node at="inverter" name="Inverter" value={shown(inverter)} />
        <Node
          at="battery"
          name="Battery"
          value={soc === null ? STALE_TEXT : formatPercent(soc)}
          fill={soc === null ? 0 : Math.max(0, Math.min(100, soc)) / 100}
        />
        <text x={182} y={279} className="flow-side">
          {shown(battery)}
        </text>
      </svg>
    </section>
  );
}
