import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Domain, IOrganization, Organization } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

function setup(zoneName = 'example.com') {
  const s = stack();
  const organization = Organization.fromOrganizationId(s, 'Org', ORG_ID);
  const zone = route53.PublicHostedZone.fromPublicHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z123', zoneName });
  return { s, organization, zone };
}

describe('Domain', () => {
  test('registers the domain, retained by default, and always reports verification', () => {
    const { s, organization } = setup();
    const domain = new Domain(s, 'Domain', { organization, domainName: 'Example.com' });
    const template = Template.fromStack(s);
    template.hasResource('Custom::WorkMailDomain', {
      Properties: { OrganizationId: ORG_ID, DomainName: 'example.com', ServiceToken: Match.anyValue() },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('Custom::WorkMailDomainVerification', {
      Properties: {
        OrganizationId: ORG_ID,
        DomainName: { Ref: Match.stringLikeRegexp('^Domain') },
        Default: 'false',
        Wait: 'false',
        TimeoutSeconds: '1800',
      },
      DeletionPolicy: 'Retain',
    });
    expect(s.resolve(domain.domainName)).toEqual({ Ref: expect.stringMatching(/^Domain/) });
    expect(s.resolve(domain.ownershipVerificationStatus)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DomainVerification/), 'OwnershipVerificationStatus'] });
    expect(s.resolve(domain.dkimVerificationStatus)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DomainVerification/), 'DkimVerificationStatus'] });
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test('with a hosted zone: creates every record from the attributes, and waits for them before verification', () => {
    const { s, organization, zone } = setup();
    new Domain(s, 'Domain', { organization, domainName: 'example.com', hostedZone: zone, isDefault: true, verificationTimeout: Duration.minutes(45) });
    const template = Template.fromStack(s);
    const records = template.findResources('AWS::Route53::RecordSet');
    const byId = (id: string) => Object.entries(records).find(([logicalId]) => logicalId.startsWith(`Domain${id}Record`))![1];
    expect(Object.keys(records)).toHaveLength(8);

    const domainResource = Object.keys(template.findResources('Custom::WorkMailDomain'))[0];
    const getAtt = (name: string) => ({ 'Fn::GetAtt': [domainResource, name] });
    const quoted = (name: string) => ({ 'Fn::Join': ['', ['"', getAtt(name), '"']] });
    expect(byId('Ownership').Properties).toEqual({
      HostedZoneId: 'Z123', Name: '_amazonses.example.com.', Type: 'TXT', TTL: '1800', ResourceRecords: [quoted('OwnershipValue')],
    });
    expect(byId('Mx').Properties).toEqual({
      HostedZoneId: 'Z123', Name: 'example.com.', Type: 'MX', TTL: '3600', ResourceRecords: [getAtt('MxValue')],
    });
    expect(byId('Autodiscover').Properties).toMatchObject({ Name: 'autodiscover.example.com.', Type: 'CNAME', TTL: '3600', ResourceRecords: [getAtt('AutodiscoverValue')] });
    expect(byId('Spf').Properties).toMatchObject({ Name: 'example.com.', Type: 'TXT', ResourceRecords: [quoted('SpfValue')] });
    expect(byId('Dmarc').Properties).toMatchObject({ Name: '_dmarc.example.com.', Type: 'TXT', ResourceRecords: [quoted('DmarcValue')] });
    for (const n of [1, 2, 3]) {
      expect(byId(`Dkim${n}`).Properties).toEqual({
        HostedZoneId: 'Z123', Name: getAtt(`Dkim${n}Name`), Type: 'CNAME', TTL: '1800', ResourceRecords: [getAtt(`Dkim${n}Value`)],
      });
    }
    for (const record of Object.values(records)) {
      expect(record.DeletionPolicy).toBe('Retain');
    }

    const [verification] = Object.values(template.findResources('Custom::WorkMailDomainVerification'));
    expect(verification.Properties).toMatchObject({ Default: 'true', Wait: 'true', TimeoutSeconds: '2700' });
    expect(verification.DependsOn).toEqual(expect.arrayContaining(Object.keys(records)));
    template.resourcePropertiesCountIs('AWS::Route53::RecordSet', {}, 8);
    expect(Object.keys(template.findOutputs('*'))).toEqual([]);
  });

  test('the MAIL FROM domain goes to SES and gets its MX and SPF records', () => {
    const { s, organization, zone } = setup();
    new Domain(s, 'Domain', { organization, domainName: 'example.com', hostedZone: zone, mailFromDomain: 'Mail.example.com' });
    const template = Template.fromStack(s);
    template.hasResourceProperties('Custom::WorkMailDomain', { MailFromDomain: 'mail.example.com' });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'mail.example.com.',
      Type: 'MX',
      TTL: '3600',
      ResourceRecords: [{ 'Fn::Join': ['', ['10 feedback-smtp.', { Ref: 'AWS::Region' }, '.amazonses.com.']] }],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'mail.example.com.', Type: 'TXT', ResourceRecords: ['"v=spf1 include:amazonses.com ~all"'],
    });
    template.resourceCountIs('AWS::Route53::RecordSet', 10);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        // Any identity: the Delete of a domain that left the stack clears its MAIL FROM domain too.
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['ses:GetIdentityMailFromDomainAttributes']), Resource: '*' }),
          Match.objectLike({
            Action: 'ses:SetIdentityMailFromDomain',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:us-east-1:111122223333:identity/*']] },
          }),
        ]),
      },
    });
  });

  test('without a hosted zone: one output per record and a zone file', () => {
    const { s, organization } = setup();
    const domain = new Domain(s, 'Domain', { organization, domainName: 'example.com', mailFromDomain: 'mail.example.com' });
    const template = Template.fromStack(s);
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'DomainAutodiscoverRecord', 'DomainDkim1Record', 'DomainDkim2Record', 'DomainDkim3Record', 'DomainDmarcRecord',
      'DomainMailFromMxRecord', 'DomainMailFromSpfRecord', 'DomainMxRecord', 'DomainOwnershipRecord', 'DomainSpfRecord', 'DomainZoneFile',
    ]);
    const domainResource = Object.keys(template.findResources('Custom::WorkMailDomain'))[0];
    const mx = Object.entries(outputs).find(([id]) => id.startsWith('DomainMxRecord'))![1];
    expect(mx.Value).toEqual({ 'Fn::Join': ['', ['example.com. 3600 MX ', { 'Fn::GetAtt': [domainResource, 'MxValue'] }]] });
    expect(mx.Description).toMatch(/^WorkMail domain Mail\/Domain: publish this MX record/);

    // The zone file: one BIND line per record, TXT values quoted.
    const zoneFile = JSON.stringify(s.resolve(domain.zoneFile));
    expect(zoneFile).toContain('_amazonses.example.com. 1800 IN TXT \\"');
    expect(zoneFile).toContain('example.com. 3600 IN MX ');
    expect(zoneFile).toContain('mail.example.com. 1800 IN TXT \\"v=spf1 include:amazonses.com ~all\\"');
    expect(domain.dnsRecords).toHaveLength(10);
    expect(domain.dnsRecords.map((r) => r.recordType)).toEqual(['TXT', 'MX', 'CNAME', 'TXT', 'TXT', 'CNAME', 'CNAME', 'CNAME', 'MX', 'TXT']);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test('DESTROY reaches the domain, its verification and its records', () => {
    const { s, organization, zone } = setup();
    new Domain(s, 'Domain', { organization, domainName: 'example.com', hostedZone: zone, removalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(s);
    template.hasResource('Custom::WorkMailDomain', { DeletionPolicy: 'Delete' });
    template.hasResource('Custom::WorkMailDomainVerification', { DeletionPolicy: 'Delete' });
    template.allResources('AWS::Route53::RecordSet', { DeletionPolicy: 'Delete' });
  });

  test('allows the handlers the domain calls on the organization only, and WorkMail\'s SES calls', () => {
    const { s, organization } = setup();
    new Domain(s, 'Domain', { organization, domainName: 'example.com' });
    const template = Template.fromStack(s);
    const organizationArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:workmail:us-east-1:111122223333:organization/${ORG_ID}`]] };
    // The domain's policy: registration on the organization, and WorkMail's SES calls.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: Match.arrayWith(['workmail:DeregisterMailDomain', 'workmail:DescribeOrganization', 'workmail:GetMailDomain', 'workmail:RegisterMailDomain']),
            Effect: 'Allow',
            Resource: organizationArn,
          },
          Match.objectLike({ Action: Match.arrayWith(['ses:VerifyDomainIdentity', 'ses:VerifyDomainDkim']), Resource: '*' }),
          Match.objectLike({ Action: 'ses:SetIdentityMailFromDomain' }),
        ],
      },
    });
    // The verification's: reading the domain and making it the default.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['workmail:DescribeOrganization', 'workmail:GetMailDomain', 'workmail:UpdateDefaultMailDomain'],
          Effect: 'Allow',
          Resource: organizationArn,
        }],
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"ses:\*"|"workmail:\*"/);
  });

  test('Organization.addDomain, in a stack with its organization, has no dependency cycle', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    const zone = route53.PublicHostedZone.fromPublicHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z123', zoneName: 'example.com' });
    const domain = organization.addDomain('Example', { domainName: 'example.com', hostedZone: zone, isDefault: true });
    expect(domain.organization).toBe(organization);
    expect(domain.node.path).toBe('Mail/Org/Example');
    const template = Template.fromStack(s);
    template.hasResourceProperties('Custom::WorkMailDomain', { OrganizationId: { Ref: Match.stringLikeRegexp('^Org') } });
    expect(findCycle(template.toJSON())).toBeUndefined();
  });

  test('fromDomainName references a domain registered elsewhere', () => {
    const { s, organization } = setup();
    const imported = Domain.fromDomainName(s, 'Imported', organization, 'example.com');
    expect(imported.domainName).toBe('example.com');
    expect(imported.organization).toBe(organization);
    expect(() => Domain.fromDomainName(s, 'Bad', organization, 'bad_domain.com')).toThrow(/Mail\/Bad: invalid domainName "bad_domain.com"/);
  });

  describe('validation', () => {
    test.each([
      'localhost', 'ex', '-example.com', 'example-.com', 'example..com', '.example.com', 'example.com.', 'exa mple.com',
      'bücher.de', `${'a'.repeat(64)}.com`, `${'a.'.repeat(104)}com`,
    ])('refuses the domain name %j', (domainName) => {
      const { s, organization } = setup();
      expect(() => new Domain(s, 'Domain', { organization, domainName })).toThrow(
        `Mail/Domain: invalid domainName ${JSON.stringify(domainName)}: it must be 3-209 ASCII characters`,
      );
    });

    test.each(['example.com', 'mail.example.co.uk', 'x1.io', `${'a'.repeat(63)}.com`, 'Example-Corp.COM'])('accepts %j', (domainName) => {
      const { s, organization } = setup();
      expect(() => new Domain(s, 'Domain', { organization, domainName })).not.toThrow();
    });

    test('skips unresolved names', () => {
      const { s, organization } = setup();
      new Domain(s, 'Domain', { organization, domainName: new CfnParameter(s, 'DomainParameter').valueAsString, mailFromDomain: new CfnParameter(s, 'MailFrom').valueAsString });
      Template.fromStack(s).hasResourceProperties('Custom::WorkMailDomain', { DomainName: { Ref: 'DomainParameter' }, MailFromDomain: { Ref: 'MailFrom' } });
    });

    test.each(['corp.awsapps.com', 'awsapps.com'])('refuses the test domain %j, default or not', (domainName) => {
      const { s, organization } = setup();
      expect(() => new Domain(s, 'Domain', { organization, domainName, isDefault: true })).toThrow(
        /invalid domainName .*: awsapps\.com domains are WorkMail test domains/,
      );
    });

    test.each(['other.com', 'ample.com', 'mail.example.com'])('refuses a hosted zone %j that cannot hold the domain', (zoneName) => {
      const { s, organization, zone } = setup(zoneName);
      expect(() => new Domain(s, 'Domain', { organization, domainName: 'example.com', hostedZone: zone })).toThrow(
        `Mail/Domain: invalid hostedZone "${zoneName}": the zone cannot hold the records of example.com`,
      );
    });

    test('accepts a parent zone, and a zone name with a trailing dot', () => {
      const { s, organization, zone } = setup('Example.com.');
      expect(() => new Domain(s, 'Domain', { organization, domainName: 'mail.example.com', hostedZone: zone })).not.toThrow();
    });

    test('a zone imported by id only has no name to check', () => {
      const { s, organization } = setup();
      const zone = route53.PublicHostedZone.fromPublicHostedZoneId(s, 'ById', 'Z999');
      expect(() => new Domain(s, 'Domain', { organization, domainName: 'example.com', hostedZone: zone })).toThrow(
        /invalid hostedZone "Mail\/ById": its name is unknown .*fromPublicHostedZoneAttributes/,
      );
    });

    test.each(['example.com', 'mail.other.com', 'mailexample.com'])('refuses the MAIL FROM domain %j', (mailFromDomain) => {
      const { s, organization } = setup();
      expect(() => new Domain(s, 'Domain', { organization, domainName: 'example.com', mailFromDomain })).toThrow(
        `Mail/Domain: invalid mailFromDomain ${JSON.stringify(mailFromDomain)}: SES takes a subdomain of the domain`,
      );
    });

    test.each([Duration.seconds(30), Duration.minutes(51), Duration.hours(1)])('refuses the verification timeout %s', (verificationTimeout) => {
      const { s, organization, zone } = setup();
      expect(() => new Domain(s, 'Domain', { organization, domainName: 'example.com', hostedZone: zone, verificationTimeout })).toThrow(
        /invalid verificationTimeout .*: it must be between 1 and 50 minutes/,
      );
    });

    test('a verification timeout needs a hosted zone', () => {
      const { s, organization } = setup();
      expect(() => new Domain(s, 'Domain', { organization, domainName: 'example.com', verificationTimeout: Duration.minutes(5) })).toThrow(
        /invalid verificationTimeout "5 minutes": the deployment waits for verification only when the stack publishes the records/,
      );
    });

    test('refuses the same domain twice in one organization, in any case, and in two organizations of the app', () => {
      const { s, organization } = setup();
      new Domain(s, 'One', { organization, domainName: 'example.com' });
      expect(() => new Domain(s, 'Two', { organization, domainName: 'EXAMPLE.com' })).toThrow(
        'Mail/Two: invalid domainName "example.com": Mail/One already registers it in organization Mail/Org',
      );
      const other: IOrganization = Organization.fromOrganizationId(s, 'Other', 'm-ffffffffffffffffffffffffffffffff');
      expect(() => new Domain(s, 'Three', { organization: other, domainName: 'example.com' })).toThrow(
        'Mail/Three: invalid domainName "example.com": Mail/One already registers it in organization Mail/Org, and WorkMail registers a domain in one organization: '
        + 'keep one Domain for it, in the organization that should receive its mail.',
      );
    });

    test('refuses a second default domain in one organization', () => {
      const { s, organization } = setup();
      new Domain(s, 'One', { organization, domainName: 'example.com', isDefault: true });
      new Domain(s, 'Two', { organization, domainName: 'example.org' });
      expect(() => new Domain(s, 'Three', { organization, domainName: 'example.net', isDefault: true })).toThrow(
        'Mail/Three: invalid isDefault true: Mail/One is already the default domain of organization Mail/Org',
      );
    });
  });
});
