import { Duration, IResource, RemovalPolicy, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IOrganization } from './interfaces';
import { OrganizationContext } from './organization-context';
import { ResourceType } from './private/constants';
import { importByKey } from './private/imports';
import { adoption } from './private/ownership';
import { RetentionPolicyResourceProperties } from './private/settings-properties';
import { findDuplicates, invalid, RETENTION_DESCRIPTION, validateEnum, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** The mailbox folders a retention policy can act on. */
export enum RetentionFolder {
  /** The Inbox folder. */
  INBOX = 'INBOX',
  /** The Deleted Items folder. */
  DELETED_ITEMS = 'DELETED_ITEMS',
  /** The Sent Items folder. */
  SENT_ITEMS = 'SENT_ITEMS',
  /** The Drafts folder. */
  DRAFTS = 'DRAFTS',
  /** The Junk Email folder. */
  JUNK_EMAIL = 'JUNK_EMAIL',
}

/** The retention policy of a WorkMail organization, created by this stack or imported. */
export interface IRetentionPolicy extends IResource {
  /**
   * The policy name.
   * @attribute
   */
  readonly retentionPolicyName: string;
}

/** What happens to items older than the folder's retention period. */
export enum RetentionAction {
  /** Keep the items. */
  NONE = 'NONE',
  /** Move the items to Deleted Items, from where users can still recover them. */
  DELETE = 'DELETE',
  /** Delete the items irreversibly. */
  PERMANENTLY_DELETE = 'PERMANENTLY_DELETE',
}

/** The retention rule of one folder. */
export interface FolderRetention {
  /** The folder. */
  readonly folder: RetentionFolder;

  /** What happens to items older than `period`. */
  readonly action: RetentionAction;

  /**
   * How old an item (counted from when it was created, modified or moved) must be for `action`:
   * whole days, 1 to 730. Needed unless `action` is `NONE`.
   *
   * @default - none (only valid with `RetentionAction.NONE`)
   */
  readonly period?: Duration;
}

/** A retention policy without its organization: the `retentionPolicy` of an {@link Organization}. */
export interface RetentionPolicyOptions {
  /** One rule per folder; folders not listed keep their items. */
  readonly folders: FolderRetention[];

  /**
   * The policy name: 1-64 letters, digits, hyphens or underscores.
   *
   * @default 'cdk-workmail'
   */
  readonly policyName?: string;

  /**
   * A description of the policy, at most 256 characters.
   *
   * @default - no description
   */
  readonly description?: string;
}

/** Properties of a {@link RetentionPolicy}. */
export interface RetentionPolicyProps extends RetentionPolicyOptions {
  /** The organization whose mailboxes the policy applies to. */
  readonly organization: IOrganization;

  /**
   * Take over the retention policy the organization already has. Without it, a deployment that
   * finds a policy this stack did not write fails and says so. An adopted policy is left as the
   * stack last wrote it when the construct leaves the stack, unless `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * What happens when the construct leaves the stack: DESTROY restores the policy found before
   * (or removes the policy if there was none), RETAIN leaves the stack's policy in place.
   *
   * @default - RemovalPolicy.DESTROY, or RETAIN with `adoptExisting`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The retention policy of a WorkMail organization (`Custom::WorkMailRetentionPolicy`).
 *
 * WorkMail has one retention policy per organization; it applies to every mailbox and users
 * cannot override it. Changes can take 48 hours to apply. Deleting the construct restores the
 * policy the organization had before (its name and folder rules; its description, which
 * WorkMail treats as sensitive, is not recorded and comes back empty), or removes the policy if
 * there was none.
 */
export class RetentionPolicy extends Resource implements IRetentionPolicy {
  /**
   * References the retention policy an organization has outside this stack, by its name (as
   * GetDefaultRetentionPolicy shows it). The reference changes nothing.
   */
  public static fromRetentionPolicyName(scope: Construct, id: string, retentionPolicyName: string): IRetentionPolicy {
    return importByKey(scope, id, 'retentionPolicyName', retentionPolicyName, POLICY_NAME);
  }

  /** The organization the policy applies to. */
  public readonly organization: IOrganization;

  /**
   * The policy name.
   * @attribute
   */
  public readonly retentionPolicyName: string;

  constructor(scope: Construct, id: string, props: RetentionPolicyProps) {
    super(scope, id);
    this.organization = props.organization;
    this.retentionPolicyName = props.policyName ?? DEFAULT_POLICY_NAME;
    OrganizationContext.of(props.organization).claimSetting(this, 'retention policy', 'policy',
      'WorkMail keeps one retention policy per organization, so two would overwrite each other: keep one RetentionPolicy '
      + '(or the organization\'s retentionPolicy prop) per organization, with a rule for every folder');
    const ownership = adoption(this, props, RemovalPolicy.DESTROY);
    const properties: RetentionPolicyResourceProperties = {
      OrganizationId: props.organization.organizationId,
      PolicyName: this.retentionPolicyName,
      Description: props.description,
      Folders: validateFolders(this, props.folders),
      ...ownership.properties,
    };
    validateString(this, 'policyName', props.policyName, POLICY_NAME);
    validateString(this, 'description', props.description, RETENTION_DESCRIPTION);

    WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.RETENTION_POLICY,
      organization: props.organization,
      properties,
      removalPolicy: ownership.removalPolicy,
    });
  }
}

const DEFAULT_POLICY_NAME = 'cdk-workmail';
const POLICY_NAME = { minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/, rule: '1-64 letters, digits, hyphens or underscores' };

/** WorkMail's folder configuration limits: each folder once, periods of 1-730 whole days. */
function validateFolders(scope: Construct, folders: FolderRetention[]): RetentionPolicyResourceProperties['Folders'] {
  if (folders.length === 0) {
    throw invalid(scope, 'folders', folders, 'list at least one folder (to remove the policy, remove the construct)');
  }
  const [duplicate] = findDuplicates(folders, (rule) => rule.folder);
  if (duplicate) {
    throw invalid(scope, 'folders', duplicate.key, 'each folder takes one rule: merge the duplicate entries');
  }
  return folders.map((rule) => {
    validateEnum(scope, 'folder', rule.folder, RetentionFolder, 'RetentionFolder');
    validateEnum(scope, `action of ${rule.folder}`, rule.action, RetentionAction, 'RetentionAction');
    if (rule.period === undefined) {
      if (rule.action !== RetentionAction.NONE) {
        throw invalid(scope, `period of ${rule.folder}`, undefined, `action ${rule.action} needs a period of 1-730 days`);
      }
      return { Name: rule.folder, Action: rule.action };
    }
    if (rule.period.isUnresolved()) {
      return { Name: rule.folder, Action: rule.action, Period: rule.period.toDays().toString() };
    }
    const days = rule.period.toDays({ integral: false });
    if (!Number.isInteger(days) || days < 1 || days > 730) {
      throw invalid(scope, `period of ${rule.folder}`, rule.period.toHumanString(), 'it must be a whole number of days from 1 to 730');
    }
    return { Name: rule.folder, Action: rule.action, Period: days.toString() };
  });
}
