import { IResource, RemovalPolicy, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IOrganization, IUser } from './interfaces';
import { OrganizationContext } from './organization-context';
import { AccessEffect, MobileDeviceAccessRuleDefinition } from './policy';
import { ResourceType } from './private/constants';
import { checkSameOrganization } from './private/entities';
import { importByKey } from './private/imports';
import { adoption, refuseAdoption, validateAdoptionById } from './private/ownership';
import { mobileDeviceAccessRuleProperties } from './private/rule-definitions';
import { MobileDeviceAccessOverrideResourceProperties } from './private/rule-properties';
import {
  DEVICE_ID,
  DEVICE_PROPERTY,
  MOBILE_DESCRIPTION,
  OVERRIDE_DESCRIPTION,
  MOBILE_RULE_NAME,
  RULE_NAME,
  validateEnum,
  validateList,
  validateString,
} from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** A mobile device access rule of a WorkMail organization, created by this stack or imported. */
export interface IMobileDeviceAccessRule extends IResource {
  /**
   * The rule id WorkMail assigned.
   * @attribute
   */
  readonly mobileDeviceAccessRuleId: string;
}

/** A mobile device access override, created by this stack or imported. */
export interface IMobileDeviceAccessOverride extends IResource {
  /**
   * The user the override is for.
   * @attribute
   */
  readonly userId: string;

  /**
   * The device the override is for.
   * @attribute
   */
  readonly deviceId: string;
}

/**
 * Properties of a {@link MobileDeviceAccessRule}. Each condition lists up to 10 values, each a
 * case-insensitive prefix of what the device reports, or `$NONE` for a device that reports
 * nothing; `not*` conditions never match a device that reports nothing. Conditions left out
 * match every device.
 */
export interface MobileDeviceAccessRuleProps {
  /** The organization the rule controls. */
  readonly organization: IOrganization;

  /** The rule name: 1-64 characters, unique among the organization's rules in this app. */
  readonly name: string;

  /**
   * What the rule is for: 1-256 characters.
   * @default - no description
   */
  readonly description?: string;

  /** Whether matching devices are allowed or denied. A matching DENY rule always wins. */
  readonly effect: AccessEffect;

  /**
   * Device types the rule matches (e.g. `iPhone`).
   * @default - any device type
   */
  readonly deviceTypes?: string[];

  /**
   * Device types the rule does not match.
   * @default - no device type is excluded
   */
  readonly notDeviceTypes?: string[];

  /**
   * Device models the rule matches (e.g. `iPhone10C1`).
   * @default - any device model
   */
  readonly deviceModels?: string[];

  /**
   * Device models the rule does not match.
   * @default - no device model is excluded
   */
  readonly notDeviceModels?: string[];

  /**
   * Operating systems the rule matches (e.g. `iOS 17`).
   * @default - any operating system
   */
  readonly deviceOperatingSystems?: string[];

  /**
   * Operating systems the rule does not match.
   * @default - no operating system is excluded
   */
  readonly notDeviceOperatingSystems?: string[];

  /**
   * User agents the rule matches.
   * @default - any user agent
   */
  readonly deviceUserAgents?: string[];

  /**
   * User agents the rule does not match.
   * @default - no user agent is excluded
   */
  readonly notDeviceUserAgents?: string[];

  /**
   * Take over the live rule `mobileDeviceAccessRuleId`: the deployment updates it to these props
   * instead of creating a rule. The adopted rule stays when the construct leaves the stack,
   * unless `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * With `adoptExisting`: the id of the rule to take over (WorkMail keys these rules by id, not
   * by name), as ListMobileDeviceAccessRules shows it.
   *
   * @default - no rule is adopted
   */
  readonly mobileDeviceAccessRuleId?: string;

  /**
   * What happens to the rule when the construct leaves the stack.
   *
   * @default - RemovalPolicy.DESTROY (it is deleted), or RETAIN with `adoptExisting`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A mobile device access rule (`Custom::WorkMailMobileDeviceAccessRule`) for Exchange ActiveSync
 * devices. Any matching DENY rule blocks the device, else any matching ALLOW rule allows it,
 * else it is blocked. Test offline with `organization.evaluateMobileDeviceAccess()`.
 */
export class MobileDeviceAccessRule extends Resource implements IMobileDeviceAccessRule {
  /** References a rule made outside this stack by its id (it is not evaluated by the simulators). */
  public static fromMobileDeviceAccessRuleId(scope: Construct, id: string, mobileDeviceAccessRuleId: string): IMobileDeviceAccessRule {
    return importByKey(scope, id, 'mobileDeviceAccessRuleId', mobileDeviceAccessRuleId, RULE_NAME);
  }

  /**
   * The rule id WorkMail assigned.
   * @attribute
   */
  public readonly mobileDeviceAccessRuleId: string;

