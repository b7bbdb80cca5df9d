import type { JSX } from 'react';
import type { LinkId } from '../../../../shared/ems-names';
import type { EmsSnapshot, LinkStatus } from '../../../../shared/snapshot';
import { STALE_TEXT, formatAge } from '../../format/format-values';
import { healthWords } from '../../format/ems-words';

const LINK_NAMES: Readonly<Record<LinkId, string>> = {
  meter: 'Grid meter (Modbus)',
  inverter: 'Inverter (Modbus)',
  bms: 'BMS (CAN)',
};

function LinkRow(props: { id: LinkId; link: LinkStatus; current: boolean }): JSX.Element {
  const { link, current } = props;
  return (
    <div className="link-row">
      <div>{LINK_NAMES[props.id]}</div>
      <div
        data-testid={`link-${props.id}`}
        data-health={current ? link.health : undefined}
        data-stale={current ? 'false' : 'true'}
      >
        {current ? (
          <>
            <span className={`health-${link.health}`}>{healthWords(link.health)}</span>
            {`, last seen ${formatAge(link.ageMs)}`}
          </>
        ) : (
          STALE_TEXT
        )}
      </div>
      {current && link.lastError ? (
        <div className="link-err" title={link.lastError}>
          {link.lastError}
        </div>
      ) : null}
    </div>
  );
}

/** Health of every watched link and how old its newest data is. */
export function LinksPanel(props: { snapshot: EmsSnapshot; current: boolean }): JSX.Element {
  const { links } = props.snapshot;
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title">Links</h2>
      <LinkRow id="meter" link={links.meter} current={props.current} />
      <LinkRow id="inverter" link={links.inverter} current={props.current} />
      {links.bms ? <LinkRow id="bms" link={links.bms} current={props.current} /> : null}
    </section>
  );
}
