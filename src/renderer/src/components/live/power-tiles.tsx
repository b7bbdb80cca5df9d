import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { formatPercent } from '../../format/format-values';
import {
  batteryWords,
  gridWords,
  houseNetW,
  houseWords,
  type PowerWords,
} from '../../format/power-words';
import { LiveValue } from '../common/live-value';

function Words(props: { words: PowerWords }): JSX.Element {
  // The space keeps the element's text readable as one phrase ("importing 1.20 kW").
  return (
    <>
      <span className="dir">{props.words.direction}</span>{' '}
      <span className="big">{props.words.magnitude}</span>
    </>
  );
}

function PowerTile(props: {
  label: string;
  testId?: string;
  watts: number | null;
  words: (w: number) => PowerWords;
  note: string;
  current: boolean;
}): JSX.Element {
  return (
    <div className="tile">
      <div className="label">{props.label}</div>
      <LiveValue testId={props.testId} value={props.watts} current={props.current}>
        {props.watts === null ? null : <Words words={props.words(props.watts)} />}
      </LiveValue>
      <div className="note">{props.note}</div>
    </div>
  );
}

/** The four numbers a technician looks at first: grid, battery, house (derived), SOC. */
export function PowerTiles(props: { snapshot: EmsSnapshot; current: boolean }): JSX.Element {
  const s = props.snapshot;
  const house = houseNetW(s.gridW, s.inverterW);
  return (
    <div className="tiles">
      <PowerTile
        label="Grid"
        testId="live-grid-w"
        watts={s.gridW}
        words={gridWords}
        note="meter"
        current={props.current}
      />
      <PowerTile
        label="Battery (inverter)"
        testId="live-battery-w"
        watts={s.inverterW}
        words={(w) => batteryWords(w)}
        note="inverter AC power"
        current={props.current}
      />
      <PowerTile
        label="House, derived"
        watts={house}
        words={houseWords}
        note="load − PV = grid + battery (not measured)"
        current={props.current}
      />
      <div className="tile">
        <div className="label">State of charge</div>
        <LiveValue testId="live-soc" value={s.soc} current={props.current} className="big">
          {formatPercent(s.soc)}
        </LiveValue>
        <div className="note">
          window {s.socWindow.minPct}–{s.socWindow.maxPct} %
          {s.links.bms ? ', from the BMS' : ', from the inverter'}
        </div>
      </div>
    </div>
  );
}
