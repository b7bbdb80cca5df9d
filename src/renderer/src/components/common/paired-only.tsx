import type { JSX, ReactNode } from 'react';
import { useEms } from '../../store/store-context';
import { useAccess } from './use-access';

/**
 * Controls and tools only for a page that may use them: the desktop window, or a browser
 * paired with the host (docs/security.md). An unpaired browser sees, in their place, what
 * they are and a way to the pairing section on Settings; the host would refuse their
 * requests anyway, so offering them would only produce errors. Nothing shows until main
 * has said which it is, so a control never flashes up and vanishes.
 */
export function PairedOnly(props: {
  /** What is held back, to finish "Pair this browser to use ...": "the controls". */
  readonly what: string;
  /** A one-line prompt (beside other content) rather than a panel. */
  readonly inline?: boolean;
  readonly children: ReactNode;
}): JSX.Element | null {
  const access = useAccess();
  if (access === 'authorised') return <>{props.children}</>;
  if (access === 'unknown') return null;
  return <PairPrompt what={props.what} inline={props.inline === true} />;
}

function PairPrompt(props: { what: string; inline: boolean }): JSX.Element {
  const setScreen = useEms((s) => s.setScreen);
  const button = (
    <button
      type="button"
      className="btn"
      data-testid="btn-go-pair"
      onClick={() => setScreen('settings')}
    >
      Pair this browser
    </button>
  );
  if (props.inline)
    return (
      <span className="pair-prompt" data-testid="pair-prompt">
        {button}
      </span>
    );
  return (
    <section className="panel pair-prompt" aria-label="Pairing needed" data-testid="pair-prompt">
      <p>
        Pair this browser to use {props.what}. Until then it shows the live view, trends and faults
        read-only. The pairing code is printed by the host (or shown by the desktop app).
      </p>
      {button}
    </section>
  );
}

/** A whole screen that only a paired page may use; the prompt takes the screen's place. */
export function pairedScreen(what: string, View: () => JSX.Element): () => JSX.Element {
  return function PairedScreen(): JSX.Element {
    const access = useAccess();
    if (access === 'authorised') return <View />;
    return (
      <main className="screen tool" aria-busy={access === 'unknown'}>
        {access === 'read-only' ? <PairPrompt what={what} inline={false} /> : null}
      </main>
    );
  };
}
