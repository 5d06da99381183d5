/**
 * The CDK app `cdk-workmail import` writes: one stack of organization settings and, for a large
 * organization, stacks of users, groups and resources, each under CloudFormation's resource limit
 * with room to grow. Everything is declared with `adoptExisting` where the construct has it, so
 * that a first deploy takes over the live objects without changing them. The same organization
 * gives the same files.
 */
import { allocateIds, IdRequest, pascalCase, shortHash, variableName } from './names';
import { compare, LiveEntity, LiveGroup, LiveMailboxPermission, LiveOrganization, LiveResource, LiveUser } from './read';
import { code, Code, comment, literal } from './render';
import { readOwnerMarker } from '../private/ownership-properties';

/** CloudFormation's limit of resources per stack. */
export const STACK_RESOURCE_LIMIT = 500;

/**
 * Resources of a stack besides its constructs': the shared provider (its functions, roles,
 * policies and framework: 10) and the organization's policy for each resource type in the stack
 * (17 types at most), with margin.
 */
export const STACK_OVERHEAD = 30;

/** An import fills a stack with at most this many resources: a fifth of the limit is left to grow. */
export const STACK_BUDGET = 400;

/** Entity stacks are sized for this many resources on average, so that hashing rarely overfills one. */
const TARGET_FILL = 300;

/** Resources each kind of construct synthesizes (its custom resource, and what it creates beside). */
export const CONSTRUCT_COST = {
  entity: 1,
  mailboxPermission: 1,
  /** The domain and its verification. */
  domain: 2,
  rule: 1,
  /** Custom resource, role, role policy, and the Administrator Guide's saved queries. */
  emailEventLogging: 16,
  setting: 1,
} as const;

export interface CodegenOptions {
  /** The organization's region, for the stacks' `env`. */
  readonly region: string;
  /** The version of cdk-workmail the app depends on. */
  readonly libraryVersion: string;
  readonly cdkVersion: string;
  readonly constructsVersion: string;
}

/** One generated stack. */
export interface StackPlan {
  readonly className: string;
  /** The stack's id in the app. */
  readonly stackId: string;
  /** Relative to the app, without `.ts`. */
  readonly module: string;
  /** What the import counted: at most STACK_BUDGET. */
  readonly estimatedResources: number;
}

export interface GeneratedApp {
  /** Relative path -> content. */
  readonly files: Readonly<Record<string, string>>;
  readonly stacks: readonly StackPlan[];
}

type Kind = 'user' | 'group' | 'resource';

interface EntityEntry {
  readonly kind: Kind;
  readonly entity: LiveUser | LiveGroup | LiveResource;
  readonly id: string;
  /** Declared (managed) in a stack, or only referenced (WorkMail holds no address for it). */
  readonly managed: boolean;
}

