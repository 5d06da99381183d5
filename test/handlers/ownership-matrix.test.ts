/**
 * The ownership lifecycle matrix (DESIGN.md §8, docs/ownership.md): every resource type whose
 * handler meets live objects, driven through every CloudFormation lifecycle against the emulator,
 * each cell asserting the emulator's end state.
 *
 * Rows are the SUBJECTS below; columns are the CELLS. A subject leaves out the cells that cannot
 * happen to its object, and says why in `notApplicable`; the last test checks that every cell is
 * either run or explained. `state()` reads the emulator (never the handler's answer), and
 * `outside` is an administrator working with the real SDK beside the stack.
 */
import {
  CreateAvailabilityConfigurationCommand,
  CreateImpersonationRoleCommand,
  CreateMobileDeviceAccessRuleCommand,
  CreateUserCommand,
  DeleteAccessControlRuleCommand,
  DeleteAvailabilityConfigurationCommand,
  DeleteEmailMonitoringConfigurationCommand,
  DeleteImpersonationRoleCommand,
  DeleteMailboxPermissionsCommand,
  DeleteMobileDeviceAccessOverrideCommand,
  DeleteMobileDeviceAccessRuleCommand,
  DeleteRetentionPolicyCommand,
  DeleteUserCommand,
  DeregisterFromWorkMailCommand,
  PermissionType,
  CreateGroupCommand,
  CreateResourceCommand,
  DeleteGroupCommand,
  DeleteIdentityProviderConfigurationCommand,
  DeleteResourceCommand,
  PutAccessControlRuleCommand,
  PutEmailMonitoringConfigurationCommand,
  PutIdentityProviderConfigurationCommand,
  PutInboundDmarcSettingsCommand,
  PutMailboxPermissionsCommand,
  PutMobileDeviceAccessOverrideCommand,
  PutRetentionPolicyCommand,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  UpdateAvailabilityConfigurationCommand,
  UpdateGroupCommand,
  UpdateImpersonationRoleCommand,
  UpdateResourceCommand,
  UpdateUserCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { request, run, STACK_ID } from './cloudformation';
import { mockSecrets, organizationPerTest, SECRET_ARN } from './entities';
import { onEvent } from '../../src/handlers';
import { ResourceEvent } from '../../src/handlers/shared/cfn';
import { ResourceType } from '../../src/private/constants';
import { readOwnerMarker } from '../../src/private/ownership-properties';
import { accessRulesOf, DEFAULT_MOBILE_RULE_NAME } from '../emulator/workmail/access-rules';
import { isDmarcEnforced } from '../emulator/workmail/dmarc';
import { organizationIdentity } from '../emulator/workmail/identity';
import { retentionPolicyOf } from '../emulator/workmail/retention';

jest.mock('@aws-sdk/client-secrets-manager', () => jest.requireActual('./entities').mockSecretsManager(), { virtual: true });

const fixture = organizationPerTest();
const org = () => fixture.organizationId;
const organization = () => fixture.emulator.organization(org());
const rules = () => accessRulesOf(organization());
let outside: WorkMailClient;

const FAILED_CREATE = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:availability';
const OTHER_LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:other';

beforeEach(() => {
  outside = new WorkMailClient({});
  mockSecrets.clear();
  mockSecrets.set(SECRET_ARN, 'Corr3ct-Horse-Battery');
});

type Props = Record<string, unknown>;

/** A row of the matrix: one resource type and how to see and disturb its live object. */
interface Subject {
  readonly name: string;
  readonly type: string;
  /** Runs before each cell: what the object needs around it. */
  readonly setup?: () => Promise<void>;
  readonly props: () => Props;
  readonly changed: () => Props;
  /** The live object as the emulator has it, in the words of the properties; undefined when there is none. */
  readonly state: () => unknown;
  /** What `state()` shows for `props` once the resource wrote them. */
  readonly expected: (props: Props) => unknown;
  /** What `state()` shows before the stack and after it left: the organization as found. */
  readonly found?: () => unknown;
  /** Changes the object outside CloudFormation. */
  readonly changeOutside?: () => Promise<void>;
  /** After a change outside, whether a Delete leaves the object (true) or still removes it (the removal policy decides). */
  readonly deleteKeepsChange?: boolean;
  /** What an Update and then a Delete leave after a change outside, when not `expected(changed)` and `found()`. */
  readonly afterOutsideChange?: { readonly update: () => unknown; readonly delete: () => unknown };
  readonly deleteOutside?: () => Promise<void>;
  /** An Update after the object was deleted outside: puts it back, or fails saying so. */
  readonly updateAfterOutsideDelete?: 'recreates' | RegExp;
  /** Makes an object like the stack's, as someone else would (the console, another tool). */
  readonly makeOutside?: () => Promise<void>;
  /** The properties that adopt what makeOutside made (AdoptExisting, and an id where needed). */
  readonly adoptProps?: () => Props;
  /** What a Delete of the adopting resource leaves (default: what makeOutside made). */
  readonly afterAdoptedDelete?: () => unknown;
  /** Makes, as someone else would, exactly the object the properties describe. */
  readonly makeSame?: () => Promise<void>;
  /** The properties that take over what makeSame made (default: props, or adoptProps where adopting needs them). */
  readonly sameProps?: () => Props;
  /** What the last Delete of an object adopted as it is leaves, when not what makeSame made (the removal policy decides). */
  readonly afterSameDelete?: () => unknown;
  /** Properties the new resource of a moved construct needs (an id-keyed object is taken over by id). */
  readonly moveProps?: (created: { PhysicalResourceId: string; Data: Record<string, string> }) => Props;
  /**
   * What the moved construct's Delete leaves, when not what was found: a resource that took the
   * object over from another resource of the stack cannot know what that one found.
   */
  readonly afterMovedDelete?: () => unknown;
  /** Operations no cell may call. */
  readonly neverCalls?: readonly string[];
  /** Cells that cannot happen to this object, and why. */
  readonly notApplicable?: Partial<Record<Cell, string>>;
}

const CELLS = [
  'create', 'redelivered create', 'update', 'update rollback', 'delete', 'delete after failed create', 'move', 'move rolled back',
  'changed outside, then update and delete', 'deleted outside, then update and delete', 'adoption refused', 'adoption opted in',
  'adopted as it is, moved, deleted', 'adopted as it is, changed, rolled back, deleted',
] as const;
type Cell = typeof CELLS[number];

function lifecycle(subject: Subject) {
  const event = (requestType: ResourceEvent['RequestType'], props: Props, extra: Partial<ResourceEvent<Props>> = {}) =>
    request(subject.type, requestType, { OrganizationId: org(), ...props }, extra);
  return {
    create: (props: Props, logicalId = 'Resource') => event('Create', props, { LogicalResourceId: logicalId }),
    update: (id: string, old: Props, props: Props) => event('Update', props, { PhysicalResourceId: id, OldResourceProperties: { OrganizationId: org(), ...old } }),
    remove: (id: string, props: Props, logicalId = 'Resource') => event('Delete', props, { PhysicalResourceId: id, LogicalResourceId: logicalId }),
  };
}

/** Each cell: the lifecycle, then the end state. */
const RUN: Record<Cell, (subject: Subject) => Promise<void>> = {
  'create': async (s) => {
    await run(lifecycle(s).create(s.props()));
    expect(s.state()).toEqual(s.expected(s.props()));
  },
  'redelivered create': async (s) => {
    const create = lifecycle(s).create(s.props());
    await onEvent(create as unknown as ResourceEvent); // the first delivery's answer was lost
    await run(create);
    expect(s.state()).toEqual(s.expected(s.props()));
  },
  'update': async (s) => {
    const l = lifecycle(s);
    const { PhysicalResourceId: id } = await run(l.create(s.props()));
    expect((await run(l.update(id, s.props(), s.changed()))).PhysicalResourceId).toBe(id);
    expect(s.state()).toEqual(s.expected(s.changed()));
  },
  'update rollback': async (s) => {
    const l = lifecycle(s);
    const { PhysicalResourceId: id } = await run(l.create(s.props()));
    await run(l.update(id, s.props(), s.changed()));
    await run(l.update(id, s.changed(), s.props()));
    expect(s.state()).toEqual(s.expected(s.props()));
  },
  'delete': async (s) => {
    const l = lifecycle(s);
    const { PhysicalResourceId: id } = await run(l.create(s.props()));
    await run(l.remove(id, s.props()));
    expect(s.state()).toEqual(s.found?.());
  },
  'delete after failed create': async (s) => {
    const before = s.state();
    const writes = () => fixture.emulator.calls.filter((call) => !/^(Describe|Get|List)/.test(call.operation)).length;
    const calls = writes();
    await run(lifecycle(s).remove(FAILED_CREATE, s.props()));
    expect(writes()).toBe(calls);
    expect(s.state()).toEqual(before);
  },
  'move': async (s) => {
    const l = lifecycle(s);
    const a = await run(l.create(s.props(), 'Old'));
    const movedProps = s.moveProps?.(a) ?? s.props();
    const b = await run(l.create(movedProps, 'New'));
    await run(l.remove(a.PhysicalResourceId, s.props(), 'Old')); // CloudFormation deletes the old resource last
    expect(s.state()).toEqual(s.expected(s.props()));
    await run(l.remove(b.PhysicalResourceId, movedProps, 'New'));
    expect(s.state()).toEqual(s.afterMovedDelete ? s.afterMovedDelete() : s.found?.());
  },
  'move rolled back': async (s) => {
    const l = lifecycle(s);
    const a = await run(l.create(s.props(), 'Old'));
    const movedProps = s.moveProps?.(a) ?? s.props();
    const b = await run(l.create(movedProps, 'New'));
    // The stack update fails: CloudFormation deletes the new resource, and the old one stays as it was.
    await run(l.remove(b.PhysicalResourceId, movedProps, 'New'));
    expect(s.state()).toEqual(s.expected(s.props()));
    await run(l.remove(a.PhysicalResourceId, s.props(), 'Old'));
    expect(s.state()).toEqual(s.found?.());
  },
  'changed outside, then update and delete': async (s) => {
    const l = lifecycle(s);
    const { PhysicalResourceId: id } = await run(l.create(s.props()));
    await s.changeOutside!();
    await run(l.update(id, s.props(), s.changed()));
    expect(s.state()).toEqual(s.afterOutsideChange ? s.afterOutsideChange.update() : s.expected(s.changed()));
    await s.changeOutside!();
    const changed = s.state();
    await run(l.remove(id, s.changed()));
    expect(s.state()).toEqual(s.afterOutsideChange ? s.afterOutsideChange.delete() : s.deleteKeepsChange ? changed : s.found?.());
  },
  'deleted outside, then update and delete': async (s) => {
    const l = lifecycle(s);
    const { PhysicalResourceId: id } = await run(l.create(s.props()));
    await s.deleteOutside!();
    const updating = run(l.update(id, s.props(), s.changed()));
    if (s.updateAfterOutsideDelete === 'recreates') {
      await updating;
      expect(s.state()).toEqual(s.expected(s.changed()));
    } else {
      await expect(updating).rejects.toThrow(s.updateAfterOutsideDelete);
    }
    await run(l.remove(id, s.updateAfterOutsideDelete === 'recreates' ? s.changed() : s.props()));
    expect(s.state()).toEqual(s.found?.());
  },
  'adoption refused': async (s) => {
    await s.makeOutside!();
    const made = s.state();
    await expect(run(lifecycle(s).create(s.props()))).rejects.toThrow(/already exists and this stack did not make it.*adoptExisting: true/);
    expect(s.state()).toEqual(made);
  },
  'adoption opted in': async (s) => {
    await s.makeOutside!();
    const made = s.state();
    const l = lifecycle(s);
    const adopting = s.adoptProps!();
    const { PhysicalResourceId: id } = await run(l.create(adopting));
    expect(s.state()).toEqual(s.expected(adopting));
    await run(l.remove(id, adopting));
    expect(s.state()).toEqual(s.afterAdoptedDelete ? s.afterAdoptedDelete() : made);
  },
  'adopted as it is, moved, deleted': async (s) => {
    await s.makeSame!();
    const made = s.state();
    const l = lifecycle(s);
    const from = fixture.emulator.calls.length;
    const props = s.sameProps?.() ?? s.props();
    const a = await run(l.create(props, 'Old'));
    // The construct moves: the new resource finds the object as it was, and so does the old one's Delete.
    const movedProps = s.moveProps?.(a) ?? props;
    const b = await run(l.create(movedProps, 'New'));
    await run(l.remove(a.PhysicalResourceId, props, 'Old'));
    expect(fixture.emulator.calls.slice(from).filter((call) => CHANGE.test(call.operation)).map((call) => call.operation)).toEqual([]);
    expect(s.state()).toEqual(made);
    await run(l.remove(b.PhysicalResourceId, movedProps, 'New'));
    expect(s.state()).toEqual(s.afterSameDelete ? s.afterSameDelete() : made);
  },
  'adopted as it is, changed, rolled back, deleted': async (s) => {
    await s.makeSame!();
    const made = s.state();
    const l = lifecycle(s);
    const props = s.sameProps?.() ?? s.props();
    const changed = { ...props, ...s.changed() };
    const { PhysicalResourceId: id } = await run(l.create(props));
    await run(l.update(id, props, changed));
    expect(s.state()).toEqual(s.expected(changed));
    // The stack update fails later: CloudFormation puts the properties back, then the stack goes.
    await run(l.update(id, changed, props));
    expect(s.state()).toEqual(made);
    await run(l.remove(id, props));
    expect(s.state()).toEqual(s.afterSameDelete ? s.afterSameDelete() : made);
  },
};

/** The write operations: tagging the organization (ownership records) is not among them. */
const CHANGE = /^(Create|Put|Update|Delete|Register|Deregister|Reset|Associate|Disassociate|Start)/;

const withoutMarker = (description: string | undefined) => readOwnerMarker(description).description || undefined;
const sorted = (values: readonly string[] | undefined) => values && [...values].sort();

/** Users, groups and resources made outside: created and registered as an administrator would. */
async function entityOutside(kind: 'user' | 'group' | 'resource', name: string, email: string): Promise<string> {
  const OrganizationId = org();
  const id = kind === 'user'
    ? (await outside.send(new CreateUserCommand({ OrganizationId, Name: name, DisplayName: 'Made In The Console', Password: 'Outside-Pa55word' }))).UserId!
    : kind === 'group'
      ? (await outside.send(new CreateGroupCommand({ OrganizationId, Name: name }))).GroupId!
      : (await outside.send(new CreateResourceCommand({ OrganizationId, Name: name, Type: 'EQUIPMENT' }))).ResourceId!;
  await outside.send(new RegisterToWorkMailCommand({ OrganizationId, EntityId: id, Email: email }));
  return id;
}

function entityNamed(name: string) {
  return [...organization().entities.values()].find((entity) => entity.name === name && entity.state !== 'DELETED');
}

async function deleteEntityOutside(name: string): Promise<void> {
  const entity = entityNamed(name)!;
  const OrganizationId = org();
  await outside.send(new DeregisterFromWorkMailCommand({ OrganizationId, EntityId: entity.id }));
  entity.disablePending = 0;
  if (entity.kind === 'USER') {
    await outside.send(new DeleteUserCommand({ OrganizationId, UserId: entity.id }));
  } else if (entity.kind === 'GROUP') {
    await outside.send(new DeleteGroupCommand({ OrganizationId, GroupId: entity.id }));
  } else {
    await outside.send(new DeleteResourceCommand({ OrganizationId, ResourceId: entity.id }));
  }
}

/** Entities: a moved construct takes its entity over with adoptExisting; DESTROY lets Delete remove it. */
const ENTITY_CELLS = {
  changed: 'a Delete with removal policy DESTROY removes the entity whatever was changed outside: the removal policy decides',
  same: 'an entity adopted as it is gets no write: the import round trip (test/cli-import.test.ts) deploys 60 of them and counts every call',
};

const ALICE = 'alice-0000-0000-0000-000000000001';
const mailbox = () => entityNamed('shared')!;
const grantee = () => entityNamed('bob')!;

const IC_INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b3c4d5e6f7';
const IC_APPLICATION = 'arn:aws:sso::123456789012:application/ssoins-7223a1b3c4d5e6f7/apl-0123456789abcdef';
const identityCenter = () => SUBJECTS.find((subject) => subject.name === 'IdentityCenter')!.props();

/** The console's Identity Center page: both sign-ins with the WorkMail application, tokens as given. */
async function identityCenterOutside(status: 'ACTIVE' | 'INACTIVE', days?: number): Promise<void> {
  await outside.send(new PutIdentityProviderConfigurationCommand({
    OrganizationId: org(),
    AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
    IdentityCenterConfiguration: { InstanceArn: IC_INSTANCE, ApplicationArn: IC_APPLICATION },
    PersonalAccessTokenConfiguration: { Status: status, LifetimeInDays: days },
  }));
}

const SUBJECTS: Subject[] = [
  {
    name: 'AccessControlRule',
    type: ResourceType.ACCESS_CONTROL_RULE,
    props: () => ({ Name: 'office', Effect: 'DENY', Description: 'IMAP only from the office', Actions: ['IMAP'], NotIpRanges: ['192.0.2.0/24'] }),
    changed: () => ({ Name: 'office', Effect: 'DENY', Description: 'IMAP and EWS only from the office', Actions: ['EWS', 'IMAP'], NotIpRanges: ['192.0.2.0/24'] }),
    state: () => {
      const rule = rules().accessControlRules.get('office');
      return rule && {
        Name: rule.Name,
        Effect: rule.Effect,
        Description: withoutMarker(rule.Description),
        Actions: sorted(rule.Actions),
        NotIpRanges: rule.NotIpRanges,
      };
    },
    expected: (p) => p,
    changeOutside: async () => {
      await outside.send(new PutAccessControlRuleCommand({ OrganizationId: org(), Name: 'office', Effect: 'ALLOW', Description: 'opened in the console' }));
    },
    deleteKeepsChange: true,
    deleteOutside: async () => {
      await outside.send(new DeleteAccessControlRuleCommand({ OrganizationId: org(), Name: 'office' }));
    },
    updateAfterOutsideDelete: 'recreates',
    makeSame: async () => {
      await outside.send(new PutAccessControlRuleCommand({ OrganizationId: org(), ...SUBJECTS[0].props() } as any));
    },
    notApplicable: {
      'adoption refused': 'PutAccessControlRule replaces the rule of its name: naming a rule is how a stack replaces it (README)',
      'adoption opted in': 'as above',
    },
  },
  {
    name: 'MobileDeviceAccessOverride',
    type: ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE,
    props: () => ({ UserId: ALICE, DeviceId: 'phone1', Effect: 'ALLOW', Description: 'MDM compliant' }),
    changed: () => ({ UserId: ALICE, DeviceId: 'phone1', Effect: 'DENY', Description: 'lost' }),
    state: () => {
      const override = [...rules().overrides.values()].find((o) => o.UserId === ALICE);
      return override && {
        UserId: override.UserId, DeviceId: override.DeviceId, Effect: override.Effect, Description: withoutMarker(override.Description),
      };
    },
    expected: (p) => p,
    changeOutside: async () => {
      await outside.send(new PutMobileDeviceAccessOverrideCommand({ OrganizationId: org(), UserId: ALICE, DeviceId: 'phone1', Effect: 'ALLOW', Description: 'found' }));
    },
    deleteKeepsChange: true,
    deleteOutside: async () => {
      await outside.send(new DeleteMobileDeviceAccessOverrideCommand({ OrganizationId: org(), UserId: ALICE, DeviceId: 'phone1' }));
    },
    updateAfterOutsideDelete: 'recreates',
    makeSame: async () => {
      await outside.send(new PutMobileDeviceAccessOverrideCommand({ OrganizationId: org(), ...SUBJECTS[1].props() } as any));
    },
    notApplicable: {
      'adoption refused': 'PutMobileDeviceAccessOverride replaces the override of the user and device, as the construct documents',
      'adoption opted in': 'as above',
    },
  },
  {
    name: 'MailboxPermission',
    type: ResourceType.MAILBOX_PERMISSION,
    setup: async () => {
      await entityOutside('resource', 'shared', 'shared@corp.awsapps.com');
      await entityOutside('user', 'bob', 'bob@corp.awsapps.com');
    },
    props: () => ({ EntityId: mailbox().id, GranteeId: grantee().id, PermissionValues: ['FULL_ACCESS'] }),
    changed: () => ({ EntityId: mailbox().id, GranteeId: grantee().id, PermissionValues: ['FULL_ACCESS', 'SEND_AS'] }),
    state: () => sorted(mailbox().mailboxPermissions.get(grantee().id)),
    expected: (p) => sorted(p.PermissionValues as string[]),
    changeOutside: async () => {
      // An administrator grants SEND_ON_BEHALF besides what the stack granted.
      const values = [...new Set([...mailbox().mailboxPermissions.get(grantee().id) ?? [], 'SEND_ON_BEHALF'])];
      await outside.send(new PutMailboxPermissionsCommand({
        OrganizationId: org(), EntityId: mailbox().id, GranteeId: grantee().id, PermissionValues: values as PermissionType[],
      }));
    },
    // The grant made outside stays through the Update and the Delete: the resource owns only its own types.
    afterOutsideChange: { update: () => ['FULL_ACCESS', 'SEND_AS', 'SEND_ON_BEHALF'], delete: () => ['SEND_ON_BEHALF'] },
    deleteOutside: async () => {
      await outside.send(new DeleteMailboxPermissionsCommand({ OrganizationId: org(), EntityId: mailbox().id, GranteeId: grantee().id }));
    },
    updateAfterOutsideDelete: 'recreates',
    makeSame: async () => {
      await outside.send(new PutMailboxPermissionsCommand({ OrganizationId: org(), EntityId: mailbox().id, GranteeId: grantee().id, PermissionValues: ['FULL_ACCESS'] }));
    },
    // The types in its properties are the resource's own: the last Delete revokes them (docs/ownership.md).
    notApplicable: {
      'adoption refused': 'a grant has no owner to refuse: the resource adds its own types to whatever the pair holds, and removes only those',
      'adoption opted in': 'as above (see "keeps the types granted outside" below)',
    },
  },
  {
    name: 'RetentionPolicy',
    type: ResourceType.RETENTION_POLICY,
    props: () => ({ PolicyName: 'cdk-workmail', Description: 'Junk goes after 30 days', Folders: [{ Name: 'JUNK_EMAIL', Action: 'DELETE', Period: '30' }] }),
    changed: () => ({ PolicyName: 'cdk-workmail', Description: 'Junk goes after 7 days', Folders: [{ Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: '7' }] }),
    state: () => {
      const policy = retentionPolicyOf(organization());
      return policy && {
        PolicyName: policy.name,
        Description: withoutMarker(policy.description),
        Folders: policy.folders.map((f) => ({ Name: f.Name, Action: f.Action, ...(f.Period === undefined ? {} : { Period: String(f.Period) }) })),
      };
    },
    expected: ({ PolicyName, Description, Folders }) => ({ PolicyName, Description, Folders }),
    changeOutside: async () => {
      const { id } = retentionPolicyOf(organization())!;
      await outside.send(new PutRetentionPolicyCommand({ OrganizationId: org(), Id: id, Name: 'Console', FolderConfigurations: [{ Name: 'INBOX', Action: 'NONE' }] }));
    },
    deleteKeepsChange: true,
    deleteOutside: async () => {
      await outside.send(new DeleteRetentionPolicyCommand({ OrganizationId: org(), Id: retentionPolicyOf(organization())!.id }));
    },
    updateAfterOutsideDelete: 'recreates',
    makeOutside: async () => {
      await outside.send(new PutRetentionPolicyCommand({
        OrganizationId: org(), Name: 'Legacy', Description: 'set in the console', FolderConfigurations: [{ Name: 'DELETED_ITEMS', Action: 'DELETE', Period: 60 }],
      }));
    },
    adoptProps: () => ({ ...SUBJECTS[3].props(), AdoptExisting: 'true' }),
    makeSame: async () => {
      await outside.send(new PutRetentionPolicyCommand({
        OrganizationId: org(), Name: 'cdk-workmail', Description: 'Junk goes after 30 days', FolderConfigurations: [{ Name: 'JUNK_EMAIL', Action: 'DELETE', Period: 30 }],
      }));
    },
    sameProps: () => SUBJECTS[3].adoptProps!(),
    // The policy keeps no room to record what was there before the stack: the moved resource
    // cannot know it, and its Delete leaves the policy (docs/ownership.md).
    afterMovedDelete: () => SUBJECTS[3].expected(SUBJECTS[3].props()),
  },
  {
    name: 'InboundDmarc',
    type: ResourceType.INBOUND_DMARC_SETTINGS,
    props: () => ({ Enforced: 'false' }),
    changed: () => ({ Enforced: 'true' }),
    state: () => ({ Enforced: String(isDmarcEnforced(organization())) }),
    expected: ({ Enforced }) => ({ Enforced }),
    found: () => ({ Enforced: 'true' }),
    changeOutside: async () => {
      await outside.send(new PutInboundDmarcSettingsCommand({ OrganizationId: org(), Enforced: !isDmarcEnforced(organization()) }));
    },
    deleteKeepsChange: true,
    makeOutside: async () => {
      await outside.send(new PutInboundDmarcSettingsCommand({ OrganizationId: org(), Enforced: false }));
    },
    adoptProps: () => ({ Enforced: 'true', AdoptExisting: 'true' }),
    makeSame: async () => {
      await outside.send(new PutInboundDmarcSettingsCommand({ OrganizationId: org(), Enforced: false }));
    },
    sameProps: () => ({ Enforced: 'false', AdoptExisting: 'true' }),
    notApplicable: { 'deleted outside, then update and delete': 'a switch cannot be deleted, only changed' },
  },
  {
    name: 'EmailMonitoring',
    type: ResourceType.EMAIL_MONITORING,
    props: () => ({ LogGroupArn: fixture.emulator.addLogGroup('events'), RoleArn: fixture.emulator.addRole('events') }),
    changed: () => ({ LogGroupArn: fixture.emulator.addLogGroup('events-2'), RoleArn: fixture.emulator.addRole('events') }),
    state: () => {
      const configuration = organization().emailMonitoring;
      return configuration && { LogGroupArn: configuration.logGroupArn, RoleArn: configuration.roleArn };
    },
    expected: ({ LogGroupArn, RoleArn }) => ({ LogGroupArn, RoleArn }),
    changeOutside: async () => {
      await outside.send(new PutEmailMonitoringConfigurationCommand({
        OrganizationId: org(), LogGroupArn: fixture.emulator.addLogGroup('console'), RoleArn: fixture.emulator.addRole('console'),
      }));
    },
    deleteKeepsChange: true,
    deleteOutside: async () => {
      await outside.send(new DeleteEmailMonitoringConfigurationCommand({ OrganizationId: org() }));
    },
    updateAfterOutsideDelete: 'recreates',
    makeOutside: async () => {
      await outside.send(new PutEmailMonitoringConfigurationCommand({
        OrganizationId: org(), LogGroupArn: fixture.emulator.addLogGroup('console'), RoleArn: fixture.emulator.addRole('console'),
      }));
    },
    adoptProps: () => ({ ...SUBJECTS[5].props(), AdoptExisting: 'true' }),
    makeSame: async () => {
      await outside.send(new PutEmailMonitoringConfigurationCommand({ OrganizationId: org(), ...SUBJECTS[5].props() } as any));
    },
    sameProps: () => SUBJECTS[5].adoptProps!(),
  },
  {
    name: 'DefaultRuleRemoval (access control)',
    type: ResourceType.DEFAULT_RULE_REMOVAL,
    setup: async () => {
      // The built-in rule as the administrator edited it once, and the rule that replaces it.
      await outside.send(new PutAccessControlRuleCommand({
        OrganizationId: org(), Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule', NotIpRanges: ['198.51.100.0/24'],
      }));
      await outside.send(new PutAccessControlRuleCommand({ OrganizationId: org(), Name: 'office', Effect: 'ALLOW', Description: 'office', IpRanges: ['192.0.2.0/24'] }));
    },
    props: () => ({ Kind: 'AccessControlRule' }),
    changed: () => ({ Kind: 'AccessControlRule', StackRules: [`${org()}|office`] }),
    state: () => {
      const rule = rules().accessControlRules.get('default');
      return rule && { Effect: rule.Effect, Description: rule.Description, NotIpRanges: rule.NotIpRanges };
    },
    expected: () => undefined,
    found: () => ({ Effect: 'ALLOW', Description: 'Default WorkMail Rule', NotIpRanges: ['198.51.100.0/24'] }),
    changeOutside: async () => {
      await outside.send(new PutAccessControlRuleCommand({ OrganizationId: org(), Name: 'default', Effect: 'DENY', Description: 'put back by hand' }));
    },
    deleteKeepsChange: true,
    notApplicable: {
      'changed outside, then update and delete': 'covered by "a default put back by hand stays" below: an Update in place has nothing to remove again',
      'deleted outside, then update and delete': 'the object is the absence of the default',
      'adoption refused': 'removing the built-in rule is the whole resource; another stack\'s removal is refused (see the plan tests)',
      'adoption opted in': 'as above',
      'adopted as it is, moved, deleted': 'the object is the absence of the default: an organization without it has nothing to remove',
      'adopted as it is, changed, rolled back, deleted': 'as for moving it: there is nothing to change',
    },
  },
  {
    name: 'DefaultRuleRemoval (mobile)',
    type: ResourceType.DEFAULT_RULE_REMOVAL,
    setup: async () => {
      // The rule that replaces the default, made first, as the construct orders it.
      await outside.send(new CreateMobileDeviceAccessRuleCommand({ OrganizationId: org(), Name: 'DefaultDenyAll', Effect: 'DENY' }));
    },
    props: () => ({ Kind: 'MobileDeviceAccessRule' }),
    changed: () => ({ Kind: 'MobileDeviceAccessRule', StackRules: [] }),
    state: () => {
      const rule = [...rules().mobileDeviceAccessRules.values()].find((r) => r.Effect === 'ALLOW' && r.Name === DEFAULT_MOBILE_RULE_NAME);
      return rule && { Name: rule.Name, Effect: rule.Effect, Description: rule.Description };
    },
    expected: () => undefined,
    found: () => ({ Name: DEFAULT_MOBILE_RULE_NAME, Effect: 'ALLOW', Description: undefined }),
    notApplicable: {
      'changed outside, then update and delete': 'as for the access control kind',
      'deleted outside, then update and delete': 'the object is the absence of the default',
      'adoption refused': 'as for the access control kind',
      'adoption opted in': 'as for the access control kind',
      'adopted as it is, moved, deleted': 'as for the access control kind',
      'adopted as it is, changed, rolled back, deleted': 'as for the access control kind',
    },
  },
  {
    name: 'User',
    type: ResourceType.USER,
    props: () => ({ Name: 'alice', Email: 'alice@corp.awsapps.com', Attributes: { DisplayName: 'Alice' }, PasswordSecretArn: SECRET_ARN, RemovalPolicy: 'destroy' }),
    changed: () => ({ Name: 'alice', Email: 'alice@corp.awsapps.com', Attributes: { DisplayName: 'Alice Liddell' }, PasswordSecretArn: SECRET_ARN, RemovalPolicy: 'destroy' }),
    state: () => {
      const user = entityNamed('alice');
      return user && { state: user.state, email: user.email, displayName: user.attributes.DisplayName, password: user.password };
    },
    expected: (p) => p.AdoptExisting
      ? { state: 'ENABLED', email: 'alice@corp.awsapps.com', displayName: (p.Attributes as any).DisplayName, password: 'Outside-Pa55word' }
      : { state: 'ENABLED', email: 'alice@corp.awsapps.com', displayName: (p.Attributes as any).DisplayName, password: 'Corr3ct-Horse-Battery' },
    changeOutside: async () => {
      await outside.send(new UpdateUserCommand({ OrganizationId: org(), UserId: entityNamed('alice')!.id, DisplayName: 'Changed In The Console' }));
    },
    deleteOutside: () => deleteEntityOutside('alice'),
    updateAfterOutsideDelete: /no longer exists .* deleted outside CloudFormation/,
    makeOutside: async () => {
      await entityOutside('user', 'alice', 'alice@corp.awsapps.com');
    },
    adoptProps: () => ({ ...SUBJECTS[8].props(), AdoptExisting: 'true' }),
    afterAdoptedDelete: () => undefined,
    moveProps: () => ({ ...SUBJECTS[8].props(), AdoptExisting: 'true' }),
    neverCalls: ['ResetPassword'],
    notApplicable: {
      'changed outside, then update and delete': ENTITY_CELLS.changed,
      'adopted as it is, moved, deleted': ENTITY_CELLS.same,
      'adopted as it is, changed, rolled back, deleted': ENTITY_CELLS.same,
    },
  },
  {
    name: 'Group',
    type: ResourceType.GROUP,
    props: () => ({ Name: 'sales', Email: 'sales@corp.awsapps.com', RemovalPolicy: 'destroy' }),
    changed: () => ({ Name: 'sales', Email: 'sales@corp.awsapps.com', HiddenFromGlobalAddressList: 'true', RemovalPolicy: 'destroy' }),
    state: () => {
      const group = entityNamed('sales');
      return group && { state: group.state, email: group.email, hidden: group.hiddenFromGlobalAddressList };
    },
    expected: (p) => ({ state: 'ENABLED', email: 'sales@corp.awsapps.com', hidden: p.HiddenFromGlobalAddressList === 'true' }),
    changeOutside: async () => {
      await outside.send(new UpdateGroupCommand({ OrganizationId: org(), GroupId: entityNamed('sales')!.id, HiddenFromGlobalAddressList: false }));
    },
    deleteOutside: () => deleteEntityOutside('sales'),
    updateAfterOutsideDelete: /no longer exists .* deleted outside CloudFormation/,
    makeOutside: async () => {
      await entityOutside('group', 'sales', 'sales@corp.awsapps.com');
    },
    adoptProps: () => ({ ...SUBJECTS[9].props(), AdoptExisting: 'true' }),
    afterAdoptedDelete: () => undefined,
    moveProps: () => ({ ...SUBJECTS[9].props(), AdoptExisting: 'true' }),
    notApplicable: {
      'changed outside, then update and delete': ENTITY_CELLS.changed,
      'adopted as it is, moved, deleted': ENTITY_CELLS.same,
      'adopted as it is, changed, rolled back, deleted': ENTITY_CELLS.same,
    },
  },
  {
    name: 'Resource',
    type: ResourceType.RESOURCE,
    props: () => ({ Name: 'room-1', Type: 'ROOM', Email: 'room-1@corp.awsapps.com', Description: 'Big room', RemovalPolicy: 'destroy' }),
    changed: () => ({ Name: 'room-1', Type: 'ROOM', Email: 'room-1@corp.awsapps.com', Description: 'Bigger room', RemovalPolicy: 'destroy' }),
    state: () => {
      const resource = entityNamed('room-1');
      return resource && { state: resource.state, email: resource.email, type: resource.resourceType, description: resource.description };
    },
    expected: (p) => ({ state: 'ENABLED', email: 'room-1@corp.awsapps.com', type: 'ROOM', description: p.Description }),
    changeOutside: async () => {
      await outside.send(new UpdateResourceCommand({ OrganizationId: org(), ResourceId: entityNamed('room-1')!.id, Description: 'console' }));
    },
    deleteOutside: () => deleteEntityOutside('room-1'),
    updateAfterOutsideDelete: /no longer exists .* deleted outside CloudFormation/,
    makeOutside: async () => {
      await entityOutside('resource', 'room-1', 'room-1@corp.awsapps.com');
    },
    adoptProps: () => ({ ...SUBJECTS[10].props(), AdoptExisting: 'true' }),
    afterAdoptedDelete: () => undefined,
    moveProps: () => ({ ...SUBJECTS[10].props(), AdoptExisting: 'true' }),
    notApplicable: {
      'changed outside, then update and delete': ENTITY_CELLS.changed,
      'adopted as it is, moved, deleted': ENTITY_CELLS.same,
      'adopted as it is, changed, rolled back, deleted': ENTITY_CELLS.same,
    },
  },
  {
    name: 'Domain',
    type: ResourceType.DOMAIN,
    props: () => ({ DomainName: 'example.com' }),
    changed: () => ({ DomainName: 'example.com', MailFromDomain: 'mail.example.com' }),
    state: () => {
      const domain = organization().mailDomains.get('example.com');
      return domain && { registered: true, mailFrom: fixture.emulator.sesIdentity('example.com')?.mailFromDomain };
    },
    expected: (p) => ({ registered: true, mailFrom: p.MailFromDomain }),
    makeOutside: async () => {
      await outside.send(new RegisterMailDomainCommand({ OrganizationId: org(), DomainName: 'example.com' }));
    },
    adoptProps: () => ({ DomainName: 'example.com', AdoptExisting: 'true' }),
    afterAdoptedDelete: () => undefined,
    notApplicable: {
      'move': 'a Domain moved to a new logical id is the redelivery case of its claim: see "a moved Domain" below',
      'changed outside, then update and delete': 'a domain has nothing the console changes that the Domain sets, but its MAIL FROM domain in SES',
      'deleted outside, then update and delete': 'a deregistered domain fails the verification resource, which says so (domain tests)',
      'adopted as it is, moved, deleted': 'an adopted domain is not registered again (see "adoption opted in"); the import round trip counts its calls',
      'adopted as it is, changed, rolled back, deleted': 'a domain has nothing to change but its ownership, which "update rollback" covers',
    },
  },
  {
    name: 'AvailabilityConfiguration',
    type: ResourceType.AVAILABILITY_CONFIGURATION,
    props: () => ({ DomainName: 'partner.example', LambdaArn: LAMBDA }),
    changed: () => ({ DomainName: 'partner.example', LambdaArn: OTHER_LAMBDA }),
    state: () => {
      const configuration = organization().availabilityConfigurations.get('partner.example');
      return configuration && { lambdaArn: configuration.lambdaArn, ews: configuration.ews?.endpoint };
    },
    expected: (p) => ({ lambdaArn: p.LambdaArn, ews: undefined }),
    changeOutside: async () => {
      await outside.send(new UpdateAvailabilityConfigurationCommand({ OrganizationId: org(), DomainName: 'partner.example', LambdaProvider: { LambdaArn: OTHER_LAMBDA } }));
    },
    deleteOutside: async () => {
      await outside.send(new DeleteAvailabilityConfigurationCommand({ OrganizationId: org(), DomainName: 'partner.example' }));
    },
    updateAfterOutsideDelete: /AvailabilityConfiguration failed with (ResourceNotFound|EntityNotFound)/,
    makeOutside: async () => {
      await outside.send(new CreateAvailabilityConfigurationCommand({
        OrganizationId: org(), DomainName: 'partner.example', EwsProvider: { EwsEndpoint: 'https://ews.partner.example/EWS/Exchange.asmx', EwsUsername: 'svc', EwsPassword: 'pw' },
      }));
    },
    adoptProps: () => ({ DomainName: 'partner.example', LambdaArn: LAMBDA, AdoptExisting: 'true' }),
    // The EWS password of the configuration found cannot be read back, so it cannot be put back either.
    afterAdoptedDelete: () => undefined,
    moveProps: () => ({ DomainName: 'partner.example', LambdaArn: LAMBDA, AdoptExisting: 'true' }),
    makeSame: async () => {
      await outside.send(new CreateAvailabilityConfigurationCommand({ OrganizationId: org(), DomainName: 'partner.example', LambdaProvider: { LambdaArn: LAMBDA } }));
    },
    sameProps: () => SUBJECTS[12].adoptProps!(),
    // With removal policy DESTROY (the construct's default for adopted objects is RETAIN).
    afterSameDelete: () => undefined,
    notApplicable: { 'changed outside, then update and delete': 'a Delete removes the configuration for its domain whatever its provider: WorkMail keeps one per domain' },
  },
  {
    name: 'ImpersonationRole',
    type: ResourceType.IMPERSONATION_ROLE,
    props: () => ({ Name: 'archiver', Type: 'READ_ONLY', Description: 'reads mail', Rules: [{ ImpersonationRuleId: 'all', Effect: 'ALLOW', TargetUsers: [ALICE] }] }),
    changed: () => ({ Name: 'archiver', Type: 'FULL_ACCESS', Description: 'reads mail', Rules: [{ ImpersonationRuleId: 'all', Effect: 'ALLOW', TargetUsers: [ALICE] }] }),
    state: () => {
      const roles = [...rules().impersonationRoles.values()];
      return roles.length === 0 ? undefined : roles.map((role) => ({ Name: role.Name, Type: role.Type, Description: role.Description }));
    },
    expected: (p) => [{ Name: p.Name, Type: p.Type, Description: p.Description }],
    deleteOutside: async () => {
      const [role] = rules().impersonationRoles.values();
      await outside.send(new DeleteImpersonationRoleCommand({ OrganizationId: org(), ImpersonationRoleId: role.ImpersonationRoleId }));
    },
    updateAfterOutsideDelete: /Impersonation role .* no longer exists .* deleted outside CloudFormation/,
    makeOutside: async () => {
      await outside.send(new CreateImpersonationRoleCommand({ OrganizationId: org(), Name: 'console-role', Type: 'READ_ONLY', Rules: [{ ImpersonationRuleId: 'r', Effect: 'DENY', TargetUsers: [ALICE] }] }));
    },
    adoptProps: () => ({ ...SUBJECTS[13].props(), AdoptExisting: 'true', ImpersonationRoleId: [...rules().impersonationRoles.values()][0].ImpersonationRoleId }),
    afterAdoptedDelete: () => undefined,
    moveProps: (a) => ({ ...SUBJECTS[13].props(), AdoptExisting: 'true', ImpersonationRoleId: a.Data.ImpersonationRoleId }),
    makeSame: async () => {
      await outside.send(new CreateImpersonationRoleCommand({ OrganizationId: org(), ...SUBJECTS[13].props() } as any));
    },
    sameProps: () => SUBJECTS[13].adoptProps!(),
    afterSameDelete: () => undefined,
    notApplicable: {
      'changed outside, then update and delete': 'a role is this resource\'s by its id: an Update puts it back whole, a Delete removes it',
      'adoption refused': 'roles are not keyed by name: a Create makes a new role unless told which one to adopt, by id',
    },
  },
  {
    name: 'MobileDeviceAccessRule',
    type: ResourceType.MOBILE_DEVICE_ACCESS_RULE,
    props: () => ({ Name: 'ios', Effect: 'ALLOW', Description: 'iPhones', DeviceTypes: ['iPhone'] }),
    changed: () => ({ Name: 'ios', Effect: 'DENY', Description: 'no iPhones', DeviceTypes: ['iPhone'] }),
    state: () => {
      const own = [...rules().mobileDeviceAccessRules.values()].filter((rule) => rule.Name !== DEFAULT_MOBILE_RULE_NAME);
      return own.length === 0
        ? undefined
        : own.map((rule) => ({ Name: rule.Name, Effect: rule.Effect, Description: rule.Description, DeviceTypes: rule.DeviceTypes }));
    },
    expected: (p) => [{ Name: p.Name, Effect: p.Effect, Description: p.Description, DeviceTypes: p.DeviceTypes }],
    deleteOutside: async () => {
      const rule = [...rules().mobileDeviceAccessRules.values()].find((r) => r.Name === 'ios')!;
      await outside.send(new DeleteMobileDeviceAccessRuleCommand({ OrganizationId: org(), MobileDeviceAccessRuleId: rule.MobileDeviceAccessRuleId }));
    },
    updateAfterOutsideDelete: /Mobile device access rule .* no longer exists .* deleted outside CloudFormation/,
    makeOutside: async () => {
      await outside.send(new CreateMobileDeviceAccessRuleCommand({ OrganizationId: org(), Name: 'console', Effect: 'DENY', DeviceTypes: ['Android'] }));
    },
    adoptProps: () => ({
      ...SUBJECTS[14].props(),
      AdoptExisting: 'true',
      MobileDeviceAccessRuleId: [...rules().mobileDeviceAccessRules.values()].find((rule) => rule.Name === 'console')!.MobileDeviceAccessRuleId,
    }),
    afterAdoptedDelete: () => undefined,
    moveProps: (a) => ({ ...SUBJECTS[14].props(), AdoptExisting: 'true', MobileDeviceAccessRuleId: a.Data.MobileDeviceAccessRuleId }),
    makeSame: async () => {
      await outside.send(new CreateMobileDeviceAccessRuleCommand({ OrganizationId: org(), ...SUBJECTS[14].props() } as any));
    },
    sameProps: () => ({
      ...SUBJECTS[14].props(),
      AdoptExisting: 'true',
      MobileDeviceAccessRuleId: [...rules().mobileDeviceAccessRules.values()].find((rule) => rule.Name === 'ios')!.MobileDeviceAccessRuleId,
    }),
    afterSameDelete: () => undefined,
    notApplicable: {
      'changed outside, then update and delete': 'a rule is this resource\'s by its id: an Update puts it back whole, a Delete removes it',
      'adoption refused': 'rules are not keyed by name: a Create makes a new rule unless told which one to adopt, by id',
    },
  },
  {
    name: 'IdentityCenter',
    type: ResourceType.IDENTITY_PROVIDER,
    setup: async () => {
      fixture.emulator.identity().instances.add(IC_INSTANCE);
      fixture.emulator.identity().applications.set(IC_APPLICATION, IC_INSTANCE);
    },
    props: () => ({
      InstanceArn: IC_INSTANCE,
      ApplicationArn: IC_APPLICATION,
      AuthenticationMode: 'IDENTITY_PROVIDER_AND_DIRECTORY',
      PersonalAccessTokenStatus: 'ACTIVE',
      PersonalAccessTokenLifetimeInDays: '90',
    }),
    changed: () => ({ ...identityCenter(), AuthenticationMode: 'IDENTITY_PROVIDER_ONLY', PersonalAccessTokenLifetimeInDays: '30' }),
    state: () => {
      const configuration = organizationIdentity(organization()).configuration;
      return configuration && {
        AuthenticationMode: configuration.AuthenticationMode,
        InstanceArn: configuration.IdentityCenterConfiguration.InstanceArn,
        ApplicationArn: configuration.IdentityCenterConfiguration.ApplicationArn,
        PersonalAccessTokenStatus: configuration.PersonalAccessTokenConfiguration.Status,
        PersonalAccessTokenLifetimeInDays: configuration.PersonalAccessTokenConfiguration.LifetimeInDays?.toString(),
      };
    },
    expected: ({ InstanceArn, ApplicationArn, AuthenticationMode, PersonalAccessTokenStatus, PersonalAccessTokenLifetimeInDays }) =>
      ({ InstanceArn, ApplicationArn, AuthenticationMode, PersonalAccessTokenStatus, PersonalAccessTokenLifetimeInDays }),
    changeOutside: async () => identityCenterOutside('INACTIVE'),
    deleteKeepsChange: true,
    deleteOutside: async () => {
      await outside.send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: org() }));
    },
    updateAfterOutsideDelete: 'recreates',
    makeOutside: async () => identityCenterOutside('ACTIVE', 365),
    adoptProps: () => ({ ...identityCenter(), AdoptExisting: 'true' }),
    makeSame: async () => identityCenterOutside('ACTIVE', 90),
    sameProps: () => ({ ...identityCenter(), AdoptExisting: 'true' }),
    afterMovedDelete: () => SUBJECTS.find((subject) => subject.name === 'IdentityCenter')!.expected(identityCenter()),
    notApplicable: {
      'adopted as it is, moved, deleted': 'an adopting Create puts the configuration (no import generates an IdentityCenter); "adoption opted in" covers it',
    },
  },
];

