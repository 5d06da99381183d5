import type { DnsRecord, GetMailDomainResponse } from '@aws-sdk/client-workmail';
import {
  decideVerification,
  DomainSettings,
  isOwnPhysicalId,
  parseDomainSettings,
  parseVerificationSettings,
  planCreate,
  planDelete,
  planUpdate,
  recordAttributes,
  VerificationSettings,
} from '../../src/handlers/domain/plan';

/** GetMailDomain's records for example.com, in the order a real response listed them. */
const RECORDS: DnsRecord[] = [
  { Type: 'MX', Hostname: 'example.com.', Value: '10 inbound-smtp.us-east-1.amazonaws.com.' },
  { Type: 'TXT', Hostname: '_amazonses.example.com.', Value: 'fmxqxT/ic0Yx4aA/bEUrDPMeax9/s3frb1S+niixmqk=' },
  { Type: 'CNAME', Hostname: 'autodiscover.example.com.', Value: 'autodiscover.mail.us-east-1.awsapps.com.' },
  { Type: 'CNAME', Hostname: 'ccc._domainkey.example.com.', Value: 'ccc.dkim.amazonses.com.' },
  { Type: 'CNAME', Hostname: 'aaa._domainkey.example.com.', Value: 'aaa.dkim.amazonses.com.' },
  { Type: 'CNAME', Hostname: 'bbb._domainkey.example.com.', Value: 'bbb.dkim.amazonses.com.' },
  { Type: 'TXT', Hostname: 'example.com.', Value: 'v=spf1 include:amazonses.com ~all' },
  { Type: 'TXT', Hostname: '_dmarc.example.com.', Value: 'v=DMARC1;p=quarantine;pct=100;fo=1' },
];

const EXPECTED = {
  OwnershipValue: 'fmxqxT/ic0Yx4aA/bEUrDPMeax9/s3frb1S+niixmqk=',
  MxValue: '10 inbound-smtp.us-east-1.amazonaws.com.',
  AutodiscoverValue: 'autodiscover.mail.us-east-1.awsapps.com.',
  SpfValue: 'v=spf1 include:amazonses.com ~all',
  DmarcValue: 'v=DMARC1;p=quarantine;pct=100;fo=1',
  Dkim1Name: 'aaa._domainkey.example.com.',
  Dkim1Value: 'aaa.dkim.amazonses.com.',
  Dkim2Name: 'bbb._domainkey.example.com.',
  Dkim2Value: 'bbb.dkim.amazonses.com.',
  Dkim3Name: 'ccc._domainkey.example.com.',
  Dkim3Value: 'ccc.dkim.amazonses.com.',
};

describe('recordAttributes', () => {
  test('maps each record to a stable attribute whatever the order', () => {
    expect(recordAttributes('example.com', RECORDS)).toEqual(EXPECTED);
    expect(recordAttributes('example.com', [...RECORDS].reverse())).toEqual(EXPECTED);
  });

  test('host names compare case-insensitively, with or without the trailing dot', () => {
    const upper = RECORDS.map((r) => ({ ...r, Hostname: r.Hostname!.toUpperCase() }));
    expect(recordAttributes('example.com', upper)).toEqual(EXPECTED);
    const relative = RECORDS.map((r) => ({ ...r, Hostname: r.Hostname!.replace(/\.$/, '') }));
    expect(recordAttributes('example.com', relative)).toEqual(EXPECTED);
  });

  test('the SPF record is the apex TXT starting v=spf1, not another apex TXT', () => {
    const records = [{ Type: 'TXT', Hostname: 'example.com.', Value: 'google-site-verification=abc' }, ...RECORDS];
    expect(recordAttributes('example.com', records)).toMatchObject({ SpfValue: EXPECTED.SpfValue });
  });

  test('ignores records of other domains and unknown kinds', () => {
    const records = [
      ...RECORDS,
      { Type: 'CNAME', Hostname: 'zzz._domainkey.other.com.', Value: 'zzz.dkim.amazonses.com.' },
      { Type: 'A', Hostname: 'www.example.com.', Value: '192.0.2.1' },
    ];
    expect(recordAttributes('example.com', records)).toEqual(EXPECTED);
  });

  test('lists what is missing', () => {
    const records = RECORDS.filter((r) => r.Hostname !== '_dmarc.example.com.' && r.Hostname !== 'ccc._domainkey.example.com.');
    expect(recordAttributes('example.com', records)).toEqual([
      'TXT _dmarc.example.com.',
      '3 DKIM CNAME records *._domainkey.example.com. (got 2)',
    ]);
    expect(recordAttributes('example.com', [])).toHaveLength(6);
  });
});

