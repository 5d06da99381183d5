import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { IOrganization, Organization } from '../src';
import { findCycle } from './util/cycles';
import { WorkMailProvider } from '../src/provider/workmail-provider';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

describe('WorkMailProvider', () => {
  test('is one per stack, found through the construct tree', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    expect(WorkMailProvider.of(new Construct(a, 'X'))).toBe(WorkMailProvider.of(a));
    expect(WorkMailProvider.of(b)).not.toBe(WorkMailProvider.of(a));
  });

  test.each([
    ['in an account and region', stack()],
    ['environment-agnostic', new Stack(new App(), 'Agnostic')],
  ])('costs a stack at most 10 resources whatever it holds (%s)', (_, s) => {
    const organization = Organization.fromOrganizationId(s, 'Imported', 'm-0123456789abcdef0123456789abcdef');
    for (const id of ['One', 'Two', 'Three']) {
      WorkMailProvider.of(s).createResource(new Construct(s, id), {
        resourceType: 'Custom::WorkMailTest', organization, properties: {}, actions: ['workmail:GetGroup'],
      });
    }
    const template = Template.fromStack(s).toJSON();
    const ids = Object.keys(template.Resources);
    const children = ids.filter((id) => template.Resources[id].Type === 'Custom::WorkMailTest');
    const organizationPolicies = ids.filter((id) => id.startsWith('CdkWorkMailProviderOrganization'));
    expect(children).toHaveLength(3);
    expect(organizationPolicies).toHaveLength(1);
    expect(ids.length - children.length - organizationPolicies.length).toBeLessThanOrEqual(10);
    expect(findCycle(template)).toBeUndefined();
  });

  test('one handler function serves both phases, and the framework\'s entry point waits for the role\'s policy', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp' });
    const functions = Template.fromStack(s).findResources('AWS::Lambda::Function');
    const [handlerId] = Object.keys(functions).filter((id) => id.startsWith('CdkWorkMailProviderHandler'));
    const entry = Object.values(functions).find((f) => f.Properties.Handler === 'framework.onEvent');
    expect(entry?.Properties.Environment.Variables).toMatchObject({
      USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': [handlerId, 'Arn'] },
      USER_IS_COMPLETE_FUNCTION_ARN: { 'Fn::GetAtt': [handlerId, 'Arn'] },
    });
    expect(entry?.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^CdkWorkMailProviderHandlerRoleDefaultPolicy/)]));
    // All four functions assume the one role, by its ARN or by an ARN built from its name.
    const [roleId] = Object.keys(Template.fromStack(s).findResources('AWS::IAM::Role')).filter((id) => id.startsWith('CdkWorkMailProviderHandlerRole'));
    expect(Object.values(functions)).toHaveLength(4);
    Object.values(functions).forEach((f) => expect(JSON.stringify(f.Properties.Role)).toContain(`"${roleId}"`));
    // The framework's isComplete function calls the handler with the statements granted for onEvent.
    const [policy] = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: roleId }], PolicyName: Match.stringLikeRegexp('DefaultPolicy') },
    }));
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: expect.arrayContaining([{ 'Fn::GetAtt': [handlerId, 'Arn'] }]) }),
      expect.objectContaining({ Action: 'states:StartExecution' }),
    ]));
  });

  test('warns when the role\'s inline policies would pass IAM\'s 10,240 characters, not before', () => {
    const withOrganizations = (count: number) => {
      const s = stack();
      for (let i = 0; i < count; i++) {
        const organization = Organization.fromOrganizationId(s, `Org${i}`, `m-${String(i).padStart(32, '0')}`);
        WorkMailProvider.of(s).createResource(new Construct(s, `Child${i}`), {
          resourceType: 'Custom::WorkMailTest',
          organization,
          properties: {},
          // About 3,000 characters of actions per organization.
          actions: Array.from({ length: 100 }, (_, n) => `workmail:ListMailboxExportJobs${n}`),
        });
      }
      return Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('cdk-workmail:provider-role-policy-size'));
    };
    expect(withOrganizations(2)).toHaveLength(0);
    const [warning] = withOrganizations(4);
    expect(warning.entry.data).toMatch(/about \d+ characters of inline policy for the 4 organization\(s\) in this stack, over IAM's 10240/);
  });

  test('scopes child resources to their organization, one merged statement per organization', () => {
    const s = stack();
    const created = new Organization(s, 'Org', { alias: 'corp' });
    const imported = Organization.fromOrganizationId(s, 'Imported', 'm-0123456789abcdef0123456789abcdef');
    const provider = WorkMailProvider.of(s);
    const child = (id: string, organization: IOrganization = created, actions = ['workmail:PutAccessControlRule']) =>
      provider.createResource(new Construct(s, id), {
        resourceType: 'Custom::WorkMailTest', organization, properties: { Name: id }, actions,
      });
    child('One');
    child('Two', created, ['workmail:PutAccessControlRule', 'workmail:DeleteAccessControlRule']);
    child('Three', imported);

    const template = Template.fromStack(s);
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.includes('Organization'));
    expect(policies).toHaveLength(2);
    const statements = policies.map(([, policy]) => policy.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual([{
      Action: ['workmail:PutAccessControlRule', 'workmail:DeleteAccessControlRule'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': ['Org742A0865', 'OrganizationArn'] },
    }]);
    expect(statements).toContainEqual([{
      Action: 'workmail:PutAccessControlRule',
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef']] },
    }]);

    // Each child waits for its organization's statements, and nothing depends on itself.
    const children = template.findResources('Custom::WorkMailTest');
    expect(Object.values(children).every((r) => (r.DependsOn ?? []).some((d: string) => d.includes('Organization')))).toBe(true);
    expect(findCycle(template.toJSON())).toBeUndefined();
  });
});

test('findCycle finds the cycles CloudFormation would reject', () => {
  expect(findCycle({
    Resources: {
      A: { Properties: { X: { 'Fn::GetAtt': ['B', 'Arn'] } } },
      B: { DependsOn: ['C'] },
      C: { Properties: { Y: { 'Fn::Sub': '${A.Arn}' } } },
    },
  })).toEqual(['A', 'B', 'C', 'A']);
  expect(findCycle({ Resources: { A: { Properties: { X: { Ref: 'B' } } }, B: {} } })).toBeUndefined();
});
