/**
 * Benchmark (a): CloudFormation resources, template bytes and synth time for N WorkMail users,
 * written with this library's `User` versus the same calls written with `AwsCustomResource`:
 * the fair version a careful engineer writes (one shared role, the password by a Secrets Manager
 * dynamic reference, deregistration on delete), and the naive one (a policy per custom resource,
 * the password in the template).
 */
import { performance } from 'perf_hooks';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IOrganization, Organization, User } from '../src';
import { median, printTable } from './report';
import { largestRolePolicy } from '../test/util/role-policy';

const ORGANIZATION_ID = 'm-0123456789abcdef0123456789abcdef';
const SIZES = [50, 200, 450];
const RUNS = 3;

type Writer = (stack: Stack, count: number) => void;

/** This library: one custom resource per user, one shared provider, one policy per organization. */
const withLibrary: Writer = (stack, count) => {
  const organization = Organization.fromOrganizationId(stack, 'Organization', ORGANIZATION_ID);
  const password = new secretsmanager.Secret(stack, 'InitialPassword');
  for (let i = 0; i < count; i++) {
    new User(stack, `User${i}`, {
      organization, name: `user${i}`, displayName: `User ${i}`, email: `user${i}@example.com`, password,
    });
  }
};

interface Alternative {
  /** How the custom resources get their permissions: one shared role, or a policy each. */
  readonly access: (stack: Stack, organization: IOrganization) => Pick<cr.AwsCustomResourceProps, 'role' | 'policy'>;
  /** The initial password as the CreateUser call receives it. */
  readonly password: (stack: Stack) => string;
  /** Whether the registration is undone (DeregisterFromWorkMail) on delete. */
  readonly deregister: boolean;
}

/** CreateUser then RegisterToWorkMail as AwsCustomResource calls, DeleteUser on delete. */
function withAwsCustomResource(alternative: Alternative): Writer {
  return (stack, count) => {
    const organization = Organization.fromOrganizationId(stack, 'Organization', ORGANIZATION_ID);
    const access = alternative.access(stack, organization);
    const password = alternative.password(stack);
    for (let i = 0; i < count; i++) {
      const user = new cr.AwsCustomResource(stack, `User${i}`, {
        onCreate: {
          service: 'WorkMail',
          action: 'createUser',
          parameters: { OrganizationId: ORGANIZATION_ID, Name: `user${i}`, DisplayName: `User ${i}`, Password: password },
          physicalResourceId: cr.PhysicalResourceId.fromResponse('UserId'),
        },
        onDelete: {
          service: 'WorkMail',
          action: 'deleteUser',
          parameters: { OrganizationId: ORGANIZATION_ID, UserId: new cr.PhysicalResourceIdReference() },
        },
        ...access,
        installLatestAwsSdk: false,
      });
      const entity = { OrganizationId: ORGANIZATION_ID, EntityId: user.getResponseField('UserId') };
      new cr.AwsCustomResource(stack, `Register${i}`, {
        onCreate: {
          service: 'WorkMail',
          action: 'registerToWorkMail',
          parameters: { ...entity, Email: `user${i}@example.com` },
          physicalResourceId: cr.PhysicalResourceId.of(`user${i}@example.com`),
        },
        onDelete: alternative.deregister ? { service: 'WorkMail', action: 'deregisterFromWorkMail', parameters: entity } : undefined,
        ...access,
        installLatestAwsSdk: false,
      });
    }
  };
}

/**
 * The careful alternative: one role the user writes once (no policy per resource), the password
 * resolved by CloudFormation from Secrets Manager, the registration undone on delete.
 */
const withFairAwsCustomResource = withAwsCustomResource({
  access: (stack, organization) => {
    const role = new iam.Role(stack, 'WorkMailCalls', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['workmail:CreateUser', 'workmail:DeleteUser', 'workmail:RegisterToWorkMail', 'workmail:DeregisterFromWorkMail'],
      resources: [organization.organizationArn],
    }));
    return { role };
  },
  password: (stack) => SecretValue.secretsManager(new secretsmanager.Secret(stack, 'InitialPassword').secretArn).unsafeUnwrap(),
  deregister: true,
});

/** The naive alternative: a policy per custom resource, the password in the template, no deregistration. */
const withNaiveAwsCustomResource = withAwsCustomResource({
  access: (_, organization) => ({ policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [organization.organizationArn] }) }),
  password: () => 'in-the-template',
  deregister: false,
});

interface Measure {
  readonly resources: number;
  readonly bytes: number;
  readonly ms: number;
  /** The largest sum of inline policies on one role: what IAM limits to 10,240 characters. */
  readonly rolePolicyBytes: number;
}

const ROLE_INLINE_POLICY_LIMIT = 10_240;

function measure(write: Writer, count: number): Measure {
  const samples = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    // Count past CloudFormation's 500-resource limit instead of failing, to show where each stands.
    const app = new App({ context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const stack = new Stack(app, 'Bench', { env: { region: 'us-east-1', account: '111122223333' } });
    write(stack, count);
    const template = app.synth().getStackByName('Bench').template;
    const ms = performance.now() - started;
    const resources = Object.values(template.Resources) as any[];
    return { resources: resources.length, bytes: JSON.stringify(template).length, ms, rolePolicyBytes: largestRolePolicy(resources) };
  });
  return { ...samples[0], ms: median(samples.map((sample) => sample.ms)) };
}

export function synthComparison(): void {
  const rows = SIZES.flatMap((count): Array<Record<string, string | number>> => {
    const ours = measure(withLibrary, count);
    const fair = measure(withFairAwsCustomResource, count);
    const naive = measure(withNaiveAwsCustomResource, count);
    const ratio = (variant: string, theirs: Measure) => ({
      users: count,
      variant,
      'resources': (ours.resources / theirs.resources).toFixed(2),
      'resources per user': '',
      // Three decimals: the target is 0.35, and two would round 0.3549 down onto it.
      'template KB': (ours.bytes / theirs.bytes).toFixed(3),
      'bytes per user': '',
      'synth ms (median)': (ours.ms / theirs.ms).toFixed(2),
      'role inline policy bytes': '',
    });
    return [
      { users: count, variant: 'cdk-workmail User', ...format(ours, count) },
      { users: count, variant: 'AwsCustomResource, shared role (fair)', ...format(fair, count) },
      { users: count, variant: 'AwsCustomResource, policy per resource (naive)', ...format(naive, count) },
      ratio('ratio ours / fair (targets: bytes <= 0.35, synth <= 0.8)', fair),
      ratio('ratio ours / naive', naive),
    ];
  });
  printTable('(a) N users: resources, template size, synth time (targets: 1 resource per entity + <= 10, < 500 at 450, '
    + '<= 0.35x the fair variant\'s bytes, <= 0.8x its synth time, '
    + `each role's inline policies under IAM's ${ROLE_INLINE_POLICY_LIMIT} characters)`, rows);
}

function format(result: Measure, count: number): Record<string, string> {
  return {
    'resources': `${result.resources}${result.resources > 500 ? ' (over the 500 limit)' : ''}`,
    'resources per user': ((result.resources) / count).toFixed(2),
    'template KB': (result.bytes / 1024).toFixed(1),
    'bytes per user': (result.bytes / count).toFixed(0),
    'synth ms (median)': result.ms.toFixed(0),
    'role inline policy bytes': `${result.rolePolicyBytes}${result.rolePolicyBytes > ROLE_INLINE_POLICY_LIMIT ? ' (over the IAM limit)' : ''}`,
  };
}
