import { withActiveOrganization } from './active-organization';
import { request, run } from './cloudformation';
import { parsePhysicalId, physicalId, planDelete } from '../../src/handlers/identity-provider/plan';
import { ResourceType } from '../../src/private/constants';
import { IdentityProviderResourceProperties } from '../../src/private/identity-center-properties';
import { IdentityProviderConfiguration, organizationIdentity } from '../emulator/workmail/identity';

const context = withActiveOrganization();

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b3c4d5e6f7';
const OTHER_INSTANCE = 'arn:aws:sso:::instance/ssoins-99990000aaaabbbb';
const CONSOLE_APPLICATION = 'arn:aws:sso::123456789012:application/ssoins-7223a1b3c4d5e6f7/apl-0123456789abcdef';

let props: IdentityProviderResourceProperties;

beforeEach(() => {
  const identity = context.emulator.identity();
  identity.instances.add(INSTANCE);
  identity.instances.add(OTHER_INSTANCE);
  identity.applications.set(CONSOLE_APPLICATION, INSTANCE);
  props = {
    OrganizationId: context.organizationId,
    InstanceArn: INSTANCE,
    ApplicationName: 'WorkMail-corp',
    AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
    PersonalAccessTokenStatus: 'ACTIVE',
    PersonalAccessTokenLifetimeInDays: '90',
  };
});

const create = (properties: IdentityProviderResourceProperties) => request(ResourceType.IDENTITY_PROVIDER, 'Create', properties);
const update = (id: string, old: IdentityProviderResourceProperties, properties: IdentityProviderResourceProperties) =>
  request(ResourceType.IDENTITY_PROVIDER, 'Update', properties, { PhysicalResourceId: id, OldResourceProperties: old });
const remove = (id: string, properties: IdentityProviderResourceProperties) =>
  request(ResourceType.IDENTITY_PROVIDER, 'Delete', properties, { PhysicalResourceId: id });

const live = (organizationId = context.organizationId) => organizationIdentity(context.emulator.organization(organizationId)).configuration;
const applications = () => [...context.emulator.identity().applications.keys()];

/** What the console's Enable leaves: its own application, both sign-ins, tokens for 365 days. */
const CONSOLE: IdentityProviderConfiguration = {
  AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
  IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn: CONSOLE_APPLICATION },
  PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 365 },
};
const configureInConsole = (organizationId = context.organizationId) => {
  organizationIdentity(context.emulator.organization(organizationId)).configuration = structuredClone(CONSOLE);
};