/** Cells a subject cannot run without the disturbance they need. */
function runnable(subject: Subject, cell: Cell): boolean {
  if (subject.notApplicable?.[cell] !== undefined) {
    return false;
  }
  switch (cell) {
    case 'changed outside, then update and delete': return subject.changeOutside !== undefined;
    case 'deleted outside, then update and delete': return subject.deleteOutside !== undefined;
    case 'adoption refused': return subject.makeOutside !== undefined;
    case 'adoption opted in': return subject.makeOutside !== undefined && subject.adoptProps !== undefined;
    case 'adopted as it is, moved, deleted':
    case 'adopted as it is, changed, rolled back, deleted':
      return subject.makeSame !== undefined;
    default: return true;
  }
}

const MATRIX = SUBJECTS.flatMap((subject) => CELLS.filter((cell) => runnable(subject, cell)).map((cell) => [subject.name, cell, subject] as const));

describe('ownership matrix', () => {
  test.each(MATRIX)('%s: %s', async (_, cell, subject) => {
    await subject.setup?.();
    const calls = fixture.emulator.calls.length;
    await RUN[cell](subject);
    for (const operation of subject.neverCalls ?? []) {
      expect(fixture.emulator.calls.slice(calls).filter((call) => call.operation === operation)).toEqual([]);
    }
  });

  test('every cell of every row runs or says why it cannot happen', () => {
    for (const subject of SUBJECTS) {
      for (const cell of CELLS) {
        if (!runnable(subject, cell)) {
          expect([subject.name, cell, subject.notApplicable?.[cell]]).toEqual([subject.name, cell, expect.any(String)]);
        }
      }
    }
  });
});

