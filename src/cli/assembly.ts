/**
 * The access rules an app synthesized for one organization, read from its cloud assembly
 * (`cdk.out`): the properties of the `Custom::WorkMail*` resources, which name WorkMail's own
 * members. Values only known after deploy (a `Ref` or `Fn::GetAtt` of a user, role or
 * organization of the same template) are resolved through the `Resolver`, which asks WorkMail.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  AccessControlRuleDefinition,
  AccessEffect,
  ImpersonationRuleDefinition,
  MobileDeviceAccessRuleDefinition,
} from '../policy';
import { ResourceType } from '../private/constants';
import { ACCESS_CONTROL_CONDITIONS, definitionMember, MOBILE_DEVICE_ACCESS_CONDITIONS } from '../private/rule-definitions';
import { DEFAULT_ACCESS_CONTROL_RULE, DefaultRuleKind } from '../private/rule-properties';

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** One synthesized stack's resources. */
export interface SynthesizedStack {
  readonly name: string;
  readonly resources: Readonly<Record<string, TemplateResource>>;
}

/** Every stack of the assembly in `directory`, nested assemblies (stages) included. */
export function readAssembly(directory: string): SynthesizedStack[] {
  const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; displayName?: string; properties?: { templateFile?: string; directoryName?: string } }>;
  };
  return Object.entries(manifest.artifacts ?? {}).flatMap(([id, artifact]) => {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      return readAssembly(join(directory, artifact.properties.directoryName));
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) {
      return [];
    }
    const template = JSON.parse(readFileSync(join(directory, artifact.properties.templateFile), 'utf8')) as { Resources?: Record<string, TemplateResource> };
    return [{ name: artifact.displayName ?? id, resources: template.Resources ?? {} }];
  });
}

/** What a reference in a template stands for, once deployed; undefined when WorkMail cannot say. */
export interface Resolver {
  /** The live id of the user a `Custom::WorkMailUser` with this name is. */
  userId(name: string): Promise<string | undefined>;
  /** The live id of the impersonation role with this name. */
  impersonationRoleId(name: string): Promise<string | undefined>;
  /** True when an organization created with this alias is the one tested. */
  isOrganization(alias: string): Promise<boolean>;
}

/** An impersonation role of the app, by name (WorkMail assigns the id at create). */
export interface SynthesizedImpersonationRole {
  readonly name: string;
  readonly rules: ImpersonationRuleDefinition[];
}

export interface SynthesizedRules {
  readonly accessControlRules: AccessControlRuleDefinition[];
  readonly mobileDeviceAccessRules: MobileDeviceAccessRuleDefinition[];
  readonly impersonationRoles: SynthesizedImpersonationRole[];
  /** True unless the app removes the built-in allow-all mobile device access rule. */
  readonly defaultMobileRule: boolean;
  /** Values the offline answer could not know: it may then differ from the live one for that reason. */
  readonly unresolved: string[];
}

/** The offline name of the built-in allow-all mobile rule, whose live name WorkMail does not document. */
export const DEFAULT_MOBILE_RULE = 'default (built-in allow-all rule)';