describe('create', () => {
  test('creates the WorkMail application in the instance and configures the organization with it', async () => {
    const outcome = await run(create(props));
    const [application] = applications().filter((arn) => arn !== CONSOLE_APPLICATION);
    expect(application).toMatch(/^arn:aws:sso::123456789012:application\/ssoins-7223a1b3c4d5e6f7\/apl-[0-9a-f]{16}$/);
    expect(live()).toEqual({
      AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
      IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn: application },
      PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 90 },
    });
    expect(parsePhysicalId(outcome.PhysicalResourceId)).toEqual({ organizationId: context.organizationId, createdApplicationArn: application });
    expect(outcome.Data).toEqual({ ApplicationArn: application });
    expect(context.emulator.callsTo('CreateIdentityCenterApplication')[0].input).toMatchObject({ Name: 'WorkMail-corp', InstanceArn: INSTANCE });
  });

  test('uses the application the properties name, and creates none', async () => {
    const outcome = await run(create({ ...props, ApplicationArn: CONSOLE_APPLICATION, PersonalAccessTokenLifetimeInDays: undefined }));
    expect(context.emulator.callsTo('CreateIdentityCenterApplication')).toHaveLength(0);
    expect(live()?.IdentityCenterConfiguration.ApplicationArn).toBe(CONSOLE_APPLICATION);
    expect(live()?.PersonalAccessTokenConfiguration).toEqual({ Status: 'ACTIVE' });
    expect(parsePhysicalId(outcome.PhysicalResourceId)).toEqual({ organizationId: context.organizationId });
  });

  test('a redelivered create finds its own configuration: one application, nothing recorded as previous', async () => {
    const event = create(props);
    const first = await run(event);
    const second = await run(event);
    expect(second.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(applications()).toHaveLength(2);
    await run(remove(second.PhysicalResourceId, props));
    expect(live()).toBeUndefined();
    expect(applications()).toEqual([CONSOLE_APPLICATION]);
  });

  test('a configuration the stack did not make is refused, naming both ways on, and left as it was', async () => {
    configureInConsole();
    await expect(run(create(props))).rejects.toThrow(
      `The IAM Identity Center configuration of organization ${context.organizationId} `
      + `(IDENTITY_PROVIDER_AND_DIRECTORY, instance ${INSTANCE}, application ${CONSOLE_APPLICATION}) already exists and this stack did not make it`,
    );
    await expect(run(create(props))).rejects.toThrow(/or disable IAM Identity Center in the WorkMail console first.*or pass adoptExisting: true to IdentityCenter/);
    expect(live()).toEqual(CONSOLE);
    // The application each refused request created is gone again.
    expect(context.emulator.callsTo('CreateIdentityCenterApplication')).toHaveLength(2);
    expect(applications()).toEqual([CONSOLE_APPLICATION]);
    expect(context.emulator.callsTo('PutIdentityProviderConfiguration')).toHaveLength(0);
  });

  test('an application of another instance is explained', async () => {
    await expect(run(create({ ...props, InstanceArn: OTHER_INSTANCE, ApplicationArn: CONSOLE_APPLICATION })))
      .rejects.toThrow(/InvalidParameterException: Application .* does not belong to instance/);
    const gone = CONSOLE_APPLICATION.replace('0123456789abcdef', 'ffffffffffffffff');
    await expect(run(create({ ...props, ApplicationArn: gone })))
      .rejects.toThrow(`WorkMail cannot find the Identity Center application ${gone} for organization ${context.organizationId}`);
    expect(live()).toBeUndefined();
  });

  test('an instance the account does not have is refused by WorkMail, and nothing is configured', async () => {
    await expect(run(create({ ...props, InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000' })))
      .rejects.toThrow(/CreateIdentityCenterApplication failed with InvalidParameterException/);
    expect(live()).toBeUndefined();
  });
});

describe('adoption', () => {
  test('adoptExisting takes the configuration over, and removal restores it exactly', async () => {
    configureInConsole();
    const adopt = { ...props, AdoptExisting: 'true', AuthenticationMode: 'IDENTITY_PROVIDER_ONLY', PersonalAccessTokenStatus: 'INACTIVE' };
    const outcome = await run(create(adopt));
    expect(live()).toMatchObject({ AuthenticationMode: 'IDENTITY_PROVIDER_ONLY', PersonalAccessTokenConfiguration: { Status: 'INACTIVE', LifetimeInDays: 90 } });
    expect(parsePhysicalId(outcome.PhysicalResourceId)?.previous).toEqual({
      authenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
      instanceArn: INSTANCE,
      applicationArn: CONSOLE_APPLICATION,
      tokenStatus: 'ACTIVE',
      tokenLifetimeInDays: 365,
    });
    await run(remove(outcome.PhysicalResourceId, adopt));
    expect(live()).toEqual(CONSOLE);
    // The application this resource created is gone; the console's stays.
    expect(applications()).toEqual([CONSOLE_APPLICATION]);
  });

  test('adopting with the console\'s own application creates none, and removal restores the configuration', async () => {
    configureInConsole();
    const adopt = { ...props, AdoptExisting: 'true', ApplicationArn: CONSOLE_APPLICATION };
    const outcome = await run(create(adopt));
    await run(remove(outcome.PhysicalResourceId, adopt));
    expect(live()).toEqual(CONSOLE);
    expect(applications()).toEqual([CONSOLE_APPLICATION]);
    expect(context.emulator.callsTo('DeleteIdentityCenterApplication')).toHaveLength(0);
  });
});

describe('update', () => {
  test('a new mode and token lifetime are put in place, keeping the application and the physical id', async () => {
    const created = await run(create(props));
    const changed = { ...props, AuthenticationMode: 'IDENTITY_PROVIDER_ONLY', PersonalAccessTokenLifetimeInDays: '30' };
    const updated = await run(update(created.PhysicalResourceId, props, changed));
    expect(updated.PhysicalResourceId).toBe(created.PhysicalResourceId);
    expect(live()).toMatchObject({ AuthenticationMode: 'IDENTITY_PROVIDER_ONLY', PersonalAccessTokenConfiguration: { LifetimeInDays: 30 } });
    expect(context.emulator.callsTo('CreateIdentityCenterApplication')).toHaveLength(1);
    // Rollback: the old properties again.
    await run(update(updated.PhysicalResourceId, changed, props));
    expect(live()).toMatchObject({ AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY', PersonalAccessTokenConfiguration: { LifetimeInDays: 90 } });
  });

  test('another instance without an application of it is refused before anything changes: a new application cannot roll back safely', async () => {
    configureInConsole();
    const adopt = { ...props, AdoptExisting: 'true' };
    const created = await run(create(adopt));
    const before = { configuration: live(), applications: applications() };
    await expect(run(update(created.PhysicalResourceId, adopt, { ...adopt, InstanceArn: OTHER_INSTANCE })))
      .rejects.toThrow(new RegExp(`would need a new WorkMail application in instance ${OTHER_INSTANCE}.*belongs to another instance.*`
        + 'nothing was changed. Either pass applicationArn .* or remove the IdentityCenter in one deployment and add it back in the next'));
    expect({ configuration: live(), applications: applications() }).toEqual(before);
  });

  test('properties that named the application, then none, are refused: the resource has no application of its own', async () => {
    const named = { ...props, ApplicationName: undefined, ApplicationArn: CONSOLE_APPLICATION };
    const created = await run(create(named));
    await expect(run(update(created.PhysicalResourceId, named, props))).rejects.toThrow(/this resource has created none/);
    expect(live()?.IdentityCenterConfiguration.ApplicationArn).toBe(CONSOLE_APPLICATION);
  });

  test('another instance with its application: in place, and a rollback then the removal give back what was there', async () => {
    configureInConsole();
    const otherApplication = 'arn:aws:sso::123456789012:application/ssoins-99990000aaaabbbb/apl-00000000000000aa';
    context.emulator.identity().applications.set(otherApplication, OTHER_INSTANCE);
    const adopt = { ...props, AdoptExisting: 'true' };
    const created = await run(create(adopt));
    const ownApplication = parsePhysicalId(created.PhysicalResourceId)!.createdApplicationArn!;
    const moved = { ...adopt, ApplicationName: undefined, InstanceArn: OTHER_INSTANCE, ApplicationArn: otherApplication };
    const updated = await run(update(created.PhysicalResourceId, adopt, moved));
    expect(updated.PhysicalResourceId).toBe(created.PhysicalResourceId);
    expect(live()?.IdentityCenterConfiguration).toEqual({ InstanceArn: OTHER_INSTANCE, ApplicationArn: otherApplication });
    // The stack update fails later: CloudFormation sends the old properties to the same physical id.
    await run(update(updated.PhysicalResourceId, moved, adopt));
    expect(live()?.IdentityCenterConfiguration).toEqual({ InstanceArn: INSTANCE, ApplicationArn: ownApplication });
    // The stack goes: the console's configuration is back, and the application the resource created is gone.
    await run(remove(created.PhysicalResourceId, adopt));
    expect(live()).toEqual(CONSOLE);
    expect(applications().sort()).toEqual([CONSOLE_APPLICATION, otherApplication].sort());
  });

  test('a moved construct takes the configuration over with the application it uses; the old resource\'s delete leaves both', async () => {
    const old = await run(create(props));
    const application = parsePhysicalId(old.PhysicalResourceId)!.createdApplicationArn!;
    const moved = await run(request(ResourceType.IDENTITY_PROVIDER, 'Create', { ...props, PersonalAccessTokenStatus: 'INACTIVE' }, { LogicalResourceId: 'Moved' }));
    expect(parsePhysicalId(moved.PhysicalResourceId)).toEqual({ organizationId: context.organizationId, previous: 'unknown' });
    expect(context.emulator.callsTo('CreateIdentityCenterApplication')).toHaveLength(1);
    await run(remove(old.PhysicalResourceId, props));
    const expected = {
      AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
      IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn: application },
      PersonalAccessTokenConfiguration: { Status: 'INACTIVE', LifetimeInDays: 90 },
    };
    expect(live()).toEqual(expected);
    expect(applications()).toContain(application);
    // The moved resource cannot know what was there before the stack: its removal leaves the configuration.
    await run(request(ResourceType.IDENTITY_PROVIDER, 'Delete', { ...props, PersonalAccessTokenStatus: 'INACTIVE' },
      { PhysicalResourceId: moved.PhysicalResourceId, LogicalResourceId: 'Moved' }));
    expect(live()).toEqual(expected);
    expect(applications()).toContain(application);
  });

  test('a move rolled back keeps the configuration and the old resource\'s application, which its removal leaves in use', async () => {
    const old = await run(create(props));
    const application = parsePhysicalId(old.PhysicalResourceId)!.createdApplicationArn!;
    const movedProps = { ...props, AuthenticationMode: 'IDENTITY_PROVIDER_ONLY' };
    const moved = await run(request(ResourceType.IDENTITY_PROVIDER, 'Create', movedProps, { LogicalResourceId: 'Moved' }));
    // The stack update fails: CloudFormation deletes the new resource, and the old one stays.
    await run(request(ResourceType.IDENTITY_PROVIDER, 'Delete', movedProps, { PhysicalResourceId: moved.PhysicalResourceId, LogicalResourceId: 'Moved' }));
    const kept = { ...live()! };
    expect(kept).toMatchObject({ AuthenticationMode: 'IDENTITY_PROVIDER_ONLY', IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn: application } });
    // The configuration is no longer what the old resource wrote: its removal leaves it, with the application it uses.
    await run(remove(old.PhysicalResourceId, props));
    expect(live()).toEqual(kept);
    expect(applications()).toContain(application);
  });

  test('a move to another organization configures it; the old organization gets its configuration back', async () => {
    const created = await run(create(props));
    const second = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'second' }))).PhysicalResourceId;
    const moved = { ...props, OrganizationId: second };
    const updated = await run(update(created.PhysicalResourceId, props, moved));
    expect(parsePhysicalId(updated.PhysicalResourceId)?.organizationId).toBe(second);
    await run(remove(created.PhysicalResourceId, props));
    expect(live()).toBeUndefined();
    const application = parsePhysicalId(updated.PhysicalResourceId)!.createdApplicationArn!;
    expect(live(second)?.IdentityCenterConfiguration.ApplicationArn).toBe(application);
    expect(applications()).toContain(application);
  });
});

