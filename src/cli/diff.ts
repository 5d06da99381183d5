/**
 * `cdk-workmail diff`: what a deploy of a synthesized app would do to a live organization, and
 * what the organization holds that the app does not manage. CloudFormation's drift detection
 * cannot see into custom resources: this reads the template's WorkMail resources, reads the
 * organization, and asks the handlers' own pure plan functions what they would change. Read-only.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { Command, UsageError } from './args';
import { concurrencyOf, CONCURRENCY_OPTION, READ_PERMISSIONS } from './import';
import { compare, Gap, LiveEntity, LiveOrganization, readOrganization } from './read';
import { putRequest } from '../handlers/access-control-rule/plan';
import { parseAvailabilitySettings } from '../handlers/availability-configuration/plan';
import { parseDomainSettings, parseVerificationSettings } from '../handlers/domain/plan';
import { parseSettings as parseMonitoringSettings } from '../handlers/email-monitoring/plan';
import { ActualEntity, EntityState, planLinks, planRegistration, RegistrationSettings } from '../handlers/entity/plan';
import { parseGroupSettings, planHidden } from '../handlers/group/plan';
import { roleRequest } from '../handlers/impersonation-role/plan';
import { enforcedOf } from '../handlers/inbound-dmarc/plan';
import { parsePermissionSettings } from '../handlers/mailbox-permission/plan';
import { CONDITIONS, ruleRequest } from '../handlers/mobile-device-access-rule/plan';
import { parseResourceSettings, planResourceUpdate } from '../handlers/resource/plan';
import { parsePolicy } from '../handlers/retention-policy/plan';
import { parseUserSettings, planAttributes, planMailboxQuota } from '../handlers/user/plan';
import { ResourceType } from '../private/constants';
import { readOwnerMarker } from '../private/ownership-properties';

/** A WorkMail custom resource of a synthesized template. */
export interface TemplateResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The WorkMail resources of a cloud assembly directory (`cdk.out`) or of one template file. */
export function loadResources(source: { readonly app?: string; readonly template?: string }): TemplateResource[] {
  const templates: Array<{ stack: string; file: string }> = [];
  if (source.template !== undefined) {
    templates.push({ stack: source.template.replace(/^.*\//, '').replace(/\.template\.json$|\.json$/, ''), file: source.template });
  } else {
    const dir = source.app ?? 'cdk.out';
    const manifestFile = join(dir, 'manifest.json');
    if (!existsSync(manifestFile) || !statSync(dir).isDirectory()) {
      throw new UsageError(`--app ${dir}: no cloud assembly there (no manifest.json): run cdk synth first, or pass --template <file>`);
    }
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { artifacts?: Record<string, { type: string; properties?: { templateFile?: string } }> };
    for (const [name, artifact] of Object.entries(manifest.artifacts ?? {}).sort(([a], [b]) => compare(a, b))) {
      if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
        templates.push({ stack: name, file: join(dir, artifact.properties.templateFile) });
      }
    }
  }
  return templates.flatMap(({ stack, file }) => {
    const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
    return Object.entries(template.Resources ?? {})
      .filter(([, resource]) => resource.Type.startsWith('Custom::WorkMail'))
      .map(([logicalId, resource]) => ({ stack, logicalId, type: resource.Type, properties: resource.Properties ?? {} }));
  });
}

/** A value the template leaves to deploy time (an ARN of a role the stack creates, ...). */
export class DeployTimeValue {
  constructor(public readonly source: string) {}

  public toString(): string {
    return `(known after deploy: ${this.source})`;
  }
}

export type Action = 'create' | 'adopt' | 'update' | 'nothing' | 'not compared';

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface ResourcePlan {
  readonly resource: TemplateResource;
  /** What the resource is in WorkMail's words, e.g. `user alice`. */
  readonly what: string;
  readonly action: Action;
  readonly changes: readonly FieldChange[];
  readonly note?: string;
}

export interface Diff {
  readonly plans: readonly ResourcePlan[];
  /** Live objects no resource manages, e.g. `user bob (id)`. */
  readonly unmanaged: readonly string[];
  readonly gaps: readonly Gap[];
  /** 0: a deploy changes nothing; 2: it creates or updates something. */
  readonly exitCode: 0 | 2;
}

const lower = (text: string | undefined) => text?.toLowerCase();
const byName = <T extends { name: string }>(items: readonly T[], name: unknown) =>
  typeof name === 'string' ? items.find((item) => item.name.toLowerCase() === name.toLowerCase()) : undefined;

/**
 * Compares what the resource would write with what WorkMail holds; absent, '' and [] are the
 * same. Descriptions compare without the owner marker the handlers append (` (cdk-workmail <id>)`):
 * it records who owns the object, not how it is configured.
 */
function fieldChanges(desiredFields: Readonly<Record<string, unknown>>, liveFields: Readonly<Record<string, unknown>>): FieldChange[] {
  const unmarked = (fields: Readonly<Record<string, unknown>>) => typeof fields.Description === 'string'
    ? { ...fields, Description: readOwnerMarker(fields.Description).description } : fields;
  const desired = unmarked(desiredFields);
  const live = unmarked(liveFields);
  const normal = (value: unknown): string => {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      return '';
    }
    if (Array.isArray(value)) {
      return JSON.stringify(value.map(normal).sort());
    }
    if (value instanceof DeployTimeValue) {
      return value.source;
    }
    if (typeof value === 'object') {
      return JSON.stringify(Object.entries(value).filter(([, member]) => normal(member) !== '').sort(([a], [b]) => compare(a, b))
        .map(([key, member]) => [key, normal(member)]));
    }
    return String(value);
  };
  return Object.keys(desired).filter((field) => !sameAfterDeploy(desired[field], live[field]) && normal(desired[field]) !== normal(live[field]))
    .map((field) => ({ field, from: live[field], to: desired[field] }));
}

/**
 * An attribute of a resource the stack creates (a role's ARN, ...) is known only after deploy. It
 * is taken as unchanged when the live value names that resource: CloudFormation's generated
 * physical names hold the start of the logical id.
 */
function sameAfterDeploy(desired: unknown, live: unknown): boolean {
  const logicalId = desired instanceof DeployTimeValue ? /^([A-Za-z0-9]+)\.\w+$/.exec(desired.source)?.[1] : undefined;
  return logicalId !== undefined && typeof live === 'string' && live.includes(logicalId.slice(0, 12));
}

/** The actions a deploy takes for each resource, from the handlers' plan functions. */
export function planDiff(resources: readonly TemplateResource[], org: LiveOrganization): Diff {
  const byLogicalId = new Map(resources.map((resource) => [`${resource.stack}/${resource.logicalId}`, resource]));
  const managed = new Set<string>();

  /** The live id a Ref to another WorkMail resource stands for; undefined when it would be created. */
  const liveId = (resource: TemplateResource): string | undefined => {
    const name = resource.properties.Name;
    switch (resource.type) {
      case ResourceType.ORGANIZATION: return org.organizationId;
      case ResourceType.USER: return byName(org.users, name)?.id;
      case ResourceType.GROUP: return byName(org.groups, name)?.id;
      case ResourceType.RESOURCE: return byName(org.resources, name)?.id;
      case ResourceType.IMPERSONATION_ROLE: return liveRole(resource.properties)?.ImpersonationRoleId;
      // A domain's physical id is its name, whether it exists yet or not.
      case ResourceType.DOMAIN: return typeof resource.properties.DomainName === 'string' ? resource.properties.DomainName : undefined;
      default: return undefined;
    }
  };
  const liveRole = (properties: Readonly<Record<string, unknown>>) => org.impersonationRoles.find((role) =>
    properties.ImpersonationRoleId !== undefined
      ? role.ImpersonationRoleId === properties.ImpersonationRoleId : role.Name === properties.Name);
  const resolve = (stack: string, value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map((item) => resolve(stack, item));
    }
    if (value === null || typeof value !== 'object') {
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    }
    const [key] = Object.keys(value);
    const argument = (value as Record<string, unknown>)[key];
    if (key === 'Ref' && typeof argument === 'string') {
      const target = byLogicalId.get(`${stack}/${argument}`);
      return (target && liveId(target)) ?? new DeployTimeValue(argument);
    }
    if (key === 'Fn::Join' && Array.isArray(argument)) {
      const parts = (argument[1] as unknown[]).map((part) => resolve(stack, part));
      return parts.every((part) => typeof part === 'string') ? parts.join(argument[0] as string) : new DeployTimeValue(JSON.stringify(value));
    }
    if (key === 'Fn::GetAtt' && Array.isArray(argument)) {
      // The id attributes of WorkMail resources (ImpersonationRoleId, ...) are the live ids.
      const target = byLogicalId.get(`${stack}/${argument[0]}`);
      const id = target && /Id$/.test(argument[1]) ? argument[1] === 'OrganizationId' ? org.organizationId : liveId(target) : undefined;
      if (id !== undefined) {
        return id;
      }
    }
    if (key?.startsWith('Fn::')) {
      return new DeployTimeValue(key === 'Fn::GetAtt' ? (argument as string[]).join('.') : JSON.stringify(value));
    }
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, resolve(stack, member)]));
  };

  const plans: ResourcePlan[] = [];
  for (const resource of resources) {
    const properties = resolve(resource.stack, resource.properties) as Record<string, any>;
    if (properties.OrganizationId !== org.organizationId && resource.type !== ResourceType.ORGANIZATION) {
      continue;
    }
    try {
      plans.push(planResource(resource, properties, org, managed));
    } catch (error) {
      // Properties a handler would refuse (or that only a deploy resolves): the deploy would say so.
      plans.push({ resource, what: resource.type, action: 'not compared', changes: [], note: (error as Error).message });
    }
  }
  const unmanaged = unmanagedObjects(org, managed);
  const exitCode = plans.some((plan) => plan.action === 'create' || plan.action === 'update') ? 2 : 0;
  return { plans, unmanaged, gaps: org.gaps, exitCode };
}

