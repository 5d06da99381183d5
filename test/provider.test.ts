import * as path from 'path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  AccessControlRule, AccessEffect, AccessProtocol, Group, IOrganization, MailboxExport, MailboxPermission, MailboxPermissionType, Organization, User,
} from '../src';
import { findCycle } from './util/cycles';
import { PROVIDER_RESOURCES_VARIABLE, ResourceType } from '../src/private/constants';
import { WORKMAIL_ACTIONS } from '../src/private/workmail-actions';
import { WorkMailProvider } from '../src/provider/workmail-provider';

/** The logical ids of the policies of an organization's resource type: the type and a hash. */
const TYPE_POLICY = /^WorkMail(?!Waiter)[A-Za-z]+[0-9A-Za-z]{6}$/;

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
        resourceType: ResourceType.GROUP, organization, properties: {},
      });
    }
    const template = Template.fromStack(s).toJSON();
    const ids = Object.keys(template.Resources);
    const children = ids.filter((id) => template.Resources[id].Type === ResourceType.GROUP);
    const organizationPolicies = ids.filter((id) => template.Resources[id].Type === 'AWS::IAM::Policy' && TYPE_POLICY.test(id));
    expect(children).toHaveLength(3);
    expect(organizationPolicies).toHaveLength(1);
    expect(ids.length - children.length - organizationPolicies.length).toBeLessThanOrEqual(10);
    expect(findCycle(template)).toBeUndefined();
  });

  test('one handler function serves both phases, and the framework\'s entry point waits for the role\'s policy', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp' });
    const functions = Template.fromStack(s).findResources('AWS::Lambda::Function');
    const [handlerId] = Object.keys(functions).filter((id) => functions[id].Properties.Handler === 'index.handler');
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

  test('the framework\'s isComplete and onTimeout functions work with the environment the template gives them', async () => {
    const s = stack();
    new Group(s, 'Group', { organization: Organization.fromOrganizationId(s, 'Imported', 'm-0123456789abcdef0123456789abcdef'), name: 'team' });
    const functions = Object.values(Template.fromStack(s).findResources('AWS::Lambda::Function'));
    const environment = (entry: string): string[] =>
      Object.keys(functions.find((f) => f.Properties.Handler === entry)!.Properties.Environment?.Variables ?? {});
    // The code the template deploys for them (the framework's runtime directory), run as Lambda would.
    const runtime = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'custom-resources/lib/provider-framework/runtime');
    const outbound = jest.requireActual(path.join(runtime, 'outbound'));
    const framework = jest.requireActual(path.join(runtime, 'framework'));
    const handlerArn = 'arn:aws:lambda:us-east-1:111122223333:function:Mail-CdkWorkMailHandler';
    const invoked: string[] = [];
    const responses: any[] = [];
    jest.spyOn(outbound, 'invokeFunction').mockImplementation(async (call: any) => {
      invoked.push(call.FunctionName);
      return { Payload: Buffer.from(JSON.stringify({ IsComplete: true })) };
    });
    jest.spyOn(outbound, 'httpRequest').mockImplementation(async (_: unknown, body: any) => {
      responses.push(JSON.parse(body));
    });
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const withEnvironment = async (names: string[], run: () => Promise<void>) => {
      const variables = ['USER_ON_EVENT_FUNCTION_ARN', 'USER_IS_COMPLETE_FUNCTION_ARN', 'WAITER_STATE_MACHINE_ARN'];
      variables.forEach((name) => delete process.env[name]);
      // The template gives them our handler's ARN, and nothing else.
      names.forEach((name) => process.env[name] = handlerArn);
      try {
        await run();
      } finally {
        variables.forEach((name) => delete process.env[name]);
      }
    };
    const event = {
      RequestType: 'Create',
      ResponseURL: 'https://cloudformation-custom-resource-response.example/response',
      StackId: 'stack',
      RequestId: 'request',
      LogicalResourceId: 'Group',
      PhysicalResourceId: 'group-id',
      ResourceType: ResourceType.GROUP,
      ResourceProperties: {},
    };
    try {
      await withEnvironment(environment('framework.isComplete'), () => framework.isComplete(event));
      expect(invoked).toEqual([handlerArn]);
      expect(responses).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'group-id' })]);
      await withEnvironment(environment('framework.onTimeout'),
        () => framework.onTimeout({ Cause: JSON.stringify({ errorMessage: JSON.stringify(event) }) }));
      expect(responses[1]).toMatchObject({ Status: 'FAILED', Reason: 'Operation timed out', LogicalResourceId: 'Group' });
    } finally {
      jest.restoreAllMocks();
    }
  });

  test('tells its handler how many resources of the stack it serves, which spread their retries by it', () => {
    const s = stack();
    const organization = Organization.fromOrganizationId(s, 'Imported', 'm-0123456789abcdef0123456789abcdef');
    for (let i = 0; i < 3; i++) {
      new User(s, `User${i}`, { organization, name: `user${i}`, displayName: `User ${i}`, email: `user${i}@example.com` });
    }
    const functions = Template.fromStack(s).findResources('AWS::Lambda::Function');
    const handler = functions.WorkMailHandler;
    expect(handler.Properties.Environment.Variables).toMatchObject({ [PROVIDER_RESOURCES_VARIABLE]: '3' });
  });

  test('warns when the role\'s inline policies would pass IAM\'s 10,240 characters, not before', () => {
    // Each organization pays for the policies of the resource types it holds.
    const withOrganizations = (count: number, types: readonly string[]) => {
      const s = stack();
      for (let i = 0; i < count; i++) {
        const organization = Organization.fromOrganizationId(s, `Org${i}`, `m-${String(i).padStart(32, '0')}`);
        types.forEach((resourceType, t) =>
          WorkMailProvider.of(s).createResource(new Construct(s, `Child${i}-${t}`), { resourceType, organization, properties: {} }));
      }
      return Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('cdk-workmail:provider-role-policy-size'));
    };
    const entities = [ResourceType.USER, ResourceType.GROUP, ResourceType.RESOURCE];
    expect(withOrganizations(3, entities)).toHaveLength(0);
    expect(withOrganizations(5, [ResourceType.USER])).toHaveLength(0);
    const [warning] = withOrganizations(5, entities);
    expect(warning.entry.data).toMatch(/about \d+ characters of inline policy for the 5 organization\(s\) in this stack, over IAM's 10240/);
  });

  test('grants each organization, on its ARN only, the WorkMail actions of each resource type it holds, a policy per type, with the children\'s extras', () => {
    const s = stack();
    const created = new Organization(s, 'Org', { alias: 'corp' });
    const imported = Organization.fromOrganizationId(s, 'Imported', 'm-0123456789abcdef0123456789abcdef');
    const provider = WorkMailProvider.of(s);
    const child = (id: string, organization: IOrganization, resourceType: string, statements?: iam.PolicyStatement[]) =>
      provider.createResource(new Construct(s, id), { resourceType, organization, properties: { Name: id }, statements });
    const passRole = new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/monitoring'] });
    child('One', created, ResourceType.EMAIL_MONITORING);
    child('Two', created, ResourceType.EMAIL_MONITORING, [passRole]);
    child('Three', created, ResourceType.USER);
    child('Four', imported, ResourceType.USER);

    const template = Template.fromStack(s);
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => TYPE_POLICY.test(id));
    expect(policies).toHaveLength(3);
    const statements = policies.map(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const createdArn = { 'Fn::GetAtt': ['Org742A0865', 'OrganizationArn'] };
    expect(statements).toContainEqual([
      { Action: [...WORKMAIL_ACTIONS[ResourceType.EMAIL_MONITORING]].sort(), Effect: 'Allow', Resource: createdArn },
    ]);
    // The child's extra statement is in a policy of its own, which it alone depends on: it
    // leaves the stack with the child, after it.
    const two = template.toJSON().Resources[s.getLogicalId(s.node.findChild('Two').node.findChild('Resource').node.defaultChild as CfnElement)];
    const ownPolicies = two.DependsOn.filter((id: string) => !TYPE_POLICY.test(id));
    expect(ownPolicies).toHaveLength(1);
    expect(template.toJSON().Resources[ownPolicies[0]].Properties.PolicyDocument.Statement).toEqual([
      { Action: 'iam:PassRole', Effect: 'Allow', Resource: 'arn:aws:iam::111122223333:role/monitoring' },
    ]);
    expect(Object.values(template.toJSON().Resources).filter((r: any) => (r.DependsOn ?? []).includes(ownPolicies[0]))).toHaveLength(1);
    expect(statements).toContainEqual([{ Action: [...WORKMAIL_ACTIONS[ResourceType.USER]].sort(), Effect: 'Allow', Resource: createdArn }]);
    expect(statements).toContainEqual([{
      Action: [...WORKMAIL_ACTIONS[ResourceType.USER]].sort(),
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef']] },
    }]);
    // No other type's actions: a user stack is not granted what groups or rules call.
    expect(JSON.stringify(statements)).not.toContain('workmail:CreateGroup');

    // Each user waits for the users' policy of its own organization.
    const resourceOf = (policyId: string) =>
      JSON.stringify(policies.find(([id]) => id === policyId)![1].Properties.PolicyDocument.Statement[0].Resource);
    const users = Object.values(template.findResources(ResourceType.USER));
    expect(users.map((r) => r.DependsOn.map(resourceOf))).toEqual([[JSON.stringify(createdArn)], [expect.stringContaining('organization/m-0123')]]);
    expect(findCycle(template.toJSON())).toBeUndefined();
  });

  test.each([
    ['AccessControlRule', 'workmail:DeleteAccessControlRule', (s: Stack, organization: IOrganization) =>
      new AccessControlRule(s, 'Rule', { organization, name: 'no-imap', effect: AccessEffect.DENY, protocols: [AccessProtocol.IMAP] })],
    ['MailboxPermission', 'workmail:DeleteMailboxPermissions', (s: Stack, organization: IOrganization) =>
      new MailboxPermission(s, 'Permission', {
        organization,
        mailbox: User.fromUserId(s, 'Shared', '12345678-1234-1234-1234-123456789012'),
        grantee: Group.fromGroupId(s, 'Team', '12345678-1234-1234-1234-123456789013'),
        permissions: [MailboxPermissionType.SEND_AS],
      })],
  ])('removing the last %s removes the policy granting %s with it, which CloudFormation deletes after it; other policies stay as they were', (_, action, addChild) => {
    const app = (withChild: boolean) => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      new Group(s, 'Group', { organization, name: 'team' });
      if (withChild) {
        addChild(s, organization);
      }
      return Template.fromStack(s).toJSON();
    };
    const organizationPolicies = (template: any) => Object.fromEntries(Object.entries(template.Resources)
      .filter(([id, resource]: [string, any]) => resource.Type === 'AWS::IAM::Policy' && TYPE_POLICY.test(id)));
    const withChild = app(true);
    const [childId] = Object.keys(withChild.Resources).filter((id) => withChild.Resources[id].Type.startsWith('Custom::WorkMail')
      && !['Custom::WorkMailOrganization', 'Custom::WorkMailGroup'].includes(withChild.Resources[id].Type));
    // The child depends on a policy granting the action, which it alone uses.
    const [policyId] = withChild.Resources[childId].DependsOn.filter((id: string) => id in organizationPolicies(withChild));
    expect(JSON.stringify(withChild.Resources[policyId].Properties.PolicyDocument)).toContain(action);
    expect(Object.values(withChild.Resources).filter((r: any) => (r.DependsOn ?? []).includes(policyId))).toHaveLength(1);
    // Without the child the policy leaves with it (CloudFormation deletes a resource before what it
    // depends on), and the group's policy does not change: nothing to update before the cleanup.
    const { [policyId]: removed, ...rest } = organizationPolicies(withChild);
    expect(removed).toBeDefined();
    expect(organizationPolicies(app(false))).toEqual(rest);
  });

  test('keeps a removed resource\'s own statements (a mailbox export\'s state machine) until CloudFormation has deleted it, while another of its type stays', () => {
    const app = (withSecond: boolean) => {
      const s = stack();
      const organization = Organization.fromOrganizationId(s, 'Imported', 'm-0123456789abcdef0123456789abcdef');
      new MailboxExport(s, 'First', { organization, prefix: 'first/' });
      if (withSecond) {
        new MailboxExport(s, 'Second', { organization, prefix: 'second/' });
      }
      return Template.fromStack(s).toJSON();
    };
    const before = app(true);
    const after = app(false);
    const [removedId] = Object.keys(before.Resources)
      .filter((id) => before.Resources[id].Type === ResourceType.MAILBOX_EXPORT && !(id in after.Resources));
    const removed = before.Resources[removedId];
    const stateMachine = removed.Properties.StateMachineArn;
    // Every policy the removed export depends on either stays as it was, or leaves the stack with
    // it and is deleted after it: none loses a statement before its Delete runs.
    const policies: string[] = removed.DependsOn.filter((id: string) => before.Resources[id].Type === 'AWS::IAM::Policy');
    for (const policyId of policies) {
      if (policyId in after.Resources) {
        expect(after.Resources[policyId].Properties.PolicyDocument).toEqual(before.Resources[policyId].Properties.PolicyDocument);
      }
    }
    // And among them is the right to run its own state machine.
    const granted = policies.flatMap((id) => before.Resources[id].Properties.PolicyDocument.Statement);
    expect(granted).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['states:StartExecution']), Resource: stateMachine }));
    expect(findCycle(before)).toBeUndefined();
  });

  test('grants the SES calls of domain registration in the domains\' policy, and only with a Domain or a created organization', () => {
    const app = (withDomain: boolean) => {
      const s = stack();
      const organization = Organization.fromOrganizationId(s, 'Imported', 'm-0123456789abcdef0123456789abcdef');
      new Group(s, 'Group', { organization, name: 'team' });
      if (withDomain) {
        WorkMailProvider.of(s).createResource(new Construct(s, 'Domain'), { resourceType: ResourceType.DOMAIN, organization, properties: {} });
      }
      return Template.fromStack(s).toJSON();
    };
    expect(JSON.stringify(Object.values(app(false).Resources).filter((r: any) => r.Type === 'AWS::IAM::Policy'))).not.toContain('ses:');

    const template = app(true);
    const [domain] = Object.values(template.Resources).filter((r: any) => r.Type === ResourceType.DOMAIN) as any[];
    const statements = template.Resources[domain.DependsOn[0]].Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['ses:DeleteReceiptRule', 'ses:VerifyDomainIdentity']), Resource: '*' }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'ses:SetIdentityMailFromDomain' }));
  });

  test('keeps the SES calls of a created organization\'s test domain in the role\'s default policy', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    new Group(s, 'Group', { organization, name: 'team' });
    const statements = Object.entries(Template.fromStack(s).findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.includes('DefaultPolicy'))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({
      Action: 'ses:SetIdentityMailFromDomain',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:us-east-1:111122223333:identity/*']] },
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['ses:GetIdentityMailFromDomainAttributes', 'ses:DeleteIdentityPolicy', 'ses:DeleteReceiptRule']),
      Resource: '*',
    }));
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