/** The text of every file of the app. */
export function generateApp(org: LiveOrganization, options: CodegenOptions): GeneratedApp {
  const names = new Map([...org.users, ...org.groups, ...org.resources].map((entity) => [entity.id, entity.name]));
  const ids = allocateIds(idRequests(org, (id) => names.get(id) ?? id));
  const entities = new Map<string, EntityEntry>();
  for (const [kind, list] of [['user', org.users], ['group', org.groups], ['resource', org.resources]] as const) {
    for (const entity of list) {
      // Users are declared with their address, and WorkMail keeps none for a disabled one; a
      // resource may be declared disabled (`enabled: false`) without one.
      const managed = kind !== 'user' || entity.email !== undefined;
      entities.set(entity.id, { kind, entity, id: ids.get(`${kind}:${entity.name}`)!, managed });
    }
  }
  const permissionsOf = new Map<string, LiveMailboxPermission[]>();
  for (const permission of org.mailboxPermissions) {
    permissionsOf.set(permission.entityId, [...permissionsOf.get(permission.entityId) ?? [], permission]);
  }

  const alias = org.alias || org.organizationId;
  const base = pascalCase(alias) || `Organization${shortHash(alias)}`;
  const fileBase = alias.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const mainPlan = (estimatedResources: number): StackPlan => ({ className: `${base}Stack`, stackId: base, module: `lib/${fileBase}-stack`, estimatedResources });

  const settingsCost = STACK_OVERHEAD + settingsResources(org);
  const units = [...entities.values()].filter((entry) => entry.managed)
    .map((entry) => ({ entry, cost: CONSTRUCT_COST.entity + (permissionsOf.get(entry.entity.id)?.length ?? 0) * CONSTRUCT_COST.mailboxPermission }));
  const entityCost = units.reduce((sum, unit) => sum + unit.cost, 0);

  const sources: Record<string, string> = {};
  const stacks: StackPlan[] = [];
  const context: FileContext = { org, ids, entities, permissionsOf };
  if (settingsCost + entityCost <= TARGET_FILL) {
    const plan = mainPlan(settingsCost + entityCost);
    stacks.push(plan);
    sources[`${plan.module}.ts`] = stackFile(context, plan, units.map((unit) => unit.entry), true);
  } else {
    const buckets = splitEntities(units);
    const plan = mainPlan(settingsCost);
    stacks.push(plan);
    sources[`${plan.module}.ts`] = stackFile(context, plan, [], true);
    buckets.forEach((bucket, index) => {
      const n = index + 1;
      const entityPlan: StackPlan = {
        className: `${base}Entities${n}Stack`,
        stackId: `${base}Entities${n}`,
        module: `lib/${fileBase}-entities-${n}-stack`,
        estimatedResources: STACK_OVERHEAD + bucket.reduce((sum, unit) => sum + unit.cost, 0),
      };
      stacks.push(entityPlan);
      sources[`${entityPlan.module}.ts`] = stackFile(context, entityPlan, bucket.map((unit) => unit.entry), false);
    });
  }
  const account = /^arn:[^:]+:workmail:[^:]*:(\d{12}):/.exec(org.arn ?? '')?.[1];
  return {
    stacks,
    files: {
      ...sources,
      'lib/organization.ts': organizationFile(org),
      [`bin/${fileBase}.ts`]: binFile(stacks, options.region, account),
      'package.json': packageFile(fileBase, options),
      'cdk.json': `${JSON.stringify({ app: `npx ts-node --prefer-ts-exts bin/${fileBase}.ts` }, undefined, 2)}\n`,
      'tsconfig.json': `${JSON.stringify(TSCONFIG, undefined, 2)}\n`,
      '.gitignore': 'node_modules\ncdk.out\n*.js\n*.d.ts\n',
    },
  };
}

/**
 * Entities spread over the fewest stacks whose resources stay under the budget, each entity in
 * the stack its name hashes to: a later import, with some entities added or gone, keeps the
 * others where they were as long as the number of stacks stays.
 */
function splitEntities<T extends { entry: EntityEntry; cost: number }>(units: readonly T[]): T[][] {
  const total = units.reduce((sum, unit) => sum + unit.cost, 0);
  for (let n = Math.max(1, Math.ceil(total / (TARGET_FILL - STACK_OVERHEAD))); ; n++) {
    const buckets: T[][] = Array.from({ length: n }, () => []);
    for (const unit of units) {
      buckets[parseInt(shortHash(`${unit.entry.kind}:${unit.entry.entity.name}`), 16) % n].push(unit);
    }
    if (buckets.every((bucket) => STACK_OVERHEAD + bucket.reduce((sum, unit) => sum + unit.cost, 0) <= STACK_BUDGET)) {
      return buckets.filter((bucket) => bucket.length > 0);
    }
  }
}

function settingsResources(org: LiveOrganization): number {
  return org.domains.filter((domain) => !domain.isTestDomain).length * CONSTRUCT_COST.domain
    + (org.accessControlRules.length + org.impersonationRoles.length + org.mobileDeviceAccessRules.length
      + org.mobileDeviceAccessOverrides.length) * CONSTRUCT_COST.rule
    + (org.retentionPolicy ? CONSTRUCT_COST.setting : 0)
    + (org.dmarcEnforced === undefined ? 0 : CONSTRUCT_COST.setting)
    + (org.emailMonitoring ? CONSTRUCT_COST.emailEventLogging : 0)
    + org.availabilityConfigurations.length * CONSTRUCT_COST.setting;
}