describe('settings', () => {
  test('lower-case names, parsed flags and a timeout capped under the provider\'s', () => {
    expect(parseDomainSettings({ OrganizationId: 'm-1', DomainName: 'Example.COM', MailFromDomain: 'Mail.Example.com' }))
      .toEqual({ organizationId: 'm-1', domainName: 'example.com', mailFromDomain: 'mail.example.com' });
    expect(parseDomainSettings({ OrganizationId: 'm-1', DomainName: 'example.com', MailFromDomain: '' }).mailFromDomain).toBeUndefined();
    expect(parseVerificationSettings({ OrganizationId: 'm-1', DomainName: 'example.com' }))
      .toEqual({ organizationId: 'm-1', domainName: 'example.com', makeDefault: false, wait: false, timeoutSeconds: 1800 });
    expect(parseVerificationSettings({ OrganizationId: 'm-1', DomainName: 'x.com', Default: 'true', Wait: 'true', TimeoutSeconds: '99999' }))
      .toMatchObject({ makeDefault: true, wait: true, timeoutSeconds: 3000 });
    expect(() => parseVerificationSettings({ OrganizationId: 'm-1', DomainName: 'x.com', Default: 'yes' })).toThrow(/Default must be true or false/);
  });

  test('only the domain name is our physical id', () => {
    expect(isOwnPhysicalId('example.com', { domainName: 'example.com' })).toBe(true);
    expect(isOwnPhysicalId('AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', { domainName: 'example.com' })).toBe(false);
    expect(isOwnPhysicalId(undefined, { domainName: 'example.com' })).toBe(false);
  });
});

const domain: DomainSettings = { organizationId: 'm-1', domainName: 'example.com' };

