import type { JSX } from 'react';
import { downloadText } from '../../export/download';
import { exportFileName, faultLogCsv } from '../../export/csv';
import { selectSelectedFault } from '../../store/selectors';
import { useEms, useEmsStoreApi } from '../../store/store-context';
import { ActiveFaults } from './active-faults';
import { EventList } from './event-list';
import { FaultDetail } from './fault-detail';
import { FaultLogTable } from './fault-log-table';

/** Why did it fault: active faults, the log, and the measurements around each entry. */
export function FaultsScreen(): JSX.Element {
  const selected = useEms(selectSelectedFault);
  const store = useEmsStoreApi();
  const exportCsv = (): void => {
    downloadText(exportFileName('faults', new Date()), faultLogCsv(store.getState().faultLog));
  };
  return (
    <main className="screen faults" aria-label="Faults">
      <div className="faults-col">
        <ActiveFaults />
        <EventList />
      </div>
      <div className="faults-col">
        <section className="panel" aria-labelledby="log-title">
          <div className="trend-bar" style={{ justifyContent: 'space-between' }}>
            <h2 id="log-title">Fault log</h2>
            <button
              type="button"
              className="btn"
              data-testid="btn-export-faults-csv"
              onClick={exportCsv}
            >
              Export fault log CSV
            </button>
          </div>
          <FaultLogTable />
        </section>
        <FaultDetail entry={selected} />
      </div>
    </main>
  );
}