function idRequests(org: LiveOrganization, entityName: (id: string) => string): IdRequest[] {
  const requests: IdRequest[] = [
    ...org.users.map((user) => ({ key: `user:${user.name}`, name: user.name, word: 'User' })),
    ...org.groups.map((group) => ({ key: `group:${group.name}`, name: group.name, word: 'Group', suffix: 'Group' })),
    ...org.resources.map((resource) => ({
      key: `resource:${resource.name}`, name: resource.name, word: 'Resource', suffix: resource.type === 'ROOM' ? 'Room' : 'Equipment',
    })),
    ...org.domains.map((domain) => ({ key: `domain:${domain.name}`, name: domain.name, word: 'Domain', suffix: 'Domain' })),
    ...org.accessControlRules.map((rule) => ({ key: `acr:${rule.Name}`, name: rule.Name!, word: 'Rule', suffix: 'AccessRule' })),
    ...org.impersonationRoles.map((role) => ({ key: `role:${role.ImpersonationRoleId}`, name: role.Name!, word: 'Role', suffix: 'ImpersonationRole' })),
    ...org.mobileDeviceAccessRules.map((rule) => ({ key: `mobile:${rule.MobileDeviceAccessRuleId}`, name: rule.Name!, word: 'Rule', suffix: 'MobileRule' })),
    ...org.mobileDeviceAccessOverrides.map((override) => ({
      key: `override:${override.UserId}|${override.DeviceId}`, name: `${entityName(override.UserId!)} ${override.DeviceId}`, word: 'Device', suffix: 'DeviceOverride',
    })),
    ...org.mailboxPermissions.map((permission) => ({
      key: `permission:${permission.entityId}|${permission.granteeId}`,
      name: `${entityName(permission.granteeId)} on ${entityName(permission.entityId)}`,
      word: 'Grant',
      suffix: 'Permission',
    })),
    ...org.availabilityConfigurations.map((configuration) => ({
      key: `availability:${configuration.DomainName}`, name: configuration.DomainName!, word: 'Domain', suffix: 'Availability',
    })),
  ];
  return requests;
}

interface FileContext {
  readonly org: LiveOrganization;
  readonly ids: ReadonlyMap<string, string>;
  readonly entities: ReadonlyMap<string, EntityEntry>;
  readonly permissionsOf: ReadonlyMap<string, LiveMailboxPermission[]>;
}