describe('delete', () => {
  test('removes the configuration when there was none, and the application it created', async () => {
    const outcome = await run(create(props));
    await run(remove(outcome.PhysicalResourceId, props));
    expect(live()).toBeUndefined();
    expect(applications()).toEqual([CONSOLE_APPLICATION]);
  });

  test('a configuration changed outside since is left alone, with the application it still uses', async () => {
    const outcome = await run(create(props));
    organizationIdentity(context.emulator.organization(context.organizationId)).configuration!
      .PersonalAccessTokenConfiguration.Status = 'INACTIVE';
    const changed = structuredClone(live());
    await run(remove(outcome.PhysicalResourceId, props));
    expect(live()).toEqual(changed);
    expect(applications()).toContain(changed!.IdentityCenterConfiguration.ApplicationArn);
  });

  test('a configuration deleted outside stays deleted; the created application goes', async () => {
    const outcome = await run(create(props));
    organizationIdentity(context.emulator.organization(context.organizationId)).configuration = undefined;
    await run(remove(outcome.PhysicalResourceId, props));
    expect(live()).toBeUndefined();
    expect(applications()).toEqual([CONSOLE_APPLICATION]);
  });

  test('after a failed create, or with the organization gone, there is nothing to do', async () => {
    await run(remove('request-failed', props));
    expect(context.emulator.calls.filter((call) => call.operation.includes('Identity'))).toHaveLength(0);
    const outcome = await run(create(props));
    context.emulator.organization(context.organizationId).purged = true;
    await run(remove(outcome.PhysicalResourceId, props));
    expect(applications()).toEqual([CONSOLE_APPLICATION]);
  });
});