/** An owner id for the plan functions that mark descriptions; the marker is left out of comparisons. */
const ANY_OWNER = '000000000000';

/** Whether the properties ask to take over the live object (the handlers' AdoptExisting). */
const adopts = (properties: Record<string, unknown>) => properties.AdoptExisting === 'true';

function planResource(resource: TemplateResource, properties: Record<string, any>, org: LiveOrganization, managed: Set<string>): ResourcePlan {
  const result = (what: string, live: unknown, changes: FieldChange[], note?: string): ResourcePlan => ({
    resource,
    what,
    note,
    changes,
    action: live === undefined ? 'create' : changes.length > 0 ? 'update' : adopts(properties) ? 'adopt' : 'nothing',
  });
  /** A user, group or resource by name: its own changes, then its registration's (address, aliases). */
  const entity = <T extends LiveEntity>(kind: string, list: readonly T[], registration: RegistrationSettings, own: (live: T) => FieldChange[]) => {
    const live = byName(list, registration.name);
    if (live === undefined) {
      return result(`${kind} ${registration.name}`, undefined, []);
    }
    managed.add(`entity:${live.id}`);
    return result(`${kind} ${live.name}`, live, [...own(live), ...registrationChanges(registration, live)]);
  };
  switch (resource.type) {
    case ResourceType.USER: {
      const settings = parseUserSettings(properties as never);
      return entity('user', org.users, settings.registration, (live) => {
        const attributes = planAttributes(undefined, settings, { ...actualEntity(live), role: live.role, attributes: live.attributes }) ?? {};
        const current: Record<string, unknown> = {
          ...live.attributes, Role: live.role, HiddenFromGlobalAddressList: live.hiddenFromGlobalAddressList ?? false,
        };
        const quota = planMailboxQuota(settings, live.mailboxQuota);
        return [
          ...Object.entries(attributes).map(([field, to]) => ({ field, from: current[field], to })),
          ...quota === undefined ? [] : [{ field: 'MailboxQuota', from: live.mailboxQuota, to: quota }],
        ];
      });
    }
    case ResourceType.GROUP: {
      const settings = parseGroupSettings(properties as never);
      return entity('group', org.groups, settings.registration, (live) => {
        const hidden = planHidden(settings, actualEntity(live));
        const members = planLinks([], settings.members.map(String), live.members);
        return [
          ...members.add.length > 0 ? [{ field: 'Members', from: live.members, to: [...live.members, ...members.add] }] : [],
          ...hidden === undefined ? [] : [{ field: 'HiddenFromGlobalAddressList', from: !hidden, to: hidden }],
        ];
      });
    }
    case ResourceType.RESOURCE: {
      const settings = parseResourceSettings(properties as never);
      return entity('resource', org.resources, settings.registration, (live) => {
        const update = planResourceUpdate(undefined, settings, {
          ...actualEntity(live), type: live.type, description: live.description, bookingOptions: live.bookingOptions ?? {},
        }) ?? {};
        const delegates = planLinks([], settings.delegates.map(String), live.delegates);
        const current: Record<string, unknown> = {
          Name: live.name,
          Type: live.type,
          Description: live.description,
          HiddenFromGlobalAddressList: live.hiddenFromGlobalAddressList ?? false,
          BookingOptions: live.bookingOptions,
        };
        return [
          ...Object.entries(update).map(([field, to]) => ({ field, from: current[field], to })),
          ...delegates.add.length > 0 ? [{ field: 'Delegates', from: live.delegates, to: [...live.delegates, ...delegates.add] }] : [],
        ];
      });
    }
    case ResourceType.MAILBOX_PERMISSION: {
      const settings = parsePermissionSettings(properties as never);
      const live = org.mailboxPermissions.find((permission) =>
        permission.entityId === settings.entityId && permission.granteeId === settings.granteeId);
      if (live !== undefined) {
        managed.add(`permission:${live.entityId}|${live.granteeId}`);
      }
      return result(`mailbox permission of ${settings.granteeId} on ${settings.entityId}`, live,
        fieldChanges({ PermissionValues: settings.permissionValues }, { PermissionValues: live?.permissions }));
    }
    case ResourceType.ACCESS_CONTROL_RULE: {
      // The owner marker the handler appends is bookkeeping: descriptions compare without it.
      const { OrganizationId: _o, Name: name, ...desired } = putRequest(properties as never, ANY_OWNER);
      const live = org.accessControlRules.find((rule) => rule.Name === name);
      if (live !== undefined) {
        managed.add(`acr:${name}`);
      }
      return result(`access control rule ${name}`, live, fieldChanges(desired, (live ?? {}) as Record<string, unknown>));
    }
    case ResourceType.IMPERSONATION_ROLE: {
      const { OrganizationId: _o, ...desired } = roleRequest(properties as never);
      const live = org.impersonationRoles.find((role) => properties.ImpersonationRoleId !== undefined
        ? role.ImpersonationRoleId === properties.ImpersonationRoleId : role.Name === desired.Name);
      if (live !== undefined) {
        managed.add(`role:${live.ImpersonationRoleId}`);
      }
      return result(`impersonation role ${desired.Name}`, live, fieldChanges(desired, (live ?? {}) as Record<string, unknown>));
    }
    case ResourceType.MOBILE_DEVICE_ACCESS_RULE: {
      const { OrganizationId: _o, ...desired } = ruleRequest(properties as never);
      const live = org.mobileDeviceAccessRules.find((rule) => properties.MobileDeviceAccessRuleId !== undefined
        ? rule.MobileDeviceAccessRuleId === properties.MobileDeviceAccessRuleId : rule.Name === desired.Name);
      if (live !== undefined) {
        managed.add(`mobile:${live.MobileDeviceAccessRuleId}`);
      }
      const fields = ['Name', 'Description', 'Effect', ...CONDITIONS] as const;
      return result(`mobile device access rule ${desired.Name}`, live, fieldChanges(
        Object.fromEntries(fields.map((field) => [field, desired[field]])), (live ?? {}) as Record<string, unknown>));
    }
    case ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE: {
      const live = org.mobileDeviceAccessOverrides.find((override) =>
        override.UserId === properties.UserId && override.DeviceId === properties.DeviceId);
      if (live !== undefined) {
        managed.add(`override:${live.UserId}|${live.DeviceId}`);
      }
      return result(`mobile device access override of ${properties.UserId} for ${properties.DeviceId}`, live,
        fieldChanges({ Effect: properties.Effect, Description: properties.Description }, (live ?? {}) as Record<string, unknown>));
    }
    case ResourceType.RETENTION_POLICY: {
      const desired = parsePolicy(properties as never);
      const live = org.retentionPolicy;
      managed.add('retention');
      return result('retention policy', live, fieldChanges(
        { Name: desired.name, Description: desired.description, FolderConfigurations: desired.folders },
        { Name: live?.Name, Description: live?.Description, FolderConfigurations: live?.FolderConfigurations }));
    }
    case ResourceType.INBOUND_DMARC_SETTINGS: {
      managed.add('dmarc');
      return result('inbound DMARC enforcement', org.dmarcEnforced ?? {}, fieldChanges(
        { Enforced: enforcedOf(properties as never) }, { Enforced: org.dmarcEnforced }));
    }
    case ResourceType.EMAIL_MONITORING: {
      const desired = parseMonitoringSettings(properties as never);
      managed.add('monitoring');
      return result('email event logging', org.emailMonitoring, fieldChanges(
        { LogGroupArn: desired.logGroupArn, RoleArn: desired.roleArn }, { ...org.emailMonitoring }));
    }
    case ResourceType.AVAILABILITY_CONFIGURATION: {
      const desired = parseAvailabilitySettings(properties as never);
      const live = org.availabilityConfigurations.find((configuration) => lower(configuration.DomainName) === desired.domainName);
      if (live !== undefined) {
        managed.add(`availability:${desired.domainName}`);
      }
      return result(`availability configuration for ${desired.domainName}`, live, fieldChanges(
        { EwsEndpoint: desired.ews?.endpoint, EwsUsername: desired.ews?.username, LambdaArn: desired.lambdaArn },
        { EwsEndpoint: live?.EwsProvider?.EwsEndpoint, EwsUsername: live?.EwsProvider?.EwsUsername, LambdaArn: live?.LambdaProvider?.LambdaArn }),
      desired.ews ? 'the EWS password is never readable: not compared' : undefined);
    }
    case ResourceType.DOMAIN: {
      const { domainName } = parseDomainSettings(properties as never);
      const live = org.domains.find((domain) => domain.name.toLowerCase() === domainName.toLowerCase());
      if (live !== undefined) {
        managed.add(`domain:${live.name.toLowerCase()}`);
      }
      return result(`mail domain ${domainName}`, live, []);
    }
    case ResourceType.DOMAIN_VERIFICATION: {
      const settings = parseVerificationSettings(properties as never);
      const isDefault = lower(org.defaultMailDomain) === settings.domainName.toLowerCase();
      return {
        ...result(`verification of ${settings.domainName}`, {}, settings.makeDefault && !isDefault
          ? [{ field: 'DefaultMailDomain', from: org.defaultMailDomain, to: settings.domainName }] : []),
        action: settings.makeDefault && !isDefault ? 'update' : 'nothing',
      };
    }
    case ResourceType.ORGANIZATION:
      return result(`organization ${properties.Alias}`, properties.Alias === org.alias ? org : undefined, []);
    default:
      return { resource, what: resource.type, action: 'not compared', changes: [] };
  }
}