/** The text of one stack: its entities, and with `settings` the organization-wide settings. */
function stackFile(context: FileContext, plan: StackPlan, declared: readonly EntityEntry[], settings: boolean): string {
  const { org, ids } = context;
  const body: string[] = [];
  const variables = new Map<string, string>();
  const taken = new Set<string>();
  const references: string[] = [];
  const declare = (key: string, id: string) => {
    let name = variableName(id);
    while (taken.has(name)) {
      name += '_';
    }
    taken.add(name);
    variables.set(key, name);
    return name;
  };
  /** The entity as an expression: its variable, or an import by id (declared elsewhere, later, or not at all). */
  const reference = (entityId: string): Code => {
    const known = variables.get(entityId) ?? variables.get(`ref:${entityId}`);
    if (known !== undefined) {
      return code(known);
    }
    const entry = context.entities.get(entityId);
    const kind = entry?.kind ?? 'user';
    const id = entry?.id ?? `Entity${pascalCase(entityId)}`;
    const name = declare(`ref:${entityId}`, `${id}Ref`);
    const method = { user: 'User.fromUserId', group: 'Group.fromGroupId', resource: 'Resource.fromResourceId' }[kind];
    references.push(`${entry === undefined ? comment(`${entityId} is no live entity WorkMail listed`, 4) : ''}`
      + `    const ${name} = workmail.${method}(imported, ${literal(id)}, ${literal(entityId)});\n`);
    return code(name);
  };
  const role = (roleId: string): Code => {
    const known = variables.get(`role:${roleId}`) ?? variables.get(`ref:${roleId}`);
    if (known !== undefined) {
      return code(known);
    }
    const name = declare(`ref:${roleId}`, `Role${pascalCase(roleId)}Ref`);
    references.push(`    const ${name} = workmail.ImpersonationRole.fromImpersonationRoleId(imported, ${literal(`Role${pascalCase(roleId)}`)}, organization, ${literal(roleId)});\n`);
    return code(name);
  };
  const list = (values: readonly string[] | undefined, map: (value: string) => unknown = (value) => value) =>
    values === undefined || values.length === 0 ? undefined : values.map(map);
  const construct = (key: string | undefined, type: string, id: string, props: Record<string, unknown>, note?: string) => {
    const prefix = key === undefined ? 'new' : `const ${declare(key, id)} = new`;
    body.push(`${note === undefined ? '' : comment(note, 4)}    ${prefix} workmail.${type}(this, ${literal(id)}, ${literal({ organization: code('organization'), ...props }, 4)});\n`);
  };
  const section = (title: string) => body.push(`\n${comment(title, 4)}`);

  if (settings) {
    const domains = org.domains.filter((domain) => !domain.isTestDomain);
    if (domains.length > 0) {
      section('Mail domains (the test domain <alias>.awsapps.com is built in). Their DNS records stay as they are.');
      for (const domain of domains) {
        construct(undefined, 'Domain', ids.get(`domain:${domain.name}`)!, {
          domainName: domain.name,
          isDefault: domain.isDefault || domain.name === org.defaultMailDomain ? true : undefined,
          adoptExisting: true,
        });
      }
    }
  }

  const kinds = (kind: Kind) => declared.filter((entry) => entry.kind === kind);
  if (kinds('user').length > 0) {
    section('Users. WorkMail never reveals a password: the users keep theirs. To manage one, pass\n'
      + 'password: secretsmanager.Secret.fromSecretNameV2(this, ..., name) (adoption never resets it).');
    for (const { entity, id } of kinds('user')) {
      const user = entity as LiveUser;
      const attributes = user.attributes;
      construct(user.id, 'User', id, {
        name: user.name,
        displayName: attributes.DisplayName ?? user.name,
        email: user.email,
        aliases: list(aliasesBesides(user)),
        role: user.role === 'REMOTE_USER' ? code('workmail.UserRole.REMOTE_USER') : undefined,
        enabled: user.state === 'DISABLED' ? false : undefined,
        hiddenFromGlobalAddressList: user.hiddenFromGlobalAddressList ? true : undefined,
        mailboxQuota: user.mailboxQuota === undefined || user.mailboxQuota === DEFAULT_MAILBOX_QUOTA_MB ? undefined : code(`Size.mebibytes(${user.mailboxQuota})`),
        ...Object.fromEntries(Object.entries(attributes).filter(([name]) => name !== 'DisplayName')
          .map(([name, value]) => [name[0].toLowerCase() + name.slice(1), value])),
        adoptExisting: true,
      }, attributes.DisplayName === undefined ? `${user.name} has no display name in WorkMail: the deploy sets it to the user name` : undefined);
    }
  }
  if (kinds('group').length > 0) {
    section('Groups and their members.');
    for (const { entity, id } of membersFirst(kinds('group'))) {
      const group = entity as LiveGroup;
      construct(group.id, 'Group', id, {
        name: group.name,
        email: group.email,
        aliases: list(aliasesBesides(group)),
        members: list(group.members, reference),
        hiddenFromGlobalAddressList: group.hiddenFromGlobalAddressList ? true : undefined,
        adoptExisting: true,
      });
    }
  }
  if (kinds('resource').length > 0) {
    section('Rooms and equipment, with their booking options and delegates.');
    for (const { entity, id } of kinds('resource')) {
      const resource = entity as LiveResource;
      const booking = resource.bookingOptions;
      // A disabled resource is declared without its address: claiming one it no longer holds could
      // clash with the entity that holds it now.
      const disabled = resource.state === 'DISABLED';
      construct(resource.id, 'Resource', id, {
        name: resource.name,
        kind: code(`workmail.ResourceKind.${resource.type === 'ROOM' ? 'ROOM' : 'EQUIPMENT'}`),
        enabled: disabled ? false : undefined,
        email: disabled ? undefined : resource.email,
        aliases: disabled ? undefined : list(aliasesBesides(resource)),
        description: resource.description,
        bookingOptions: booking && {
          autoAcceptRequests: booking.AutoAcceptRequests,
          autoDeclineRecurringRequests: booking.AutoDeclineRecurringRequests,
          autoDeclineConflictingRequests: booking.AutoDeclineConflictingRequests,
        },
        delegates: list(resource.delegates, reference),
        hiddenFromGlobalAddressList: resource.hiddenFromGlobalAddressList ? true : undefined,
        adoptExisting: true,
      });
    }
  }
  const permissions = declared.flatMap((entry) => context.permissionsOf.get(entry.entity.id) ?? []);
  if (permissions.length > 0) {
    section('Mailbox permissions.');
    for (const permission of permissions) {
      construct(undefined, 'MailboxPermission', ids.get(`permission:${permission.entityId}|${permission.granteeId}`)!, {
        mailbox: reference(permission.entityId),
        grantee: reference(permission.granteeId),
        permissions: permission.permissions.map((value) => code(`workmail.MailboxPermissionType.${value}`)),
      });
    }
  }
  const unmanaged = [...context.entities.values()].filter((entry) => !entry.managed);
  if (settings && unmanaged.length > 0) {
    section(`Not declared: ${unmanaged.map((entry) => `${entry.kind} ${entry.entity.name}`).join(', ')}. WorkMail holds no email address `
      + 'for a disabled user, and User needs one; they are referenced by id where rules name them.');
  }

  if (settings) {
    settingsCode(context, { construct, section, reference, role, list });
  }

  const imports = references.length === 0 ? ''
    : `${comment('Entities declared in another stack or further down, by id.', 4)}    const imported = new Construct(this, 'Imported');\n${references.join('')}`;
  const what = settings ? `WorkMail organization ${org.alias} (${org.organizationId})` : `Users, groups and resources of WorkMail organization ${org.alias}`;
  return `${header(org, plan, settings)}${importLines(body.join('') + imports)}

/** ${what}. */
export class ${plan.className} extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const organization = workmail.Organization.fromOrganizationAttributes(this, 'Organization', ORGANIZATION);
${imports}${body.join('')}  }
}
`;
}

