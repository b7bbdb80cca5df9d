import { describe, expect, it } from 'vitest';
import { DEFAULT_UI_PORT, HEADLESS_USAGE, parseHeadlessArgs, uiExposedWarning } from './cli-args';

const SERVER_DEFAULTS = {
  api: false,
  listen: '127.0.0.1',
  tokenFile: null,
  corsOrigins: [],
  insecureHttp: false,
};

describe('headless command line', () => {
  it('defaults: the site active last (else the embedded one), stopped, no UI', () => {
    expect(parseHeadlessArgs([])).toEqual({
      site: null,
      sim: false,
      mode: null,
      ui: false,
      port: DEFAULT_UI_PORT,
      help: false,
      ...SERVER_DEFAULTS,
    });
  });

  it('reads --site, --mode (any case) and --ui with --port, in both forms', () => {
    expect(
      parseHeadlessArgs(['--site', 'a.json', '--mode=self_consumption', '--ui', '--port', '0']),
    ).toEqual({
      site: 'a.json',
      sim: false,
      mode: 'SELF_CONSUMPTION',
      ui: true,
      port: 0,
      help: false,
      ...SERVER_DEFAULTS,
    });
    expect(parseHeadlessArgs(['--ui', '--port=9000']).port).toBe(9000);
    expect(parseHeadlessArgs(['--port', '9001', '--ui']).port).toBe(9001);
  });

  it('--sim asks for the built-in site and goes without --site', () => {
    expect(parseHeadlessArgs(['--sim']).sim).toBe(true);
    expect(() => parseHeadlessArgs(['--sim', '--site', 'a.json'])).toThrow(/--site or --sim/);
  });

  it('--ui alone serves on the default port', () => {
    expect(parseHeadlessArgs(['--ui'])).toMatchObject({ ui: true, port: 8420 });
  });

  it('--api serves without the UI; --listen, --token-file and --cors-origin go with it', () => {
    expect(
      parseHeadlessArgs([
        '--api',
        '--port=0',
        '--listen',
        '0.0.0.0',
        '--token-file',
        '/run/ems/token',
        '--cors-origin',
        'https://scada.example:8443',
        '--cors-origin=http://10.0.0.5',
      ]),
    ).toMatchObject({
      ui: false,
      api: true,
      port: 0,
      listen: '0.0.0.0',
      tokenFile: '/run/ems/token',
      corsOrigins: ['https://scada.example:8443', 'http://10.0.0.5'],
    });
    expect(parseHeadlessArgs(['--ui', '--listen', '::1']).listen).toBe('::1');
  });

  it('--insecure-http goes with a non-loopback --listen only', () => {
    expect(parseHeadlessArgs(['--ui', '--listen', '0.0.0.0', '--insecure-http']).insecureHttp).toBe(
      true,
    );
    expect(() => parseHeadlessArgs(['--ui', '--insecure-http'])).toThrow(
      /--insecure-http is for a non-loopback --listen/,
    );
    expect(() => parseHeadlessArgs(['--ui', '--listen', '127.0.0.2', '--insecure-http'])).toThrow(
      /--insecure-http is for a non-loopback --listen/,
    );
  });

  it('the --ui warning beyond loopback says reads are open to the network', () => {
    expect(uiExposedWarning('0.0.0.0')).toMatch(
      /^warning: --ui on 0\.0\.0\.0: .*can be read by anyone on the network without a token/,
    );
  });

  it.each([
    [['--port', '80a', '--ui'], /--port: "80a" is not a port number/],
    [['--api', '--listen', 'example.com'], /--listen: "example.com" is not an IP address/],
    [['--listen', '0.0.0.0'], /--listen is used with --ui or --api/],
    [
      ['--api', '--cors-origin', 'https://a.example/path'],
      /--cors-origin: "https:\/\/a.example\/path"/,
    ],
    [['--cors-origin', 'https://a.example'], /--cors-origin is used with --ui or --api/],
    [['--ui', '--api'], /--ui already serves the API/],
    [['--api=1'], /--api takes no value/],
    [['--api', '--token-file'], /--token-file needs a value/],
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

  it('the usage text documents the server options', () => {
    for (const flag of [
      '--ui',
      '--api',
      '--listen',
      '--insecure-http',
      '--token-file',
      '--cors-origin',
    ])
      expect(HEADLESS_USAGE).toContain(flag);
    expect(HEADLESS_USAGE).toContain(`default ${DEFAULT_UI_PORT}`);
  });
});