  constructor(scope: Construct, id: string, props: MobileDeviceAccessRuleProps) {
    super(scope, id);
    validateString(this, 'name', props.name, MOBILE_RULE_NAME);
    validateString(this, 'description', props.description, MOBILE_DESCRIPTION);
    validateEnum(this, 'effect', props.effect, AccessEffect, 'AccessEffect');
    const ownership = adoption(this, props, RemovalPolicy.DESTROY);
    validateAdoptionById(this, props, {
      kind: 'mobile device access rule', idProperty: 'mobileDeviceAccessRuleId', liveId: props.mobileDeviceAccessRuleId, source: 'ListMobileDeviceAccessRules',
    });
    const conditions = {
      deviceTypes: props.deviceTypes,
      notDeviceTypes: props.notDeviceTypes,
      deviceModels: props.deviceModels,
      notDeviceModels: props.notDeviceModels,
      deviceOperatingSystems: props.deviceOperatingSystems,
      notDeviceOperatingSystems: props.notDeviceOperatingSystems,
      deviceUserAgents: props.deviceUserAgents,
      notDeviceUserAgents: props.notDeviceUserAgents,
    };
    for (const [property, values] of Object.entries(conditions)) {
      validateList(this, property, values, { maxItems: 10, items: 'values' }, DEVICE_PROPERTY);
    }
    const definition: MobileDeviceAccessRuleDefinition = { name: props.name, effect: props.effect, ...conditions };

    const properties = mobileDeviceAccessRuleProperties(props.organization.organizationId, definition, {
      Description: props.description,
      MobileDeviceAccessRuleId: props.mobileDeviceAccessRuleId,
      ...ownership.properties,
    });
    const resource = WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.MOBILE_DEVICE_ACCESS_RULE,
      organization: props.organization,
      properties,
      removalPolicy: ownership.removalPolicy,
    });
    this.mobileDeviceAccessRuleId = resource.getAttString('MobileDeviceAccessRuleId');
    OrganizationContext.of(props.organization).rules.mobileDeviceAccessRules.push({ construct: this, physicalId: resource.ref, definition });
  }
}

/** Attributes to reference an override with {@link MobileDeviceAccessOverride.fromMobileDeviceAccessOverrideAttributes}. */
export interface MobileDeviceAccessOverrideAttributes {
  /** The user the override is for. */
  readonly user: IUser;
  /** The device id (1-32 letters or digits, case-insensitive). */
  readonly deviceId: string;
}

/** Properties of a {@link MobileDeviceAccessOverride}. */
export interface MobileDeviceAccessOverrideProps {
  /** The organization of the user. */
  readonly organization: IOrganization;

  /** The user whose device the override concerns. */
  readonly user: IUser;

  /** The device id (1-32 letters or digits, case-insensitive), from the user's mobile device details. */
  readonly deviceId: string;

  /** The effect for this user and device, whatever the rules say. */
  readonly effect: AccessEffect;

  /**
   * What the override is for: 1-256 characters.
   * @default - no description
   */
  readonly description?: string;
}

/**
 * A mobile device access override (`Custom::WorkMailMobileDeviceAccessOverride`): for one user
 * and one device, its effect replaces the result of the mobile device access rules. With a
 * deny-all rule, overrides let an MDM solution decide device by device.
 */
export class MobileDeviceAccessOverride extends Resource implements IMobileDeviceAccessOverride {
  /** References an override made outside this stack (it is not evaluated by the simulators). */
  public static fromMobileDeviceAccessOverrideAttributes(
    scope: Construct, id: string, attrs: MobileDeviceAccessOverrideAttributes,
  ): IMobileDeviceAccessOverride {
    class Import extends Resource implements IMobileDeviceAccessOverride {
      public readonly userId = attrs.user.userId;
      public readonly deviceId = attrs.deviceId;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'deviceId', attrs.deviceId, DEVICE_ID);
    return imported;
  }

  public readonly userId: string;
  public readonly deviceId: string;

  constructor(scope: Construct, id: string, props: MobileDeviceAccessOverrideProps) {
    super(scope, id);
    refuseAdoption(this, props, 'WorkMail keeps one override per user and device and puts it whatever was there: there is nothing to take over');
    validateString(this, 'deviceId', props.deviceId, DEVICE_ID);
    validateString(this, 'description', props.description, OVERRIDE_DESCRIPTION);
    validateEnum(this, 'effect', props.effect, AccessEffect, 'AccessEffect');
    checkSameOrganization(this, 'user', props.organization, props.user);
    this.userId = props.user.userId;
    this.deviceId = props.deviceId;

    const properties: MobileDeviceAccessOverrideResourceProperties = {
      OrganizationId: props.organization.organizationId,
      UserId: props.user.userId,
      DeviceId: props.deviceId,
      Effect: props.effect,
      Description: props.description,
    };
    const resource = WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE,
      organization: props.organization,
      properties,
    });
    OrganizationContext.of(props.organization).rules.overrides.push({
      construct: this,
      physicalId: resource.ref,
      definition: { userId: props.user.userId, deviceId: props.deviceId, effect: props.effect },
    });
  }
}