/** Groups in name order, except that a group comes after the groups among its members (as far as they do not form a cycle). */
function membersFirst(groups: readonly EntityEntry[]): EntityEntry[] {
  const byId = new Map(groups.map((entry) => [entry.entity.id, entry]));
  const ordered: EntityEntry[] = [];
  const seen = new Set<string>();
  const visit = (entry: EntityEntry) => {
    if (seen.has(entry.entity.id)) {
      return;
    }
    seen.add(entry.entity.id);
    for (const member of (entry.entity as LiveGroup).members) {
      const group = byId.get(member);
      if (group !== undefined) {
        visit(group);
      }
    }
    ordered.push(entry);
  };
  groups.forEach(visit);
  return ordered;
}

/** WorkMail's mailbox quota when none is set, in MB (50 GB). */
const DEFAULT_MAILBOX_QUOTA_MB = 51200;

function aliasesBesides(entity: LiveEntity): string[] {
  return entity.aliases.filter((address) => address.toLowerCase() !== entity.email?.toLowerCase()).sort(compare);
}

interface Emitters {
  construct(key: string | undefined, type: string, id: string, props: Record<string, unknown>, note?: string): void;
  section(title: string): void;
  reference(entityId: string): Code;
  role(roleId: string): Code;
  list(values: readonly string[] | undefined, map?: (value: string) => unknown): unknown[] | undefined;
}

