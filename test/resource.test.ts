import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Group, Organization, Resource, ResourceKind, User } from '../src';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const RESOURCE_ID = 'r-0123456789abcdef0123456789abcdef';

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
  const organization = Organization.fromOrganizationAttributes(stack, 'Org', { organizationId: ORG_ID, alias: 'corp' });
  return { stack, organization };
}
const room = { name: 'room-1', kind: ResourceKind.ROOM, email: 'room-1@corp.awsapps.com' };

describe('Resource', () => {
  test('creates a Custom::WorkMailResource with every property, retained by default', () => {
    const { stack, organization } = setup();
    const alice = new User(stack, 'Alice', { organization, name: 'alice', displayName: 'Alice', email: 'alice@corp.awsapps.com' });
    const resource = new Resource(stack, 'Room', {
      organization,
      ...room,
      description: 'Boardroom, 12 seats',
      aliases: ['boardroom@corp.awsapps.com'],
      bookingOptions: { autoAcceptRequests: false, autoDeclineRecurringRequests: true },
      delegates: [alice],
      hiddenFromGlobalAddressList: true,
    });
    resource.addDelegate(Group.fromGroupId(stack, 'Admins', '87654321-4321-4321-4321-210987654321'));
    Template.fromStack(stack).hasResource('Custom::WorkMailResource', {
      Properties: {
        OrganizationId: ORG_ID,
        Name: 'room-1',
        Type: 'ROOM',
        Email: 'room-1@corp.awsapps.com',
        Description: 'Boardroom, 12 seats',
        Aliases: ['boardroom@corp.awsapps.com'],
        BookingOptions: { AutoAcceptRequests: 'false', AutoDeclineRecurringRequests: 'true' },
        Delegates: [{ Ref: Match.stringLikeRegexp('Alice') }, '87654321-4321-4321-4321-210987654321'],
        HiddenFromGlobalAddressList: 'true',
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('fromResourceId imports by id', () => {
    const { stack } = setup();
    expect(Resource.fromResourceId(stack, 'R', RESOURCE_ID).entityId).toBe(RESOURCE_ID);
    expect(() => Resource.fromResourceId(stack, 'Bad', 'room-1')).toThrow(/invalid resourceId "room-1"/);
  });

  test.each([
    [{ name: 'a'.repeat(21) }, /invalid name/],
    [{ name: 'room 1' }, /invalid name "room 1": it must be 1-20 letters/],
    [{ description: '' }, /invalid description "": it must be 1-64 characters/],
    [{ description: 'd'.repeat(65) }, /invalid description/],
    [{ email: 'room' }, /invalid email "room"/],
  ])('refuses %j', (overrides, message) => {
    const { stack, organization } = setup();
    expect(() => new Resource(stack, 'Room', { organization, ...room, ...overrides })).toThrow(message);
  });

  test('refuses manual booking without delegates, and duplicate delegates', () => {
    const { stack, organization } = setup();
    const resource = new Resource(stack, 'Room', { organization, ...room, bookingOptions: { autoAcceptRequests: false } });
    expect(() => Template.fromStack(stack)).toThrow(/needs at least one delegate to handle them/);
    const bob = User.fromUserId(stack, 'Bob', '12345678-1234-1234-1234-123456789012');
    resource.addDelegate(bob);
    expect(() => resource.addDelegate(bob)).toThrow('Mail/Room: invalid delegates "Mail/Bob": it is already a delegate: add each delegate once.');
  });

  test('enabled: false disables the resource, with or without an address; unset writes no Enabled', () => {
    const { stack, organization } = setup();
    new Resource(stack, 'Closed', { organization, name: 'closed', kind: ResourceKind.ROOM, enabled: false });
    new Resource(stack, 'Remodeled', { organization, ...room, enabled: false });
    new Resource(stack, 'Open', { organization, name: 'open', kind: ResourceKind.EQUIPMENT, email: 'open@corp.awsapps.com', enabled: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::WorkMailResource', { Name: 'closed', Enabled: 'false', Email: Match.absent() });
    template.hasResourceProperties('Custom::WorkMailResource', { Name: 'room-1', Enabled: 'false', Email: 'room-1@corp.awsapps.com' });
    template.hasResourceProperties('Custom::WorkMailResource', { Name: 'open', Enabled: 'true' });
  });

  test('an enabled resource needs an address; a disabled one has no aliases; enabled must be a boolean', () => {
    const { stack, organization } = setup();
    expect(() => new Resource(stack, 'NoAddress', { organization, name: 'a', kind: ResourceKind.ROOM })).toThrow(
      'Mail/NoAddress: invalid email undefined: an enabled resource is registered to WorkMail with an email address: '
      + 'pass email, or set enabled: false to keep the resource disabled.');
    expect(() => new Resource(stack, 'ExplicitlyEnabled', { organization, name: 'b', kind: ResourceKind.ROOM, enabled: true }))
      .toThrow(/ExplicitlyEnabled: invalid email undefined: an enabled resource/);
    expect(() => new Resource(stack, 'Text', { organization, ...room, enabled: 'no' as unknown as boolean }))
      .toThrow('Mail/Text: invalid enabled "no": it must be true or false.');
    const disabled = new Resource(stack, 'Disabled', { organization, ...room, enabled: false });
    disabled.addAlias('boardroom@corp.awsapps.com');
    expect(() => Template.fromStack(stack)).toThrow(/Mail\/Disabled.*aliases need a registered \(enabled\) entity.*disabled users, groups and resources/s);
  });
});

