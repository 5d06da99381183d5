/**
 * The access rules this app defines for an organization, so that the organization can answer
 * "Test rules" questions offline and refuse, at synth time, what WorkMail would refuse (or what
 * would lock everyone out). Held by the organization's context, so imports of one organization
 * share its rules and their limits.
 */
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import {
  AccessControlRuleDefinition,
  AccessEffect,
  MobileDeviceAccessOverrideDefinition,
  MobileDeviceAccessRuleDefinition,
} from './policy';
import { DEFAULT_ACCESS_CONTROL_RULE } from './private/rule-properties';
import { findDuplicates } from './private/validation';

/** A registered rule: its construct (for paths in messages and the physical id for ordering) and its definition. */
export interface Registered<D> {
  readonly construct: IConstruct;
  readonly physicalId: string;
  readonly definition: D;
}

/** Acknowledgement recorded when the app removes a built-in default rule. */
export interface DefaultRemoval {
  readonly construct: IConstruct;
  readonly acceptBlockingAllAccess: boolean;
}

/** WorkMail's limit: at most 10 access control rules and 10 mobile device access rules per organization. */
export const MAX_RULES = 10;

/** "Each Amazon WorkMail organization has a default access control rule that grants mailbox access to all users". */
const DEFAULT_ACCESS_CONTROL: AccessControlRuleDefinition = { name: DEFAULT_ACCESS_CONTROL_RULE, effect: AccessEffect.ALLOW };

/** "By default, each Amazon WorkMail organization uses a rule that grants mailbox access to any devices". */
const DEFAULT_MOBILE: MobileDeviceAccessRuleDefinition = { name: 'default (built-in allow-all rule)', effect: AccessEffect.ALLOW };

/** The rules of one organization. */
export class RuleRegistry {
  public readonly accessControlRules: Registered<AccessControlRuleDefinition>[] = [];
  public readonly mobileDeviceAccessRules: Registered<MobileDeviceAccessRuleDefinition>[] = [];
  public readonly overrides: Registered<MobileDeviceAccessOverrideDefinition>[] = [];
  public defaultAccessControlRuleRemoval?: DefaultRemoval;
  public defaultMobileDeviceAccessRuleRemoval?: DefaultRemoval;

  /** The access control rules the organization will have: the stack's, plus `default` unless removed or replaced. */
  public effectiveAccessControlRules(): AccessControlRuleDefinition[] {
    const rules = this.accessControlRules.map((r) => r.definition);
    const replaced = rules.some((rule) => rule.name === DEFAULT_ACCESS_CONTROL_RULE);
    return this.defaultAccessControlRuleRemoval || replaced ? rules : [DEFAULT_ACCESS_CONTROL, ...rules];
  }

  /** The mobile device access rules the organization will have: the stack's, plus the default unless removed. */
  public effectiveMobileDeviceAccessRules(): MobileDeviceAccessRuleDefinition[] {
    const rules = this.mobileDeviceAccessRules.map((r) => r.definition);
    return this.defaultMobileDeviceAccessRuleRemoval ? rules : [DEFAULT_MOBILE, ...rules];
  }

  /** The synth-time errors of the organization's rules: duplicates, limits, lockouts. */
  public validate(): string[] {
    return [...this.validateAccessControlRules(), ...this.validateMobileDeviceAccess()];
  }

  private validateAccessControlRules(): string[] {
    const errors = duplicates(this.accessControlRules, (rule) => rule.definition.name, 'access control rule name',
      'WorkMail keeps one rule per name, so the second would silently replace the first: rename one');
    const names = this.accessControlRules.map((r) => r.definition.name);
    const replacesDefault = names.includes(DEFAULT_ACCESS_CONTROL_RULE);
    const removal = this.defaultAccessControlRuleRemoval;
    if (removal && replacesDefault) {
      errors.push(`${removal.construct.node.path}: the default access control rule is both removed and replaced by a rule named "default": do one or the other`);
    }
    // The default rule counts until it is removed, and it is removed only after the stack's rules exist.
    const count = new Set(names).size + (replacesDefault ? 0 : 1);
    if (count > MAX_RULES) {
      errors.push(`an organization has at most ${MAX_RULES} access control rules, the built-in "default" rule included (it is removed only after the other rules exist); `
        + `this one would have ${count}: merge rules (each takes up to 1024 IP ranges and 10 users), or replace the default by naming one of yours "default"`);
    }
    if (removal && !removal.acceptBlockingAllAccess && names.length === 0) {
      errors.push(`${removal.construct.node.path}: removing the default access control rule with no other rule blocks all access to every mailbox of the organization `
        + '("If an administrator deletes all access control rules for an organization, Amazon WorkMail blocks all access"): add an AccessControlRule, or pass acceptBlockingAllAccess: true');
    }
    return errors;
  }

  private validateMobileDeviceAccess(): string[] {
    const errors = [
      ...duplicates(this.mobileDeviceAccessRules, (rule) => rule.definition.name, 'mobile device access rule name',
        'give each rule its own name, so that test results and the console tell them apart'),
      ...duplicates(this.overrides, (o) => Token.isUnresolved(o.definition.deviceId) ? undefined : `${o.definition.userId} ${o.definition.deviceId.toLowerCase()}`,
        'mobile device access override for user and device', 'WorkMail keeps one override per user and device (device ids ignore case): remove one'),
    ];
    const count = this.mobileDeviceAccessRules.length + 1;
    if (count > MAX_RULES) {
      errors.push(`an organization has at most ${MAX_RULES} mobile device access rules, the built-in allow-all rule included (it is removed only after the other rules exist); `
        + `this one would have ${count}: merge rules (each condition takes up to 10 values)`);
    }
    const removal = this.defaultMobileDeviceAccessRuleRemoval;
    if (removal && !removal.acceptBlockingAllAccess && this.mobileDeviceAccessRules.length === 0) {
      errors.push(`${removal.construct.node.path}: removing the default mobile device access rule with no other rule blocks every mobile device `
        + '("If you delete all the mobile device access rules for an organization, Amazon WorkMail blocks all mobile device access"): '
        + 'add a MobileDeviceAccessRule (e.g. a DENY rule without conditions, for MDM overrides), or pass acceptBlockingAllAccess: true');
    }
    return errors;
  }
}

/** Errors for entries whose key was registered before. */
function duplicates<D>(entries: Registered<D>[], key: (entry: Registered<D>) => string | undefined, what: string, fix: string): string[] {
  return findDuplicates(entries, key).map(({ first, duplicate, key: k }) =>
    `${duplicate.construct.node.path}: duplicate ${what} ${JSON.stringify(k)} (also used by ${first.construct.node.path}): ${fix}`);
}