function settingsCode({ org, ids }: FileContext, { construct, section, reference, role, list }: Emitters): void {
  const enumMember = (type: string) => (value: string) => code(`workmail.${type}.${value}`);
  if (org.impersonationRoles.length > 0) {
    section('Impersonation roles, adopted by id (WorkMail does not key roles by name).');
    for (const impersonationRole of org.impersonationRoles) {
      construct(`role:${impersonationRole.ImpersonationRoleId}`, 'ImpersonationRole', ids.get(`role:${impersonationRole.ImpersonationRoleId}`)!, {
        name: impersonationRole.Name,
        roleType: code(`workmail.ImpersonationRoleType.${impersonationRole.Type}`),
        description: unmarked(impersonationRole.Description),
        rules: (impersonationRole.Rules ?? []).map((rule) => ({
          id: rule.ImpersonationRuleId,
          name: rule.Name || undefined,
          description: unmarked(rule.Description),
          effect: code(`workmail.AccessEffect.${rule.Effect}`),
          targetUsers: list(rule.TargetUsers, reference),
          notTargetUsers: list(rule.NotTargetUsers, reference),
        })),
        adoptExisting: true,
        impersonationRoleId: impersonationRole.ImpersonationRoleId,
      });
    }
  }
  if (org.accessControlRules.length > 0) {
    section('Access control rules, the built-in default rule included (a rule named default replaces it).');
    for (const rule of org.accessControlRules) {
      construct(undefined, 'AccessControlRule', ids.get(`acr:${rule.Name}`)!, {
        name: rule.Name,
        effect: code(`workmail.AccessEffect.${rule.Effect}`),
        description: unmarked(rule.Description),
        protocols: list(rule.Actions, protocol),
        notProtocols: list(rule.NotActions, protocol),
        ipRanges: list(rule.IpRanges),
        notIpRanges: list(rule.NotIpRanges),
        users: list(rule.UserIds, reference),
        notUsers: list(rule.NotUserIds, reference),
        impersonationRoles: list(rule.ImpersonationRoleIds, role),
        notImpersonationRoles: list(rule.NotImpersonationRoleIds, role),
      });
    }
  }
  if (org.mobileDeviceAccessRules.length > 0) {
    section('Mobile device access rules, adopted by id.');
    for (const rule of org.mobileDeviceAccessRules) {
      construct(undefined, 'MobileDeviceAccessRule', ids.get(`mobile:${rule.MobileDeviceAccessRuleId}`)!, {
        name: rule.Name,
        description: unmarked(rule.Description),
        effect: enumMember('AccessEffect')(rule.Effect!),
        deviceTypes: list(rule.DeviceTypes),
        notDeviceTypes: list(rule.NotDeviceTypes),
        deviceModels: list(rule.DeviceModels),
        notDeviceModels: list(rule.NotDeviceModels),
        deviceOperatingSystems: list(rule.DeviceOperatingSystems),
        notDeviceOperatingSystems: list(rule.NotDeviceOperatingSystems),
        deviceUserAgents: list(rule.DeviceUserAgents),
        notDeviceUserAgents: list(rule.NotDeviceUserAgents),
        adoptExisting: true,
        mobileDeviceAccessRuleId: rule.MobileDeviceAccessRuleId,
      });
    }
  }
  if (org.mobileDeviceAccessOverrides.length > 0) {
    section('Mobile device access overrides for one user\'s device.');
    for (const override of org.mobileDeviceAccessOverrides) {
      construct(undefined, 'MobileDeviceAccessOverride', ids.get(`override:${override.UserId}|${override.DeviceId}`)!, {
        user: reference(override.UserId!),
        deviceId: override.DeviceId,
        effect: enumMember('AccessEffect')(override.Effect!),
        description: unmarked(override.Description),
      });
    }
  }
  const policy = org.retentionPolicy;
  if (policy) {
    section('The default retention policy.');
    construct(undefined, 'RetentionPolicy', 'RetentionPolicy', {
      policyName: policy.Name,
      description: unmarked(policy.Description),
      folders: (policy.FolderConfigurations ?? []).map((folder) => ({
        folder: code(`workmail.RetentionFolder.${folder.Name}`),
        action: code(`workmail.RetentionAction.${folder.Action}`),
        period: folder.Period === undefined ? undefined : code(`Duration.days(${folder.Period})`),
      })),
      adoptExisting: true,
    });
  }
  if (org.dmarcEnforced !== undefined) {
    section(`Inbound DMARC enforcement: ${org.dmarcEnforced ? 'on' : 'off'}.`);
    construct(undefined, 'InboundDmarc', 'InboundDmarc', { enforced: org.dmarcEnforced, adoptExisting: true });
  }
  const monitoring = org.emailMonitoring;
  if (monitoring?.LogGroupArn) {
    section('Email event logging to its log group.');
    construct(undefined, 'EmailEventLogging', 'EmailEventLogging', {
      logGroup: code(`logs.LogGroup.fromLogGroupArn(this, 'EmailEventLogGroup', ${literal(monitoring.LogGroupArn.replace(/:\*$/, ''))})`),
      // The role WorkMail writes with today, used as it is (immutable: the stack adds no policy to it).
      role: monitoring.RoleArn === undefined ? undefined
        : code(`iam.Role.fromRoleArn(this, 'EmailEventRole', ${literal(monitoring.RoleArn)}, { mutable: false })`),
      adoptExisting: true,
    });
  }
  if (org.availabilityConfigurations.length > 0) {
    section('Availability configurations (free/busy of other systems).');
    for (const configuration of org.availabilityConfigurations) {
      const id = ids.get(`availability:${configuration.DomainName}`)!;
      const ews = configuration.EwsProvider;
      const secretName = `workmail/availability/${configuration.DomainName}`;
      construct(undefined, 'AvailabilityConfiguration', id, {
        domainName: configuration.DomainName,
        provider: ews
          ? code(`workmail.AvailabilityProvider.ews(${literal({
            endpoint: ews.EwsEndpoint,
            username: ews.EwsUsername,
            password: code(`secretsmanager.Secret.fromSecretNameV2(this, '${id}Password', ${literal(secretName)})`),
          }, 6)})`)
          : code(`workmail.AvailabilityProvider.lambdaFunction(lambda.Function.fromFunctionArn(this, '${id}Function', ${literal(configuration.LambdaProvider?.LambdaArn ?? '')}))`),
        adoptExisting: true,
      }, ews ? `WorkMail never reveals the EWS password: store it in Secrets Manager as ${secretName} before deploying` : undefined);
    }
  }
}