describe('planCreate / planUpdate / planDelete', () => {
  test('registers with the client token, then sets the MAIL FROM domain', () => {
    expect(planCreate(domain, 't', undefined, false)).toEqual([{ kind: 'RegisterMailDomain', clientToken: 't' }]);
    expect(planCreate({ ...domain, mailFromDomain: 'mail.example.com' }, 't', undefined, false)).toEqual([
      { kind: 'RegisterMailDomain', clientToken: 't' },
      { kind: 'SetMailFromDomain', mailFromDomain: 'mail.example.com' },
    ]);
  });

  test('a registered domain goes on only as its own redelivery, a moved Domain\'s, or when told to adopt it (registering nothing)', () => {
    expect(planCreate(domain, 't', 'mine', false)).toEqual([{ kind: 'RegisterMailDomain', clientToken: 't' }]);
    expect(planCreate(domain, 't', 'stack', false)).toEqual([{ kind: 'RegisterMailDomain', clientToken: 't' }]);
    expect(planCreate({ ...domain, mailFromDomain: 'mail.example.com' }, 't', 'unmarked', true)).toEqual([
      { kind: 'SetMailFromDomain', mailFromDomain: 'mail.example.com' },
    ]);
    expect(() => planCreate(domain, 't', 'unmarked', false)).toThrow(
      /WorkMail domain example.com in organization m-1 already exists and this stack did not make it.*adoptExisting: true/);
    expect(() => planCreate(domain, 't', 'other', false)).toThrow(/already exists/);
  });


  test('changes the MAIL FROM domain in place, and nothing else', () => {
    const withMailFrom = { ...domain, mailFromDomain: 'mail.example.com' };
    expect(planUpdate(domain, domain, 'example.com')).toEqual([]);
    expect(planUpdate(domain, withMailFrom, 'example.com')).toEqual([{ kind: 'SetMailFromDomain', mailFromDomain: 'mail.example.com' }]);
    expect(planUpdate(withMailFrom, domain, 'example.com')).toEqual([{ kind: 'SetMailFromDomain', mailFromDomain: undefined }]);
  });

  test('refuses another domain name or organization; the rollback passes', () => {
    const renamed = { ...domain, domainName: 'example.org' };
    expect(() => planUpdate(domain, renamed, 'example.com')).toThrow(
      /Refusing to change domainName \(example\.com -> example\.org\) of WorkMail domain example\.com: that would deregister/,
    );
    expect(planUpdate(renamed, domain, 'example.com')).toEqual([]);
    expect(() => planUpdate(domain, { ...domain, organizationId: 'm-2' }, 'example.com')).toThrow(/organization \(m-1 -> m-2\)/);
    // The rollback of that refusal: WorkMail has the domain in the organization it goes back to.
    expect(planUpdate({ ...domain, organizationId: 'm-2' }, domain, 'example.com', true)).toEqual([]);
  });

  test('delete deregisters, refuses the default domain, and clears a MAIL FROM domain that is still ours', () => {
    expect(planDelete(domain, undefined)).toEqual([]);
    expect(planDelete(domain, { isDefault: false })).toEqual([{ kind: 'DeregisterMailDomain' }]);
    expect(() => planDelete(domain, { isDefault: true })).toThrow(/it is the organization's default domain\. Make another domain the default/);
    const withMailFrom = { ...domain, mailFromDomain: 'mail.example.com' };
    expect(planDelete(withMailFrom, { isDefault: false, mailFromDomain: 'mail.example.com' }))
      .toEqual([{ kind: 'DeregisterMailDomain' }, { kind: 'SetMailFromDomain' }]);
    expect(planDelete(withMailFrom, { isDefault: false, mailFromDomain: 'out.example.com' })).toEqual([{ kind: 'DeregisterMailDomain' }]);
  });
});

describe('decideVerification', () => {
  const settings: VerificationSettings = { organizationId: 'm-1', domainName: 'example.com', makeDefault: false, wait: true, timeoutSeconds: 600 };
  const pending: GetMailDomainResponse = { OwnershipVerificationStatus: 'PENDING', DkimVerificationStatus: 'PENDING', IsDefault: false };
  const verified: GetMailDomainResponse = { OwnershipVerificationStatus: 'VERIFIED', DkimVerificationStatus: 'VERIFIED', IsDefault: false };
  const decide = (overrides: Partial<Parameters<typeof decideVerification>[0]>) => decideVerification({
    settings, requestType: 'Create', domain: pending, testDomain: 'corp.awsapps.com', elapsedSeconds: 0, ...overrides,
  });

  test('waits while the records are pending, within the timeout', () => {
    expect(decide({})).toEqual({ complete: false });
    expect(decide({ domain: { ...pending, OwnershipVerificationStatus: 'VERIFIED' }, elapsedSeconds: 599 })).toEqual({ complete: false });
  });

  test('times out naming the records still pending', () => {
    expect(() => decide({ domain: { ...pending, OwnershipVerificationStatus: 'VERIFIED' }, elapsedSeconds: 600 })).toThrow(
      'WorkMail domain example.com was not verified within 10 minutes: still pending: DKIM CNAMEs *._domainkey.example.com. (PENDING).',
    );
    expect(() => decide({ elapsedSeconds: 601 })).toThrow(
      /still pending: ownership TXT _amazonses\.example\.com\. \(PENDING\); DKIM CNAMEs/,
    );
  });

  test('fails at once when SES reports a failure', () => {
    expect(() => decide({ domain: { ...pending, DkimVerificationStatus: 'FAILED' } })).toThrow(
      /WorkMail could not verify domain example\.com: .*DKIM CNAMEs \*\._domainkey\.example\.com\. \(FAILED\)/,
    );
  });

  test('makes a verified domain the default if asked, never before', () => {
    expect(decide({ domain: verified })).toEqual({ complete: true, operations: [] });
    const makeDefault = { ...settings, makeDefault: true };
    expect(decide({ settings: makeDefault })).toEqual({ complete: false });
    expect(decide({ settings: makeDefault, domain: verified }))
      .toEqual({ complete: true, operations: [{ kind: 'UpdateDefaultMailDomain', domainName: 'example.com' }] });
    expect(decide({ settings: makeDefault, domain: { ...verified, IsDefault: true } })).toEqual({ complete: true, operations: [] });
  });

  test('without a hosted zone: reports statuses, but a default domain that is not verified fails pointing at the records', () => {
    const noWait = { ...settings, wait: false };
    expect(decide({ settings: noWait })).toEqual({ complete: true, operations: [] });
    expect(() => decide({ settings: { ...noWait, makeDefault: true } })).toThrow(
      /example\.com cannot become the default domain yet: it is not verified: .*Publish the records listed in this stack's outputs/,
    );
    expect(decide({ settings: { ...noWait, makeDefault: true }, domain: verified }))
      .toEqual({ complete: true, operations: [{ kind: 'UpdateDefaultMailDomain', domainName: 'example.com' }] });
  });

  test('gives the default back to the test domain when the stack stops asking for it', () => {
    const wasDefault = { ...settings, makeDefault: true };
    const isDefault = { ...verified, IsDefault: true };
    const restore = { complete: true, operations: [{ kind: 'UpdateDefaultMailDomain', domainName: 'corp.awsapps.com' }] };
    expect(decide({ requestType: 'Update', previous: wasDefault, domain: isDefault })).toEqual(restore);
    expect(decide({ requestType: 'Delete', settings: wasDefault, previous: wasDefault, domain: isDefault })).toEqual(restore);
    // Another domain took the default meanwhile: leave it.
    expect(decide({ requestType: 'Update', previous: wasDefault, domain: verified })).toEqual({ complete: true, operations: [] });
    // Made default outside the stack: not ours to undo.
    expect(decide({ requestType: 'Update', previous: settings, domain: isDefault })).toEqual({ complete: true, operations: [] });
    expect(decide({ requestType: 'Delete', previous: settings, domain: isDefault })).toEqual({ complete: true, operations: [] });
  });
});
