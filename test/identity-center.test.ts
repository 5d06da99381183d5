import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IdentityCenter, IdentityCenterAuthenticationMode, Organization } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b3c4d5e6f7';
const APPLICATION = 'arn:aws:sso::111122223333:application/ssoins-7223a1b3c4d5e6f7/apl-0123456789abcdef';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

describe('IdentityCenter', () => {
  test('default: creates the application, both sign-ins, tokens for 365 days; its own policy for the application', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    const center = new IdentityCenter(s, 'IdentityCenter', { organization, instanceArn: INSTANCE });
    const template = Template.fromStack(s);
    template.hasResource('Custom::WorkMailIdentityProvider', {
      Properties: {
        OrganizationId: { Ref: Match.stringLikeRegexp('^Org') },
        InstanceArn: INSTANCE,
        ApplicationName: 'WorkMail-corp',
        AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
        PersonalAccessTokenStatus: 'ACTIVE',
        PersonalAccessTokenLifetimeInDays: '365',
        ApplicationArn: Match.absent(),
        AdoptExisting: Match.absent(),
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^IdentityCenterApplicationPolicy')]),
      DeletionPolicy: 'Delete',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^IdentityCenterApplicationPolicy'),
      PolicyDocument: {
        Statement: [
          { Action: ['workmail:CreateIdentityCenterApplication', 'workmail:DeleteIdentityCenterApplication'], Effect: 'Allow', Resource: '*' },
          {
            Action: [
              'sso:CreateApplication', 'sso:DeleteApplication', 'sso:PutApplicationAuthenticationMethod', 'sso:PutApplicationGrant',
              'sso:PutApplicationAssignmentConfiguration',
            ],
            Effect: 'Allow',
            Resource: Match.arrayWith([INSTANCE, { 'Fn::Join': ['', Match.arrayWith([':sso::aws:applicationProvider/*'])] }]),
          },
        ],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('HandlerRole') }],
    });
    expect(JSON.stringify(s.resolve(center.applicationArn))).toMatch(/"Fn::GetAtt":\["IdentityCenter[0-9A-F]+","ApplicationArn"\]/);
    expect(findCycle(template.toJSON())).toBeUndefined();
    expect(center.organization).toBe(organization);
  });

  test('fromApplicationArn refers to a connection made outside the stack, and checks the ARN', () => {
    const s = stack();
    const imported = IdentityCenter.fromApplicationArn(s, 'Console', APPLICATION);
    expect(imported.applicationArn).toBe(APPLICATION);
    expect(Template.fromStack(s).toJSON().Resources ?? {}).toEqual({});
    expect(() => IdentityCenter.fromApplicationArn(s, 'Bad', 'arn:aws:sso:::instance/ssoins-7223a1b3c4d5e6f7')).toThrow(
      'Mail/Bad: invalid applicationArn "arn:aws:sso:::instance/ssoins-7223a1b3c4d5e6f7": it must be a WorkMail application ARN of IAM Identity Center');
  });

  test('the organization\'s policy lets the handler read, put and delete the configuration of this organization only', () => {
    const s = stack();
    const organization = Organization.fromOrganizationId(s, 'Org', ORG_ID);
    new IdentityCenter(s, 'IdentityCenter', { organization, instanceArn: INSTANCE, applicationArn: APPLICATION });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^WorkMailIdentityProvider'),
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['workmail:DeleteIdentityProviderConfiguration', 'workmail:DescribeIdentityProviderConfiguration', 'workmail:PutIdentityProviderConfiguration']),
          Resource: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        })]),
      },
    });
    // With an existing application there is nothing to create: no account-wide statement at all.
    expect(JSON.stringify(template.toJSON())).not.toContain('CreateIdentityCenterApplication');
  });

  test('an existing application, Identity Center only, tokens off, adoption', () => {
    const s = stack();
    const organization = Organization.fromOrganizationId(s, 'Org', ORG_ID);
    const center = new IdentityCenter(s, 'IdentityCenter', {
      organization,
      instanceArn: INSTANCE,
      applicationArn: APPLICATION,
      authenticationMode: IdentityCenterAuthenticationMode.IDENTITY_PROVIDER_ONLY,
      personalAccessTokens: false,
      personalAccessTokenLifetime: Duration.days(30),
      adoptExisting: true,
    });
    Template.fromStack(s).hasResourceProperties('Custom::WorkMailIdentityProvider', {
      OrganizationId: ORG_ID,
      ApplicationArn: APPLICATION,
      ApplicationName: Match.absent(),
      AuthenticationMode: 'IDENTITY_PROVIDER_ONLY',
      PersonalAccessTokenStatus: 'INACTIVE',
      PersonalAccessTokenLifetimeInDays: '30',
      AdoptExisting: 'true',
    });
    expect(center.applicationArn).toBe(APPLICATION);
  });

  test('an organization imported without its alias names the application after its id', () => {
    const s = stack();
    new IdentityCenter(s, 'IdentityCenter', { organization: Organization.fromOrganizationId(s, 'Org', ORG_ID), instanceArn: INSTANCE });
    Template.fromStack(s).hasResourceProperties('Custom::WorkMailIdentityProvider', { ApplicationName: `WorkMail-${ORG_ID}` });
  });

  describe('refuses at synth, naming the path, the value and the fix', () => {
    const build = (props: Partial<ConstructorParameters<typeof IdentityCenter>[2]>) => {
      const s = stack();
      return () => new IdentityCenter(s, 'IdentityCenter', {
        organization: Organization.fromOrganizationId(s, 'Org', ORG_ID), instanceArn: INSTANCE, ...props,
      });
    };

    test.each([
      ['arn:aws:sso:::instance/ssoins-short'],
      ['arn:aws:sso:us-east-1:111122223333:instance/ssoins-7223a1b3c4d5e6f7'],
      ['ssoins-7223a1b3c4d5e6f7'],
    ])('instance ARN %s', (instanceArn) => {
      expect(build({ instanceArn })).toThrow(
        `Mail/IdentityCenter: invalid instanceArn ${JSON.stringify(instanceArn)}: it must be an IAM Identity Center instance ARN, arn:aws:sso:::instance/ssoins-`,
      );
    });

    test('application ARN', () => {
      expect(build({ applicationArn: 'arn:aws:sso::111122223333:application/ssoins-7223a1b3c4d5e6f7/apl-short' }))
        .toThrow(/^Mail\/IdentityCenter: invalid applicationArn ".*apl-short": it must be a WorkMail application ARN of IAM Identity Center/);
    });

    test('application name, and a name with an existing application', () => {
      expect(build({ applicationName: 'Work Mail' })).toThrow('Mail/IdentityCenter: invalid applicationName "Work Mail": it must be 1-255 letters, digits and _+=,.@-.');
      expect(build({ applicationName: 'x'.repeat(256) })).toThrow(/invalid applicationName/);
      expect(build({ applicationName: 'Mine', applicationArn: APPLICATION }))
        .toThrow('Mail/IdentityCenter: invalid applicationName "Mine": it names the application the handler creates, and applicationArn names an existing one: pass only one of them.');
    });

    test.each([
      [Duration.days(0), '0 days'],
      [Duration.days(3654), '3654 days'],
      [Duration.hours(36), '1 day 12 hours'],
    ])('token lifetime %s', (personalAccessTokenLifetime, shown) => {
      expect(build({ personalAccessTokenLifetime })).toThrow(
        `Mail/IdentityCenter: invalid personalAccessTokenLifetime "${shown}": it must be whole days from 1 to 3653 (about ten years), for example Duration.days(90).`,
      );
    });

    test('token lifetime bounds are accepted', () => {
      expect(build({ personalAccessTokenLifetime: Duration.days(1) })).not.toThrow();
      expect(build({ personalAccessTokenLifetime: Duration.days(3653) })).not.toThrow();
    });

    test('authentication mode', () => {
      expect(build({ authenticationMode: 'IDENTITY_CENTER_ONLY' as IdentityCenterAuthenticationMode })).toThrow(
        'Mail/IdentityCenter: invalid authenticationMode "IDENTITY_CENTER_ONLY": it must be one of IDENTITY_PROVIDER_ONLY, IDENTITY_PROVIDER_AND_DIRECTORY (IdentityCenterAuthenticationMode).',
      );
    });

    test('a second IdentityCenter for the same organization', () => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      new IdentityCenter(s, 'First', { organization, instanceArn: INSTANCE });
      expect(() => new IdentityCenter(s, 'Second', { organization, instanceArn: INSTANCE })).toThrow(
        /^Mail\/Second: invalid organization ".*": Mail\/First already connects it to IAM Identity Center, and WorkMail keeps one configuration per organization/,
      );
      const imported = Organization.fromOrganizationId(s, 'Imported', ORG_ID);
      new IdentityCenter(s, 'Third', { organization: imported, instanceArn: INSTANCE });
      expect(() => new IdentityCenter(s, 'Fourth', { organization: Organization.fromOrganizationId(s, 'Again', ORG_ID), instanceArn: INSTANCE }))
        .toThrow(/Mail\/Third already connects it/);
    });
  });
});
