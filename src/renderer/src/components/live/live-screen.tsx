import type { JSX } from 'react';
import type { EmsSnapshot } from '../../../../shared/snapshot';
import { PairedOnly } from '../common/paired-only';
import { ControlPanel } from '../control/control-panel';
import { ExternalPanel } from '../external/external-panel';
import { BmsPanel } from './bms-panel';
import { LinksPanel } from './links-panel';
import { PowerFlow } from './power-flow';
import { PowerTiles } from './power-tiles';
import { RecentEvents } from './recent-events';
import { StatusPanel } from './status-panel';

/**
 * The live view: everything the site does now, and the controls beside it, with the links
 * under the controls (check them before taking control). The order in the page is the order
 * on a phone (tiles, controls, links, picture, details); live.css places the same blocks in
 * columns where the window is wide enough.
 */
export function LiveScreen(props: { snapshot: EmsSnapshot; current: boolean }): JSX.Element {
  const { snapshot, current } = props;
  return (
    <main className="screen live" aria-label="Live view">
      <div className="live-top">
        <PowerTiles snapshot={snapshot} current={current} />
        <ExternalPanel snapshot={snapshot} current={current} />
      </div>
      <div className="live-side">
        <PairedOnly what="the controls">
          <ControlPanel snapshot={snapshot} current={current} />
        </PairedOnly>
        <LinksPanel snapshot={snapshot} current={current} />
      </div>
      <div className="live-panels">
        <div className="panels">
          <div className="area-flow">
            <PowerFlow snapshot={snapshot} current={current} />
          </div>
          <div className="area-status">
            <StatusPanel snapshot={snapshot} current={current} />
          </div>
          <div className="area-bms">
            <BmsPanel bms={snapshot.bms} hasBms={snapshot.links.bms !== null} current={current} />
          </div>
          <div className="area-events">
            <RecentEvents />
          </div>
        </div>
      </div>
    </main>
  );
}
