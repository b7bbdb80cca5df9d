import { describe, expect, it } from 'vitest';
import { siteIdentity } from './site-identity';

describe('siteIdentity', () => {
  it('takes the id from the site file name and keeps the name from inside it', () => {
    expect(siteIdentity('/etc/ems/plant-room.json', 'Plant room 2')).toEqual({
      id: 'plant-room',
      name: 'Plant room 2',
    });
    expect(siteIdentity('sites/no-extension', 'X')).toEqual({ id: 'no-extension', name: 'X' });
  });

  it('names the built-in simulated site "built-in"', () => {
    expect(siteIdentity(null, 'Built-in simulated site')).toEqual({
      id: 'built-in',
      name: 'Built-in simulated site',
    });
  });
});