describe('physical id', () => {
  test('records and reads back every part', () => {
    const recorded = {
      organizationId: 'm-0123456789abcdef0123456789abcdef',
      createdApplicationArn: CONSOLE_APPLICATION,
      previous: { authenticationMode: 'IDENTITY_PROVIDER_ONLY', instanceArn: INSTANCE, applicationArn: CONSOLE_APPLICATION, tokenStatus: 'INACTIVE' },
    };
    expect(parsePhysicalId(physicalId(recorded))).toEqual({ ...recorded, previous: { ...recorded.previous, tokenLifetimeInDays: undefined } });
    expect(parsePhysicalId(physicalId({ organizationId: recorded.organizationId }))).toEqual({ organizationId: recorded.organizationId });
    expect(parsePhysicalId(`${recorded.organizationId}|retention-policy|none`)).toBeUndefined();
    expect(parsePhysicalId(`${recorded.organizationId}|identity-provider|-|other`)).toBeUndefined();
    expect(parsePhysicalId(physicalId({ organizationId: recorded.organizationId, previous: 'unknown' })))
      .toEqual({ organizationId: recorded.organizationId, previous: 'unknown' });
  });

  test('delete plans nothing for the configuration when the live one is not what was written', () => {
    const written = { authenticationMode: 'IDENTITY_PROVIDER_ONLY', instanceArn: INSTANCE, applicationArn: CONSOLE_APPLICATION, tokenStatus: 'ACTIVE' };
    const recorded = { organizationId: 'm-0123456789abcdef0123456789abcdef' };
    expect(planDelete(recorded, written, { ...written, tokenStatus: 'INACTIVE' }, true)).toEqual([]);
    expect(planDelete(recorded, written, written, true)).toEqual([{ kind: 'DeleteIdentityProviderConfiguration', organizationId: recorded.organizationId }]);
  });

  test('delete leaves a configuration another resource claimed, or one taken over from the stack', () => {
    const written = { authenticationMode: 'IDENTITY_PROVIDER_ONLY', instanceArn: INSTANCE, applicationArn: CONSOLE_APPLICATION, tokenStatus: 'ACTIVE' };
    const organizationId = 'm-0123456789abcdef0123456789abcdef';
    expect(planDelete({ organizationId }, written, written, false)).toEqual([]);
    expect(planDelete({ organizationId, previous: 'unknown' }, written, written, true)).toEqual([]);
  });
});
