import { CreateOrganizationCommand, UpdateDefaultMailDomainCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { ResourceType } from '../../src/private/constants';
import { DomainResourceProperties, DomainVerificationResourceProperties } from '../../src/private/domain-properties';
import { WorkMailEmulator } from '../emulator';
import { request, run, startEmulator } from './cloudformation';

const MISSING_PHYSICAL_ID = 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID';

let emulator: WorkMailEmulator;
let workmail: WorkMailClient;
let organizationId: string;

beforeAll(async () => {
  emulator = await startEmulator();
  workmail = new WorkMailClient({ region: emulator.region, endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.reset();
  emulator.setCreationSteps(0);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  organizationId = (await workmail.send(new CreateOrganizationCommand({ Alias: 'corp' }))).OrganizationId!;
});

const domainProps = (extra: Partial<DomainResourceProperties> = {}): DomainResourceProperties =>
  ({ OrganizationId: organizationId, DomainName: 'example.com', ...extra });
const verificationProps = (extra: Partial<DomainVerificationResourceProperties> = {}): DomainVerificationResourceProperties =>
  ({ OrganizationId: organizationId, DomainName: 'example.com', Default: 'false', Wait: 'true', TimeoutSeconds: '1800', ...extra });

const createDomain = (props = domainProps()) => request(ResourceType.DOMAIN, 'Create', props);
const updateDomain = (oldProps: DomainResourceProperties, props: DomainResourceProperties, physicalId = 'example.com') =>
  request(ResourceType.DOMAIN, 'Update', props, { PhysicalResourceId: physicalId, OldResourceProperties: oldProps });
const deleteDomain = (props = domainProps(), physicalId = 'example.com') =>
  request(ResourceType.DOMAIN, 'Delete', props, { PhysicalResourceId: physicalId });

const verify = (requestType: 'Create' | 'Update' | 'Delete', props: DomainVerificationResourceProperties, oldProps?: DomainVerificationResourceProperties) =>
  request(ResourceType.DOMAIN_VERIFICATION, requestType, props, {
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: props.DomainName }),
    ...(oldProps ? { OldResourceProperties: oldProps } : {}),
  });

const writes = () => emulator.calls.filter((call) => !/^(Describe|Get|List)/.test(call.operation));
const defaultDomain = () => emulator.organization(organizationId).defaultMailDomain;

describe('Custom::WorkMailDomain', () => {
  test('registers with a client token and returns every record and the statuses as attributes', async () => {
    const { PhysicalResourceId, Data } = await run(createDomain());
    expect(PhysicalResourceId).toBe('example.com');
    const records = emulator.mailDomain(organizationId, 'example.com').records;
    const value = (type: string, hostname: string) => records.find((r) => r.Type === type && r.Hostname === hostname)!.Value;
    const dkim = records.filter((r) => r.Hostname.includes('._domainkey.')).sort((a, b) => (a.Hostname < b.Hostname ? -1 : 1));
    expect(Data).toEqual({
      StartedAt: expect.any(String),
      OwnershipValue: value('TXT', '_amazonses.example.com.'),
      MxValue: '10 inbound-smtp.us-east-1.amazonaws.com.',
      AutodiscoverValue: 'autodiscover.mail.us-east-1.awsapps.com.',
      SpfValue: 'v=spf1 include:amazonses.com ~all',
      DmarcValue: value('TXT', '_dmarc.example.com.'),
      Dkim1Name: dkim[0].Hostname,
      Dkim1Value: dkim[0].Value,
      Dkim2Name: dkim[1].Hostname,
      Dkim2Value: dkim[1].Value,
      Dkim3Name: dkim[2].Hostname,
      Dkim3Value: dkim[2].Value,
      OwnershipVerificationStatus: 'PENDING',
      DkimVerificationStatus: 'PENDING',
    });
    expect(emulator.callsTo('RegisterMailDomain')[0].input).toEqual({
      OrganizationId: organizationId, DomainName: 'example.com', ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('a redelivered create sends the same token and registers once', async () => {
    const event = createDomain();
    await run(event);
    await run(event);
    const tokens = emulator.callsTo('RegisterMailDomain').map((call) => call.input.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(tokens[0]);
    expect([...emulator.organization(organizationId).mailDomains.keys()]).toEqual(['corp.awsapps.com', 'example.com']);
  });

  test('survives throttling and waits while the new domain is not visible yet', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'RegisterMailDomain', count: 2 });
    // The first GetMailDomain is Create's look for a domain registered already; the next two are isComplete's.
    emulator.injectFault({ kind: 'not-found', operation: 'GetMailDomain', errorName: 'MailDomainNotFoundException', count: 3 });
    emulator.injectFault({ kind: 'throttle', operation: 'SetIdentityMailFromDomain', count: 1 });
    const { Data, polls } = await run(createDomain(domainProps({ MailFromDomain: 'mail.example.com' })));
    expect(polls).toBe(3);
    expect(Data.MxValue).toBe('10 inbound-smtp.us-east-1.amazonaws.com.');
    expect(emulator.sesIdentity('example.com')?.mailFromDomain).toBe('mail.example.com');
  });

  test('a domain of another organization is explained', async () => {
    const other = (await workmail.send(new CreateOrganizationCommand({ Alias: 'other' }))).OrganizationId!;
    await run(createDomain(domainProps({ OrganizationId: other })));
    await expect(run(createDomain())).rejects.toThrow(
      /^RegisterMailDomain failed with MailDomainInUseException: .*\(the domain is registered in another WorkMail organization/,
    );
  });

  test('updates the MAIL FROM domain in place', async () => {
    const props = domainProps();
    await run(createDomain(props));
    const withMailFrom = domainProps({ MailFromDomain: 'mail.example.com' });
    await run(updateDomain(props, withMailFrom));
    expect(emulator.sesIdentity('example.com')).toEqual({ mailFromDomain: 'mail.example.com', behaviorOnMxFailure: 'UseDefaultValue' });
    await run(updateDomain(withMailFrom, props));
    expect(emulator.sesIdentity('example.com')?.mailFromDomain).toBeUndefined();
  });

  test('refuses a new domain name without touching WorkMail, and the rollback succeeds', async () => {
    const props = domainProps();
    await run(createDomain(props));
    const before = writes().length;
    const renamed = domainProps({ DomainName: 'example.org' });
    await expect(run(updateDomain(props, renamed))).rejects.toThrow(/Refusing to change domainName \(example\.com -> example\.org\)/);
    await expect(run(updateDomain(renamed, props))).resolves.toMatchObject({ PhysicalResourceId: 'example.com' });
    expect(writes()).toHaveLength(before);
    expect(emulator.organization(organizationId).mailDomains.has('example.com')).toBe(true);
  });

  test('refuses moving the domain to another organization, and the rollback succeeds', async () => {
    const props = domainProps();
    await run(createDomain(props));
    const other = (await workmail.send(new CreateOrganizationCommand({ Alias: 'elsewhere' }))).OrganizationId!;
    const moved = domainProps({ OrganizationId: other });
    const before = writes().length;
    await expect(run(updateDomain(props, moved))).rejects.toThrow(/Refusing to change organization/);
    await expect(run(updateDomain(moved, props))).resolves.toMatchObject({ PhysicalResourceId: 'example.com' });
    expect(writes()).toHaveLength(before);
    expect(emulator.organization(organizationId).mailDomains.has('example.com')).toBe(true);
  });

  test('delete deregisters, clears its MAIL FROM domain and waits until the domain is gone', async () => {
    const props = domainProps({ MailFromDomain: 'mail.example.com' });
    await run(createDomain(props));
    await run(deleteDomain(props));
    expect(emulator.organization(organizationId).mailDomains.has('example.com')).toBe(false);
    expect(emulator.sesIdentity('example.com')?.mailFromDomain).toBeUndefined();
  });

  test('delete refuses while addresses use the domain, and says what to do', async () => {
    await run(createDomain());
    emulator.addAddress(organizationId, 'alice@example.com', 'user-1');
    await expect(run(deleteDomain())).rejects.toThrow(
      /^Refusing to deregister WorkMail domain example\.com: users, groups, resources or aliases still have addresses on it .*alice@example\.com/,
    );
    expect(emulator.organization(organizationId).mailDomains.has('example.com')).toBe(true);
  });

  test('delete refuses the default domain', async () => {
    await run(createDomain());
    emulator.verifyMailDomain(organizationId, 'example.com');
    await workmail.send(new UpdateDefaultMailDomainCommand({ OrganizationId: organizationId, DomainName: 'example.com' }));
    await expect(run(deleteDomain())).rejects.toThrow(/it is the organization's default domain/);
    expect(emulator.callsTo('DeregisterMailDomain')).toEqual([]);
  });

  test('a domain already gone, or a redelivered delete, succeeds', async () => {
    await run(createDomain());
    const deletion = deleteDomain();
    await run(deletion);
    await expect(run(deletion)).resolves.toMatchObject({ polls: 1 });
  });

  test.each([MISSING_PHYSICAL_ID, 'request-3'])('delete after a failed create (physical id %j) does nothing', async (physicalId) => {
    emulator.reset();
    await expect(run(deleteDomain(domainProps(), physicalId))).resolves.toMatchObject({ polls: 1 });
    expect(emulator.calls).toEqual([]);
  });
});

describe('Custom::WorkMailDomainVerification', () => {
  beforeEach(async () => {
    await run(createDomain());
  });

  test('waits from pending to verified, then makes the domain the default', async () => {
    emulator.verifyMailDomain(organizationId, 'example.com', { afterPolls: 3 });
    const { Data, polls } = await run(verify('Create', verificationProps({ Default: 'true' })));
    expect(polls).toBe(4);
    expect(Data).toMatchObject({ OwnershipVerificationStatus: 'VERIFIED', DkimVerificationStatus: 'VERIFIED' });
    expect(defaultDomain()).toBe('example.com');
    // The default was set once, after the domain was seen verified.
    expect(emulator.calls.map((call) => call.operation).slice(-2)).toEqual(['GetMailDomain', 'UpdateDefaultMailDomain']);
  });

  test('fails after the timeout naming the pending records, and never sets the default', async () => {
    await expect(run(verify('Create', verificationProps({ Default: 'true', TimeoutSeconds: '0' })))).rejects.toThrow(
      'WorkMail domain example.com was not verified within 0 minutes: still pending: ownership TXT _amazonses.example.com. (PENDING); '
      + 'DKIM CNAMEs *._domainkey.example.com. (PENDING).',
    );
    expect(emulator.callsTo('UpdateDefaultMailDomain')).toEqual([]);
  });

  test('without a hosted zone: reports pending statuses, and a default domain fails pointing at the records', async () => {
    const noZone = verificationProps({ Wait: 'false' });
    await expect(run(verify('Create', noZone))).resolves.toMatchObject({
      polls: 1, Data: { OwnershipVerificationStatus: 'PENDING', DkimVerificationStatus: 'PENDING' },
    });
    await expect(run(verify('Create', { ...noZone, Default: 'true' }))).rejects.toThrow(
      /cannot become the default domain yet: it is not verified: .*Publish the records listed in this stack's outputs/,
    );
    emulator.verifyMailDomain(organizationId, 'example.com');
    await run(verify('Create', { ...noZone, Default: 'true' }));
    expect(defaultDomain()).toBe('example.com');
  });

  test('a verification failure stops the wait', async () => {
    emulator.verifyMailDomain(organizationId, 'example.com', { dkim: 'FAILED' });
    await expect(run(verify('Create', verificationProps()))).rejects.toThrow(/WorkMail could not verify domain example\.com: DKIM CNAMEs/);
  });

  test('default switching: un-defaulting gives the default back to the test domain unless another domain has it', async () => {
    emulator.verifyMailDomain(organizationId, 'example.com');
    const asDefault = verificationProps({ Default: 'true' });
    await run(verify('Create', asDefault));
    expect(defaultDomain()).toBe('example.com');

    const notDefault = verificationProps({ Default: 'false' });
    await run(verify('Update', notDefault, asDefault));
    expect(defaultDomain()).toBe('corp.awsapps.com');

    // Another domain becomes the default; dropping default here must not take it away.
    await run(verify('Update', asDefault, notDefault));
    await run(createDomain(domainProps({ DomainName: 'example.org' })));
    emulator.verifyMailDomain(organizationId, 'example.org');
    await run(verify('Create', verificationProps({ DomainName: 'example.org', Default: 'true' })));
    expect(defaultDomain()).toBe('example.org');
    await run(verify('Update', notDefault, asDefault));
    expect(defaultDomain()).toBe('example.org');
  });

  test('delete gives the default back to the test domain, so the domain can be deregistered', async () => {
    emulator.verifyMailDomain(organizationId, 'example.com');
    const asDefault = verificationProps({ Default: 'true' });
    await run(verify('Create', asDefault));
    await run(verify('Delete', asDefault));
    expect(defaultDomain()).toBe('corp.awsapps.com');
    await run(deleteDomain());
    expect(emulator.organization(organizationId).mailDomains.has('example.com')).toBe(false);
  });

  test('delete of a domain already gone, or after a failed create, does nothing', async () => {
    await run(deleteDomain());
    await expect(run(verify('Delete', verificationProps({ Default: 'true' })))).resolves.toMatchObject({ polls: 1 });
    const before = emulator.calls.length;
    const failed = request(ResourceType.DOMAIN_VERIFICATION, 'Delete', verificationProps(), { PhysicalResourceId: MISSING_PHYSICAL_ID });
    await run(failed);
    expect(emulator.calls).toHaveLength(before);
  });

  test('a domain deregistered outside CloudFormation is reported', async () => {
    emulator.organization(organizationId).mailDomains.delete('example.com');
    await expect(run(verify('Create', verificationProps()))).rejects.toThrow(
      /WorkMail domain example\.com is not registered in organization m-[0-9a-f]{32}: it was deregistered outside CloudFormation/,
    );
  });

  test('a redelivered create and throttling change nothing', async () => {
    emulator.verifyMailDomain(organizationId, 'example.com');
    emulator.injectFault({ kind: 'throttle', operation: 'UpdateDefaultMailDomain', count: 2 });
    const event = verify('Create', verificationProps({ Default: 'true' }));
    await run(event);
    await run(event);
    expect(emulator.callsTo('UpdateDefaultMailDomain').filter((call) => call.error === undefined)).toHaveLength(1);
    expect(defaultDomain()).toBe('example.com');
  });
});
