import { describe, expect, it } from 'vitest';
import { DEFAULT_UI_PORT, HEADLESS_USAGE, parseHeadlessArgs } from './cli-args';

describe('headless command line', () => {
  it('defaults: embedded site, stopped, no UI', () => {
    expect(parseHeadlessArgs([])).toEqual({
      site: null,
      mode: null,
      ui: false,
      port: DEFAULT_UI_PORT,
      help: false,
    });
  });

  it('reads --site, --mode (any case) and --ui with --port, in both forms', () => {
    expect(
      parseHeadlessArgs(['--site', 'a.json', '--mode=self_consumption', '--ui', '--port', '0']),
    ).toEqual({
      site: 'a.json',
      mode: 'SELF_CONSUMPTION',
      ui: true,
      port: 0,
      help: false,
    });
    expect(parseHeadlessArgs(['--ui', '--port=9000']).port).toBe(9000);
    expect(parseHeadlessArgs(['--port', '9001', '--ui']).port).toBe(9001);
  });

  it('--ui alone serves on the default port', () => {
    expect(parseHeadlessArgs(['--ui'])).toMatchObject({ ui: true, port: 8420 });
  });

  it.each([
    [['--port', '80a', '--ui'], /--port: "80a" is not a port number/],
    [['--port', '65536', '--ui'], /--port: "65536"/],
    [['--port', '-1', '--ui'], /--port: "-1"/],
    [['--port', '1.5', '--ui'], /--port: "1.5"/],
    [['--ui', '--port'], /--port needs a value/],
    [['--port', '9000'], /--port is used with --ui/],
    [['--ui=yes'], /--ui takes no value/],
    [['--mode', 'TURBO'], /--mode: unknown mode "TURBO"/],
    [['--site'], /--site needs a value/],
    [['--sight', 'x'], /unknown option "--sight"/],
  ])('%j is refused with an error naming the flag', (argv, message) => {
    expect(() => parseHeadlessArgs(argv)).toThrow(message);
  });

  it('the usage text documents --ui and --port', () => {
    expect(HEADLESS_USAGE).toContain('--ui');
    expect(HEADLESS_USAGE).toContain(`default ${DEFAULT_UI_PORT}`);
  });
});
