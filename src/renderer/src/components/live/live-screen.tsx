import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { ControlPanel } from '../control/control-panel';
import { ExternalPanel } from '../external/external-panel';
import { BmsPanel } from './bms-panel';
import { EnergyPanel } from './energy-panel';
import { LinksPanel } from './links-panel';
import { PowerTiles } from './power-tiles';
import { RecentEvents } from './recent-events';
import { StatusPanel } from './status-panel';

/** The live view: everything the site does now, and the controls beside it. */
export function LiveScreen(props: { snapshot: EmsSnapshot; current: boolean }): JSX.Element {
  const { snapshot, current } = props;
  return (
    <main className="screen live" aria-label="Live view">
      <div className="live-left">
        <PowerTiles snapshot={snapshot} current={current} />
        <ExternalPanel snapshot={snapshot} current={current} />
        <div className="panels">
          <StatusPanel snapshot={snapshot} current={current} />
          <BmsPanel bms={snapshot.bms} hasBms={snapshot.links.bms !== null} current={current} />
          <LinksPanel snapshot={snapshot} current={current} />
          <EnergyPanel snapshot={snapshot} />
        </div>
        <RecentEvents />
      </div>
      <ControlPanel snapshot={snapshot} />
    </main>
  );
}