/** The organization's access rules as the app's stacks define them. */
export async function synthesizedRules(stacks: readonly SynthesizedStack[], organizationId: string, resolver: Resolver): Promise<SynthesizedRules> {
  const unresolved: string[] = [];
  const accessControlRules: AccessControlRuleDefinition[] = [];
  const mobileDeviceAccessRules: MobileDeviceAccessRuleDefinition[] = [];
  const impersonationRoles: SynthesizedImpersonationRole[] = [];
  const removals = new Set<string>();

  for (const stack of stacks) {
    const value = (where: string) => async (raw: unknown): Promise<string> => {
      const resolved = await resolveValue(stack, raw, resolver);
      if (resolved === undefined) {
        unresolved.push(`${stack.name} ${where}: ${JSON.stringify(raw)}`);
        return `<unresolved ${JSON.stringify(raw)}>`;
      }
      return resolved;
    };
    const list = async (raw: unknown, where: string) => Array.isArray(raw) ? Promise.all(raw.map(value(where))) : undefined;

    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      const p = resource.Properties ?? {};
      if (!await belongs(stack, p.OrganizationId, organizationId, resolver)) {
        continue;
      }
      switch (resource.Type) {
        case ResourceType.ACCESS_CONTROL_RULE:
          accessControlRules.push({ ...named(p), ...await conditions(p, ACCESS_CONTROL_CONDITIONS, list, logicalId) });
          break;
        case ResourceType.MOBILE_DEVICE_ACCESS_RULE:
          mobileDeviceAccessRules.push({ ...named(p), ...await conditions(p, MOBILE_DEVICE_ACCESS_CONDITIONS, list, logicalId) });
          break;
        case ResourceType.IMPERSONATION_ROLE: {
          const rules = (p.Rules ?? []) as Array<Record<string, unknown>>;
          impersonationRoles.push({
            name: p.Name as string,
            rules: await Promise.all(rules.map(async (rule) => ({
              impersonationRuleId: rule.ImpersonationRuleId as string,
              name: rule.Name as string | undefined,
              effect: rule.Effect as AccessEffect,
              targetUsers: await list(rule.TargetUsers, logicalId),
              notTargetUsers: await list(rule.NotTargetUsers, logicalId),
            }))),
          });
          break;
        }
        case ResourceType.DEFAULT_RULE_REMOVAL:
          removals.add(p.Kind as string);
          break;
      }
    }
  }
  // The built-in `default` rule stays unless the app removes it or replaces it by name.
  if (!removals.has(DefaultRuleKind.ACCESS_CONTROL) && !accessControlRules.some((rule) => rule.name === DEFAULT_ACCESS_CONTROL_RULE)) {
    accessControlRules.unshift({ name: DEFAULT_ACCESS_CONTROL_RULE, effect: AccessEffect.ALLOW });
  }
  const defaultMobileRule = !removals.has(DefaultRuleKind.MOBILE_DEVICE_ACCESS);
  if (defaultMobileRule) {
    mobileDeviceAccessRules.unshift({ name: DEFAULT_MOBILE_RULE, effect: AccessEffect.ALLOW });
  }
  return { accessControlRules, mobileDeviceAccessRules, impersonationRoles, defaultMobileRule, unresolved };
}

function named(p: Record<string, unknown>): { name: string; effect: AccessEffect } {
  return { name: p.Name as string, effect: p.Effect as AccessEffect };
}

/** The listed conditions under the evaluators' names (the API's, with a lower-case initial), values resolved. */
async function conditions(
  p: Record<string, unknown>,
  members: readonly string[],
  list: (raw: unknown, where: string) => Promise<string[] | undefined>,
  where: string,
): Promise<Record<string, string[] | undefined>> {
  const entries = await Promise.all(members.map(async (member) => [definitionMember(member), await list(p[member], where)]));
  return Object.fromEntries(entries);
}

/** Whether a resource's `OrganizationId` is the tested organization: literally, or an organization of the stack with its alias. */
async function belongs(stack: SynthesizedStack, raw: unknown, organizationId: string, resolver: Resolver): Promise<boolean> {
  if (typeof raw === 'string') {
    return raw === organizationId;
  }
  const target = referenced(stack, raw);
  return target?.Type === ResourceType.ORGANIZATION && typeof target.Properties?.Alias === 'string'
    && resolver.isOrganization(target.Properties.Alias);
}

/** A literal, or the live id of the user or impersonation role of the stack a `Ref`/`Fn::GetAtt` names. */
async function resolveValue(stack: SynthesizedStack, raw: unknown, resolver: Resolver): Promise<string | undefined> {
  if (typeof raw === 'string') {
    return raw;
  }
  const target = referenced(stack, raw);
  const name = target?.Properties?.Name;
  if (typeof name !== 'string') {
    return undefined;
  }
  switch (target!.Type) {
    case ResourceType.USER:
      return resolver.userId(name);
    case ResourceType.IMPERSONATION_ROLE:
      return resolver.impersonationRoleId(name);
    default:
      return undefined;
  }
}

function referenced(stack: SynthesizedStack, raw: unknown): TemplateResource | undefined {
  if (raw === null || typeof raw !== 'object') {
    return undefined;
  }
  const intrinsic = raw as { 'Ref'?: unknown; 'Fn::GetAtt'?: unknown };
  const logicalId = typeof intrinsic.Ref === 'string' ? intrinsic.Ref
    : Array.isArray(intrinsic['Fn::GetAtt']) ? intrinsic['Fn::GetAtt'][0] : undefined;
  return typeof logicalId === 'string' ? stack.resources[logicalId] : undefined;
}