describe('beyond the matrix', () => {
  test('the stack id is part of the owner: the same logical id in another stack owns nothing here', async () => {
    const props = { OrganizationId: org(), Name: 'office', Effect: 'DENY', Description: 'd', Actions: ['IMAP'] };
    const { PhysicalResourceId: id } = await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Create', props));
    await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Delete', props, { PhysicalResourceId: id, StackId: `${STACK_ID}-other` }));
    expect(rules().accessControlRules.has('office')).toBe(true);
  });

  test('deleting the last access control rule puts the built-in allow-all back: never zero rules', async () => {
    await outside.send(new DeleteAccessControlRuleCommand({ OrganizationId: org(), Name: 'default' }));
    const props = { OrganizationId: org(), Name: 'office', Effect: 'DENY', Description: 'only the office', NotIpRanges: ['192.0.2.0/24'] };
    const { PhysicalResourceId: id } = await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Create', props));
    expect([...rules().accessControlRules.values()].map((rule) => rule.Effect)).toEqual(['DENY']);
    await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Delete', props, { PhysicalResourceId: id }));
    expect([...rules().accessControlRules.values()].map(({ Name, Effect, Description }) => ({ Name, Effect, Description })))
      .toEqual([{ Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule' }]);
  });

  test('removing a rule named default, which replaced the built-in rule, puts the built-in rule back in one call', async () => {
    await outside.send(new PutAccessControlRuleCommand({ OrganizationId: org(), Name: 'other', Effect: 'DENY', Description: 'other', Actions: ['IMAP'] }));
    const props = { OrganizationId: org(), Name: 'default', Effect: 'ALLOW', Description: 'only the office', IpRanges: ['192.0.2.0/24'] };
    const { PhysicalResourceId: id } = await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Create', props));
    await run(request(ResourceType.ACCESS_CONTROL_RULE, 'Delete', props, { PhysicalResourceId: id }));
    expect(rules().accessControlRules.get('default')).toMatchObject({ Effect: 'ALLOW', Description: 'Default WorkMail Rule' });
    expect(rules().accessControlRules.get('default')!.IpRanges).toBeUndefined();
    expect(fixture.emulator.callsTo('DeleteAccessControlRule').filter((call) => call.input.Name === 'default')).toEqual([]);
  });

  test('the default removal refuses to leave an organization without access control rules', async () => {
    await expect(run(request(ResourceType.DEFAULT_RULE_REMOVAL, 'Create', { OrganizationId: org(), Kind: 'AccessControlRule' })))
      .rejects.toThrow(/it is the only rule, and an organization without access control rules blocks all access/);
    expect(rules().accessControlRules.has('default')).toBe(true);
  });

  test('a default put back by hand stays when the removal leaves', async () => {
    await outside.send(new PutAccessControlRuleCommand({ OrganizationId: org(), Name: 'office', Effect: 'ALLOW', Description: 'office' }));
    const props = { OrganizationId: org(), Kind: 'AccessControlRule' };
    const { PhysicalResourceId: id } = await run(request(ResourceType.DEFAULT_RULE_REMOVAL, 'Create', props));
    await outside.send(new PutAccessControlRuleCommand({ OrganizationId: org(), Name: 'default', Effect: 'DENY', Description: 'by hand' }));
    await run(request(ResourceType.DEFAULT_RULE_REMOVAL, 'Delete', props, { PhysicalResourceId: id }));
    expect(rules().accessControlRules.get('default')).toMatchObject({ Effect: 'DENY', Description: 'by hand' });
  });

  test('the mobile default removal deletes only the built-in rule, not another allow-all rule made outside', async () => {
    await outside.send(new CreateMobileDeviceAccessRuleCommand({ OrganizationId: org(), Name: 'allow-all-too', Effect: 'ALLOW' }));
    const props = { OrganizationId: org(), Kind: 'MobileDeviceAccessRule' };
    await run(request(ResourceType.DEFAULT_RULE_REMOVAL, 'Create', props));
    expect([...rules().mobileDeviceAccessRules.values()].map((rule) => rule.Name)).toEqual(['allow-all-too']);
    await expect(run(request(ResourceType.DEFAULT_RULE_REMOVAL, 'Create', props, { StackId: `${STACK_ID}-other` })))
      .rejects.toThrow(/removed by another stack/);
  });

  test('MailboxPermission keeps the types granted outside, before and after it', async () => {
    await SUBJECTS[2].setup!();
    const pair = { OrganizationId: org(), EntityId: mailbox().id, GranteeId: grantee().id };
    await outside.send(new PutMailboxPermissionsCommand({ ...pair, PermissionValues: ['SEND_ON_BEHALF'] }));
    const props = { ...pair, PermissionValues: ['FULL_ACCESS'] };
    const { PhysicalResourceId: id } = await run(request(ResourceType.MAILBOX_PERMISSION, 'Create', props));
    expect(sorted(mailbox().mailboxPermissions.get(grantee().id))).toEqual(['FULL_ACCESS', 'SEND_ON_BEHALF']);
    await run(request(ResourceType.MAILBOX_PERMISSION, 'Update', { ...props, PermissionValues: ['SEND_AS'] }, { PhysicalResourceId: id, OldResourceProperties: props }));
    expect(sorted(mailbox().mailboxPermissions.get(grantee().id))).toEqual(['SEND_AS', 'SEND_ON_BEHALF']);
    await run(request(ResourceType.MAILBOX_PERMISSION, 'Delete', { ...props, PermissionValues: ['SEND_AS'] }, { PhysicalResourceId: id }));
    expect(mailbox().mailboxPermissions.get(grantee().id)).toEqual(['SEND_ON_BEHALF']);
  });

  test('a moved Domain (the new resource claims it before the old one is deleted) keeps the domain', async () => {
    const props = { OrganizationId: org(), DomainName: 'example.com', AdoptExisting: 'true' };
    const old = await run(request(ResourceType.DOMAIN, 'Create', { OrganizationId: org(), DomainName: 'example.com' }, { LogicalResourceId: 'Old' }));
    await run(request(ResourceType.DOMAIN, 'Create', props, { LogicalResourceId: 'New' }));
    await run(request(ResourceType.DOMAIN, 'Delete', props, { PhysicalResourceId: old.PhysicalResourceId, LogicalResourceId: 'Old' }));
    expect(organization().mailDomains.has('example.com')).toBe(true);
  });

  test('an adopted user keeps its password and the attributes its properties do not name, and an address-less adoption keeps its registration', async () => {
    const id = await entityOutside('user', 'carol', 'carol@corp.awsapps.com');
    await outside.send(new UpdateUserCommand({ OrganizationId: org(), UserId: id, JobTitle: 'Treasurer' }));
    await run(request(ResourceType.USER, 'Create', { OrganizationId: org(), Name: 'carol', Attributes: { Department: 'Finance' }, PasswordSecretArn: SECRET_ARN, AdoptExisting: 'true' }));
    expect(organization().entities.get(id)).toMatchObject({
      state: 'ENABLED',
      email: 'carol@corp.awsapps.com',
      password: 'Outside-Pa55word',
      attributes: expect.objectContaining({ DisplayName: 'Made In The Console', JobTitle: 'Treasurer', Department: 'Finance' }),
    });
    expect(fixture.emulator.callsTo('ResetPassword')).toEqual([]);
  });

  test('a claim survives a full organization: without a free tag the object is not protected, and the log says so', async () => {
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `team-${i}`, Value: 'x' }));
    organization().tags = new Map(tags.map((tag) => [tag.Key, tag.Value]));
    await run(request(ResourceType.DOMAIN, 'Create', { OrganizationId: org(), DomainName: 'example.com' }));
    expect(organization().mailDomains.has('example.com')).toBe(true);
    expect(fixture.logs.join('\n')).toContain('no free tag to record the owner of the domain');
  });

  test('a mobile rule cannot be adopted without its id', async () => {
    await expect(run(request(ResourceType.MOBILE_DEVICE_ACCESS_RULE, 'Create', { OrganizationId: org(), Name: 'x', Effect: 'ALLOW', AdoptExisting: 'true' })))
      .rejects.toThrow(/MobileDeviceAccessRule with adoptExisting needs mobileDeviceAccessRuleId/);
  });

  test('an impersonation role made outside is adopted by id and updated in place', async () => {
    const { ImpersonationRoleId } = await outside.send(new CreateImpersonationRoleCommand({
      OrganizationId: org(), Name: 'console', Type: 'READ_ONLY', Rules: [{ ImpersonationRuleId: 'r', Effect: 'DENY', TargetUsers: [ALICE] }],
    }));
    await outside.send(new UpdateImpersonationRoleCommand({
      OrganizationId: org(), ImpersonationRoleId, Name: 'console', Type: 'READ_ONLY', Rules: [{ ImpersonationRuleId: 'r', Effect: 'ALLOW', TargetUsers: [ALICE] }],
    }));
    const { PhysicalResourceId } = await run(request(ResourceType.IMPERSONATION_ROLE, 'Create', {
      OrganizationId: org(), Name: 'archiver', Type: 'FULL_ACCESS', ImpersonationRoleId, AdoptExisting: 'true', Rules: [{ ImpersonationRuleId: 'all', Effect: 'ALLOW', TargetUsers: [ALICE] }],
    }));
    expect(PhysicalResourceId).toBe(`${org()}|${ImpersonationRoleId}`);
    expect(rules().impersonationRoles.size).toBe(1);
  });
});