/** A description without the owner marker a cdk-workmail handler appended (the deploy writes its own). */
function unmarked(description: string | undefined): string | undefined {
  return readOwnerMarker(description).description || undefined;
}

function protocol(value: string): Code {
  const member = ({ ActiveSync: 'ACTIVE_SYNC', AutoDiscover: 'AUTO_DISCOVER', EWS: 'EWS', IMAP: 'IMAP', SMTP: 'SMTP', WindowsOutlook: 'WINDOWS_OUTLOOK', WebMail: 'WEB_MAIL' } as Record<string, string>)[value];
  return code(member === undefined ? `${literal(value)} as workmail.AccessProtocol` : `workmail.AccessProtocol.${member}`);
}

/** The comment at the top of a stack file: where it comes from, and what the API could not read. */
function header(org: LiveOrganization, plan: StackPlan, settings: boolean): string {
  const lines = [
    `Generated by cdk-workmail import from WorkMail organization ${org.alias} (${org.organizationId}).`,
    `About ${plan.estimatedResources} CloudFormation resources (the limit is ${STACK_RESOURCE_LIMIT}).`,
    'Every construct adopts the live object (adoptExisting), so the first deploy changes nothing;',
    'cdk-workmail diff shows what a deploy would change.',
  ];
  if (settings) {
    lines.push(
      '',
      'Not readable through the WorkMail API, so not in this app:',
      '- Email flow rules: copy them from the console (Organization settings > Email flow rules), as',
      '  workmail.EmailFlowRule constructs or by hand in the console.',
      '- SMTP gateways: stay as configured in the console.',
      '- Journaling: stays as configured in the console.',
      '- Passwords: users keep theirs; see the Users section to manage one from Secrets Manager.',
    );
    // cdk-workmail's own tags record what its resources own.
    const tags = org.tags.filter((tag) => !tag.Key?.startsWith('cdk-workmail:'));
    if (tags.length > 0) {
      lines.push('', 'Organization tags (an imported organization does not manage them):',
        ...tags.map((tag) => `- ${tag.Key}=${tag.Value}`));
    }
  }
  if (org.gaps.length > 0) {
    lines.push('', 'NOT READ, permission missing (grant it and run cdk-workmail import again):',
      ...org.gaps.map((gap) => `- ${gap.permission}: ${gap.what}`));
  }
  return comment(lines.join('\n'), 0);
}