function actualEntity(live: LiveEntity): ActualEntity {
  const { id, name, hiddenFromGlobalAddressList } = live;
  return { id, name, state: live.state as EntityState, email: lower(live.email), hiddenFromGlobalAddressList };
}

/** Registration, primary address and aliases, from the handlers' registration steps. */
function registrationChanges(settings: RegistrationSettings, live: LiveEntity): FieldChange[] {
  const aliases = live.aliases.map((alias) => alias.toLowerCase());
  return planRegistration(settings, [], actualEntity(live), aliases).map((step): FieldChange => {
    switch (step.kind) {
      case 'RegisterToWorkMail': return { field: 'State', from: live.state, to: `ENABLED (${step.email})` };
      case 'DeregisterFromWorkMail': return { field: 'State', from: live.state, to: 'DISABLED' };
      case 'UpdatePrimaryEmailAddress': return { field: 'Email', from: live.email, to: step.email };
      case 'CreateAlias': return { field: 'Aliases', from: undefined, to: `+ ${step.alias}` };
      case 'DeleteAlias': return { field: 'Aliases', from: step.alias, to: undefined };
    }
  });
}

function unmanagedObjects(org: LiveOrganization, managed: ReadonlySet<string>): string[] {
  const entity = (kind: string) => (live: LiveEntity) => managed.has(`entity:${live.id}`) ? [] : [`${kind} ${live.name} (${live.id})`];
  return [
    ...org.domains.filter((domain) => !domain.isTestDomain && !managed.has(`domain:${domain.name.toLowerCase()}`)).map((domain) => `mail domain ${domain.name}`),
    ...org.users.flatMap(entity('user')),
    ...org.groups.flatMap(entity('group')),
    ...org.resources.flatMap(entity('resource')),
    ...org.mailboxPermissions.filter((permission) => !managed.has(`permission:${permission.entityId}|${permission.granteeId}`))
      .map((permission) => `mailbox permission of ${permission.granteeId} on ${permission.entityId} (${permission.permissions.join(', ')})`),
    ...org.accessControlRules.filter((rule) => !managed.has(`acr:${rule.Name}`)).map((rule) => `access control rule ${rule.Name}`),
    ...org.impersonationRoles.filter((role) => !managed.has(`role:${role.ImpersonationRoleId}`)).map((role) => `impersonation role ${role.Name} (${role.ImpersonationRoleId})`),
    ...org.mobileDeviceAccessRules.filter((rule) => !managed.has(`mobile:${rule.MobileDeviceAccessRuleId}`))
      .map((rule) => `mobile device access rule ${rule.Name} (${rule.MobileDeviceAccessRuleId})`),
    ...org.mobileDeviceAccessOverrides.filter((override) => !managed.has(`override:${override.UserId}|${override.DeviceId}`))
      .map((override) => `mobile device access override of ${override.UserId} for ${override.DeviceId}`),
    ...org.availabilityConfigurations.filter((configuration) => !managed.has(`availability:${lower(configuration.DomainName)}`))
      .map((configuration) => `availability configuration for ${configuration.DomainName}`),
    ...org.retentionPolicy && !managed.has('retention') ? [`retention policy ${org.retentionPolicy.Name}`] : [],
    ...org.emailMonitoring && !managed.has('monitoring') ? ['email event logging'] : [],
  ];
}

