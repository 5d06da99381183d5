import { keepState, parseResourceSettings } from '../../src/handlers/resource/plan';
import { ResourceResourceProperties } from '../../src/private/entity-properties';

const properties = (overrides: Partial<ResourceResourceProperties> = {}): ResourceResourceProperties => ({
  OrganizationId: 'm-0123456789abcdef0123456789abcdef',
  Name: 'room-1',
  Type: 'ROOM',
  Email: 'Room-1@corp.awsapps.com',
  ...overrides,
});

describe('registration of a resource', () => {
  test.each([
    ['no Enabled: enabled', {}, true],
    ['Enabled true: enabled', { Enabled: 'true' }, true],
    ['Enabled false: disabled', { Enabled: 'false' }, false],
    ['Enabled false and no address: disabled', { Enabled: 'false', Email: undefined }, false],
    // Raw properties: without an address nothing can register the resource.
    ['no address: disabled', { Email: undefined }, false],
  ])('%s', (_, overrides, enabled) => {
    expect(parseResourceSettings(properties(overrides)).registration.enabled).toBe(enabled);
  });

  test.each([
    ['ENABLED', 'with an address: stays enabled', {}, true],
    ['DISABLED', 'with an address: stays disabled', {}, false],
    ['ENABLED', 'without an address: keeps its registration (converge leaves it)', { Email: undefined }, false],
    ['DISABLED', 'without an address: stays disabled', { Email: undefined }, false],
  ] as const)('an adopted resource %s, properties without Enabled and %s', (state, _, overrides, registered) => {
    const { registration } = parseResourceSettings(properties(overrides));
    expect(keepState(registration, state)).toEqual({ ...registration, enabled: registered });
  });
});
