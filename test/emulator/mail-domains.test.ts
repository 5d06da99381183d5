import { GetIdentityMailFromDomainAttributesCommand, SESClient, SetIdentityMailFromDomainCommand } from '@aws-sdk/client-ses';
import {
  CreateOrganizationCommand,
  DeregisterMailDomainCommand,
  DescribeOrganizationCommand,
  GetMailDomainCommand,
  ListMailDomainsCommand,
  RegisterMailDomainCommand,
  UpdateDefaultMailDomainCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { WorkMailEmulator } from '.';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let emulator: WorkMailEmulator;
let workmail: WorkMailClient;
let ses: SESClient;

beforeAll(async () => {
  emulator = await WorkMailEmulator.start();
  workmail = new WorkMailClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials, maxAttempts: 3 });
  ses = new SESClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials, maxAttempts: 3 });
});
afterAll(async () => emulator.stop());
beforeEach(() => {
  emulator.reset();
  emulator.setCreationSteps(0);
});

async function organization(alias = 'corp'): Promise<string> {
  const { OrganizationId } = await workmail.send(new CreateOrganizationCommand({ Alias: alias }));
  return OrganizationId!;
}

const get = (OrganizationId: string, DomainName = 'example.com') =>
  workmail.send(new GetMailDomainCommand({ OrganizationId, DomainName }));

describe('RegisterMailDomain and GetMailDomain', () => {
  test('registers a pending domain with the records the console lists, and an SES identity', async () => {
    const id = await organization();
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'Example.com', ClientToken: 'token-1' }));

    const domain = await get(id);
    expect(domain).toMatchObject({ IsTestDomain: false, IsDefault: false, OwnershipVerificationStatus: 'PENDING', DkimVerificationStatus: 'PENDING' });
    const kinds = domain.Records!.map((record) => `${record.Type} ${record.Hostname?.replace(/^[0-9a-f]{32}\./, '<token>.')}`);
    expect(kinds.sort()).toEqual([
      'CNAME <token>._domainkey.example.com.',
      'CNAME <token>._domainkey.example.com.',
      'CNAME <token>._domainkey.example.com.',
      'CNAME autodiscover.example.com.',
      'MX example.com.',
      'TXT _amazonses.example.com.',
      'TXT _dmarc.example.com.',
      'TXT example.com.',
    ]);
    expect(domain.Records).toContainEqual({ Type: 'MX', Hostname: 'example.com.', Value: '10 inbound-smtp.us-east-1.amazonaws.com.' });
    expect(emulator.sesIdentity('example.com')).toEqual({ behaviorOnMxFailure: 'UseDefaultValue' });
    const { MailDomains } = await workmail.send(new ListMailDomainsCommand({ OrganizationId: id }));
    expect(MailDomains).toEqual([
      { DomainName: 'corp.awsapps.com', DefaultDomain: true },
      { DomainName: 'example.com', DefaultDomain: false },
    ]);
  });

  test('registering again in the same organization changes nothing; another organization gets MailDomainInUseException', async () => {
    const one = await organization('one');
    const two = await organization('two');
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: one, DomainName: 'example.com' }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: one, DomainName: 'example.com' }));
    expect(emulator.organization(one).mailDomains.size).toBe(2);
    await expect(workmail.send(new RegisterMailDomainCommand({ OrganizationId: two, DomainName: 'example.com' })))
      .rejects.toMatchObject({ name: 'MailDomainInUseException' });
  });

  test('refuses model-invalid names and unknown domains', async () => {
    const id = await organization();
    await expect(workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'bad_name.com' })))
      .rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(get(id, 'unknown.com')).rejects.toMatchObject({ name: 'MailDomainNotFoundException' });
  });

  test('verification happens when a test says the records are published, after the polls it asks for', async () => {
    const id = await organization();
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'example.com' }));
    emulator.verifyMailDomain(id, 'example.com', { afterPolls: 2, dkim: 'FAILED' });
    const statuses = [];
    for (let poll = 0; poll < 3; poll++) {
      const domain = await get(id);
      statuses.push(`${domain.OwnershipVerificationStatus}/${domain.DkimVerificationStatus}`);
    }
    expect(statuses).toEqual(['PENDING/PENDING', 'PENDING/PENDING', 'VERIFIED/FAILED']);
  });
});

