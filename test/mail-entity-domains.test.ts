import { App, CfnElement, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { Domain, Group, Organization, Resource, ResourceKind, User } from '../src';
import { findCycle } from './util/cycles';

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1' } });
  const organization = new Organization(stack, 'Org', { alias: 'corp' });
  return { stack, organization };
}

const alice = { name: 'alice', displayName: 'Alice' };

/** The logical ids of `type` resources that `resource` depends on. */
function dependsOn(stack: Stack, resource: string, type: string): string[] {
  const template = Template.fromStack(stack).toJSON();
  const ids = Object.keys(template.Resources).filter((id) => template.Resources[id].Type === type);
  return [template.Resources[resource].DependsOn ?? []].flat().filter((id: string) => ids.includes(id));
}

/** The logical id of the custom resource under `construct`. */
function logicalId(stack: Stack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.findChild('Resource').node.defaultChild as CfnElement);
}

describe('addresses of an organization created in the stack', () => {
  test('the test domain <alias>.awsapps.com is accepted, in any case', () => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, ...alice, email: 'alice@Corp.AWSApps.com', aliases: ['al@corp.awsapps.com'] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a domain the organization registers is accepted, case-insensitively, and the entity waits for it', () => {
    const { stack, organization } = setup();
    const domain = organization.addDomain('Domain', { domainName: 'Example.com' });
    const user = new User(stack, 'Alice', { organization, ...alice, email: 'alice@EXAMPLE.COM' });
    const id = logicalId(stack, user);
    expect(dependsOn(stack, id, 'Custom::WorkMailDomain')).toEqual([logicalId(stack, domain)]);
    expect(dependsOn(stack, id, 'Custom::WorkMailDomainVerification')).toEqual([logicalId(stack, domain.node.findChild('Verification'))]);
    expect(findCycle(Template.fromStack(stack).toJSON())).toBeUndefined();
  });

  test('a domain added after the user is accepted, and the user waits for it', () => {
    const { stack, organization } = setup();
    const user = new User(stack, 'Alice', { organization, ...alice, email: 'alice@corp.awsapps.com' });
    user.addAlias('alice@late.example');
    new Domain(stack, 'Late', { organization, domainName: 'late.example' });
    expect(dependsOn(stack, logicalId(stack, user), 'Custom::WorkMailDomainVerification')).toHaveLength(1);
  });

  test('an entity on the test domain does not wait for the other domains', () => {
    const { stack, organization } = setup();
    organization.addDomain('Domain', { domainName: 'example.com' });
    const user = new User(stack, 'Alice', { organization, ...alice, email: 'alice@corp.awsapps.com' });
    expect(dependsOn(stack, logicalId(stack, user), 'Custom::WorkMailDomain')).toEqual([]);
  });

  test('a domain registered outside CDK and imported with Domain.fromDomainName is accepted', () => {
    const { stack, organization } = setup();
    Domain.fromDomainName(stack, 'Existing', organization, 'Existing.example');
    new User(stack, 'Alice', { organization, ...alice, email: 'alice@existing.example' });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test.each([
    ['a user\'s email', (stack: Stack, organization: Organization) =>
      new User(stack, 'Alice', { organization, ...alice, email: 'alice@example.com' }), /Mail\/Alice: invalid email "alice@example.com"/],
    ['a user\'s alias', (stack: Stack, organization: Organization) =>
      new User(stack, 'Alice', { organization, ...alice, email: 'alice@corp.awsapps.com', aliases: ['al@example.com'] }), /Mail\/Alice: invalid alias "al@example.com"/],
    ['an alias added later', (stack: Stack, organization: Organization) =>
      new User(stack, 'Alice', { organization, ...alice, email: 'alice@corp.awsapps.com' }).addAlias('al@example.com'), /invalid alias "al@example.com"/],
    ['a group\'s email', (stack: Stack, organization: Organization) =>
      new Group(stack, 'Team', { organization, name: 'Team', email: 'team@example.com' }), /Mail\/Team: invalid email "team@example.com"/],
    ['a resource\'s alias', (stack: Stack, organization: Organization) =>
      new Resource(stack, 'Room', { organization, name: 'room', kind: ResourceKind.ROOM, email: 'room@corp.awsapps.com', aliases: ['room@example.com'] }),
    /Mail\/Room: invalid alias "room@example.com"/],
    ['another organization\'s test domain', (stack: Stack, organization: Organization) =>
      new User(stack, 'Alice', { organization, ...alice, email: 'alice@other.awsapps.com' }), /invalid email "alice@other.awsapps.com"/],
    ['a subdomain of a registered domain', (stack: Stack, organization: Organization) => {
      organization.addDomain('Domain', { domainName: 'example.com' });
      new User(stack, 'Alice', { organization, ...alice, email: 'alice@mail.example.com' });
    }, /invalid email "alice@mail.example.com"/],
  ])('%s on a domain the organization does not have is refused, with the fixes', (_, build, error) => {
    const { stack, organization } = setup();
    build(stack, organization);
    expect(() => Template.fromStack(stack)).toThrow(error);
    expect(() => Template.fromStack(stack)).toThrow(
      /organization Mail\/Org has no domain .*: add a Domain for it \(organization.addDomain\), use the test domain corp.awsapps.com, or, if the domain is registered outside CDK, import it with Domain.fromDomainName or import the organization/);
  });

  test('a domain of another organization does not count', () => {
    const { stack, organization } = setup();
    const other = new Organization(stack, 'Other', { alias: 'other' });
    other.addDomain('Domain', { domainName: 'example.com' });
    new User(stack, 'Alice', { organization, ...alice, email: 'alice@example.com' });
    expect(() => Template.fromStack(stack)).toThrow(/has no domain example.com/);
  });

  test('addresses and aliases known only at deploy time are not checked', () => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, ...alice, email: `alice@${organization.defaultMailDomain}`, aliases: [new CfnParameter(stack, 'Alias').valueAsString] });
    expect(() => Template.fromStack(stack).toJSON()).not.toThrow();
  });

  test.each([
    ['registered', (stack: Stack, organization: Organization, name: string) => new Domain(stack, 'Domain', { organization, domainName: name })],
    ['imported', (stack: Stack, organization: Organization, name: string) => Domain.fromDomainName(stack, 'Domain', organization, name)],
  ])('with a %s domain named only at deploy time, any address may be on it', (_, addDomain) => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, ...alice, email: 'alice@example.com' });
    expect(() => Template.fromStack(stack)).toThrow(/has no domain example.com/);

    const other = setup();
    addDomain(other.stack, other.organization, Fn.importValue('MailDomainName'));
    new User(other.stack, 'Alice', { organization: other.organization, ...alice, email: 'alice@example.com' });
    expect(() => Template.fromStack(other.stack)).not.toThrow();
  });

  test.each([
    ['alice@whatever.awsapps.com', undefined],
    ['alice@example.com', /use the test domain <alias>.awsapps.com/],
  ])('with the alias a token, any test domain is accepted but no other domain: %s', (email, error) => {
    const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1' } });
    const organization = new Organization(stack, 'Org', { alias: new CfnParameter(stack, 'Alias').valueAsString });
    new User(stack, 'Alice', { organization, ...alice, email });
    if (error) {
      expect(() => Template.fromStack(stack)).toThrow(error);
    } else {
      expect(() => Template.fromStack(stack)).not.toThrow();
    }
  });

  test('an imported organization is not checked: its domains are unknown here', () => {
    const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
    const organization = Organization.fromOrganizationId(stack, 'Org', 'm-0123456789abcdef0123456789abcdef');
    new User(stack, 'Alice', { organization, ...alice, email: 'alice@example.com', aliases: ['al@elsewhere.example'] });
    new Group(stack, 'Team', { organization, name: 'Team', email: 'team@example.com' });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a Domain in an imported organization still orders the entity after it', () => {
    const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
    const organization = Organization.fromOrganizationId(stack, 'Org', 'm-0123456789abcdef0123456789abcdef');
    new Domain(stack, 'Domain', { organization, domainName: 'example.com' });
    const group = new Group(stack, 'Team', { organization, name: 'Team', email: 'team@example.com' });
    expect(dependsOn(stack, logicalId(stack, group), 'Custom::WorkMailDomainVerification')).toHaveLength(1);
  });
});