function importLines(text: string): string {
  // Comments mention modules too: only code counts.
  const body = text.split('\n').filter((line) => !line.trimStart().startsWith('//')).join('\n');
  const cdk = ['Duration', 'Size'].filter((name) => body.includes(`${name}.`));
  return [
    `import { ${[...cdk, 'Stack', 'StackProps'].join(', ')} } from 'aws-cdk-lib';`,
    // A whole word: a name such as 'william.smith' holds 'iam.' too.
    ...['iam', 'lambda', 'logs', 'secretsmanager'].filter((module) => new RegExp(`\\b${module}\\.`).test(body))
      .map((module) => `import * as ${module} from 'aws-cdk-lib/aws-${module}';`),
    'import * as workmail from \'cdk-workmail\';',
    'import { Construct } from \'constructs\';',
    'import { ORGANIZATION } from \'./organization\';',
  ].join('\n');
}

function organizationFile(org: LiveOrganization): string {
  return `${comment('The imported organization, shared by the stacks of the app.', 0)}import * as workmail from 'cdk-workmail';

export const ORGANIZATION: workmail.OrganizationAttributes = ${literal({
  organizationId: org.organizationId,
  alias: org.alias || undefined,
  defaultMailDomain: org.defaultMailDomain,
})};
`;
}

function binFile(stacks: readonly StackPlan[], region: string, account: string | undefined): string {
  return `#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
${stacks.map((stack) => `import { ${stack.className} } from '../${stack.module}';`).join('\n')}

const app = new App();
// The organization's account and region.
const env = ${literal({ account: account ?? code('process.env.CDK_DEFAULT_ACCOUNT'), region })};
${stacks.map((stack) => `new ${stack.className}(app, ${literal(stack.stackId)}, { env });`).join('\n')}
`;
}

function packageFile(name: string, options: CodegenOptions): string {
  return `${JSON.stringify({
    name: `${name}-workmail`,
    version: '0.1.0',
    private: true,
    bin: { [name]: `bin/${name}.js` },
    scripts: { build: 'tsc', cdk: 'cdk', synth: 'cdk synth', diff: 'cdk-workmail diff' },
    dependencies: {
      'aws-cdk-lib': `^${options.cdkVersion}`,
      'cdk-workmail': `^${options.libraryVersion}`,
      'constructs': `^${options.constructsVersion}`,
    },
    devDependencies: {
      'aws-cdk': '^2',
      '@types/node': '^20',
      'ts-node': '^10',
      'typescript': '^5.9.0',
    },
  }, undefined, 2)}\n`;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    lib: ['es2022'],
    strict: true,
    declaration: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    esModuleInterop: true,
    skipLibCheck: true,
    typeRoots: ['./node_modules/@types'],
  },
  exclude: ['node_modules', 'cdk.out'],
};