describe('UpdateDefaultMailDomain', () => {
  test('takes only a registered, verified domain', async () => {
    const id = await organization();
    const setDefault = (DomainName: string) => workmail.send(new UpdateDefaultMailDomainCommand({ OrganizationId: id, DomainName }));
    await expect(setDefault('example.com')).rejects.toMatchObject({ name: 'MailDomainNotFoundException' });
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'example.com' }));
    await expect(setDefault('example.com')).rejects.toMatchObject({ name: 'MailDomainStateException' });

    emulator.verifyMailDomain(id, 'example.com');
    await setDefault('example.com');
    expect((await get(id)).IsDefault).toBe(true);
    expect((await workmail.send(new DescribeOrganizationCommand({ OrganizationId: id }))).DefaultMailDomain).toBe('example.com');
  });
});

describe('DeregisterMailDomain', () => {
  test('refuses while addresses use the domain or while it is the default, and keeps the SES identity', async () => {
    const id = await organization();
    const deregister = (DomainName = 'example.com') => workmail.send(new DeregisterMailDomainCommand({ OrganizationId: id, DomainName }));
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'example.com' }));
    emulator.verifyMailDomain(id, 'example.com');
    emulator.addAddress(id, 'alice@example.com', 'user-1');
    await expect(deregister()).rejects.toMatchObject({ name: 'MailDomainInUseException', message: expect.stringContaining('alice@example.com') });

    emulator.organization(id).addresses.clear();
    await workmail.send(new UpdateDefaultMailDomainCommand({ OrganizationId: id, DomainName: 'example.com' }));
    await expect(deregister()).rejects.toMatchObject({ name: 'MailDomainStateException' });
    await expect(deregister('corp.awsapps.com')).rejects.toMatchObject({ name: 'MailDomainStateException' });

    await workmail.send(new UpdateDefaultMailDomainCommand({ OrganizationId: id, DomainName: 'corp.awsapps.com' }));
    await deregister();
    await expect(get(id)).rejects.toMatchObject({ name: 'MailDomainNotFoundException' });
    await deregister(); // idempotent
    expect(emulator.sesIdentity('example.com')).toBeDefined();
  });
});

describe('SES MAIL FROM (awsQuery protocol)', () => {
  test('sets, reads and clears the MAIL FROM domain of an identity WorkMail registered', async () => {
    const id = await organization();
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'example.com' }));
    await ses.send(new SetIdentityMailFromDomainCommand({ Identity: 'example.com', MailFromDomain: 'mail.example.com', BehaviorOnMXFailure: 'RejectMessage' }));

    const { MailFromDomainAttributes } = await ses.send(new GetIdentityMailFromDomainAttributesCommand({ Identities: ['example.com', 'other.com'] }));
    expect(MailFromDomainAttributes).toEqual({
      'example.com': { MailFromDomain: 'mail.example.com', MailFromDomainStatus: 'Pending', BehaviorOnMXFailure: 'RejectMessage' },
    });
    expect(emulator.callsTo('GetIdentityMailFromDomainAttributes')[0].input).toEqual({ Identities: ['example.com', 'other.com'] });

    await ses.send(new SetIdentityMailFromDomainCommand({ Identity: 'example.com' }));
    expect(emulator.sesIdentity('example.com')?.mailFromDomain).toBeUndefined();
  });

  test('refuses unknown identities, MAIL FROM domains outside the identity and model-invalid values', async () => {
    await expect(ses.send(new SetIdentityMailFromDomainCommand({ Identity: 'example.com', MailFromDomain: 'mail.example.com' })))
      .rejects.toMatchObject({ name: 'InvalidParameterValue', message: 'Identity example.com does not exist.' });
    const id = await organization();
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'example.com' }));
    await expect(ses.send(new SetIdentityMailFromDomainCommand({ Identity: 'example.com', MailFromDomain: 'mail.other.com' })))
      .rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(ses.send(new SetIdentityMailFromDomainCommand({ Identity: 'example.com', BehaviorOnMXFailure: 'Bounce' as any })))
      .rejects.toMatchObject({ name: 'InvalidParameterValue', message: expect.stringContaining('BehaviorOnMXFailure') });
  });

  test('throttling faults reach SES requests too, and the SDK retries them', async () => {
    const id = await organization();
    await workmail.send(new RegisterMailDomainCommand({ OrganizationId: id, DomainName: 'example.com' }));
    emulator.injectFault({ kind: 'throttle', operation: 'SetIdentityMailFromDomain', count: 2 });
    await ses.send(new SetIdentityMailFromDomainCommand({ Identity: 'example.com', MailFromDomain: 'mail.example.com' }));
    expect(emulator.callsTo('SetIdentityMailFromDomain').map((call) => call.error)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
  });
});