const SIGNS: Record<Action, string> = { 'create': '+', 'update': '~', 'adopt': '=', 'nothing': ' ', 'not compared': '?' };

const show = (value: unknown): string => value === undefined ? '(none)' : value instanceof DeployTimeValue ? String(value)
  : JSON.stringify(value, (_key, member) => member instanceof DeployTimeValue ? String(member) : member);

/** One line per resource, its changes below it, then what no resource manages and what could not be read. */
export function formatDiff(diff: Diff): string {
  const lines: string[] = [];
  for (const plan of diff.plans) {
    lines.push(`${SIGNS[plan.action]} ${plan.action.padEnd(12)} ${plan.resource.stack}/${plan.resource.logicalId}  ${plan.what}${plan.note ? `  (${plan.note})` : ''}`);
    for (const change of plan.changes) {
      lines.push(`      ${change.field}: ${show(change.from)} -> ${show(change.to)}`);
    }
  }
  if (diff.unmanaged.length > 0) {
    lines.push('', `In the organization, managed by no resource (${diff.unmanaged.length}):`, ...diff.unmanaged.map((item) => `  ${item}`));
  }
  if (diff.gaps.length > 0) {
    lines.push('', 'Not read, permission missing (what depends on it is not compared):', ...diff.gaps.map((gap) => `  ${gap.permission}: ${gap.what}`));
  }
  const count = (action: Action) => diff.plans.filter((plan) => plan.action === action).length;
  lines.push('', `${count('create')} to create, ${count('update')} to update, ${count('adopt')} to adopt unchanged, ${count('nothing')} unchanged, `
    + `${diff.unmanaged.length} unmanaged`);
  return `${lines.join('\n')}\n`;
}

export const diffCommand: Command = {
  summary: 'what a deploy of the synthesized app would change in the organization, and what no resource manages',
  options: {
    app: { type: 'string', valueName: '<cdk.out>', description: 'the cloud assembly directory (default cdk.out)' },
    template: { type: 'string', valueName: '<file>', description: 'one synthesized template instead of a cloud assembly' },
    ...CONCURRENCY_OPTION,
  },
  exitCodes: ['2 a deploy would create or update something'],
  permissions: READ_PERMISSIONS,
  async run({ client, organizationId, options, out, progress }) {
    if (options.app !== undefined && options.template !== undefined) {
      throw new UsageError('pass --app or --template, not both');
    }
    const resources = loadResources({ app: options.app as string | undefined, template: options.template as string | undefined });
    const org = await readOrganization(client, organizationId, { concurrency: concurrencyOf(options.concurrency), progress });
    const diff = planDiff(resources, org);
    out(formatDiff(diff));
    return diff.exitCode;
  },
};
