import { IResource, RemovalPolicy, Resource, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IOrganization } from './interfaces';
import { IMailEntity, MailboxPermissionType } from './mail-entity';
import { OrganizationContext } from './organization-context';
import { ResourceType } from './private/constants';
import { checkSameOrganization, entityKey, isGroup } from './private/entities';
import { MailboxPermissionResourceProperties } from './private/entity-properties';
import { refuseAdoption } from './private/ownership';
import { invalid, validateDistinct, validateEnum } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** Permissions of a user or group on a mailbox, granted by this stack or imported. */
export interface IMailboxPermission extends IResource {
  /**
   * The entity id of the mailbox (a user, resource or group).
   * @attribute
   */
  readonly mailboxId: string;

  /**
   * The entity id of the user or group that holds the permissions.
   * @attribute
   */
  readonly granteeId: string;
}

/** Attributes to reference permissions with {@link MailboxPermission.fromMailboxPermissionAttributes}. */
export interface MailboxPermissionAttributes {
  /** Whose mailbox. */
  readonly mailbox: IMailEntity;
  /** Who holds the permissions. */
  readonly grantee: IMailEntity;
}

/** Properties of a {@link MailboxPermission}. */
export interface MailboxPermissionProps {
  /** The organization of both the mailbox and the grantee. */
  readonly organization: IOrganization;

  /** Whose mailbox: a user or a resource (or, for the send permissions only, a group). */
  readonly mailbox: IMailEntity;

  /** Who gets the permissions: a user or a group (a group's members all get them). */
  readonly grantee: IMailEntity;

  /**
   * The permissions. They replace whatever the grantee had on this mailbox. FULL_ACCESS can
   * neither be granted to a group nor on a group (groups have no mailbox).
   */
  readonly permissions: MailboxPermissionType[];

  /**
   * What happens to the permissions when they leave the stack.
   * @default RemovalPolicy.DESTROY - they are revoked
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Permissions of a user or group on a mailbox (`Custom::WorkMailMailboxPermission`): full
 * access, send as, send on behalf. Changes apply in place; another mailbox or grantee is a new
 * pair, granted before the old pair is revoked. Outlook may take up to 60 minutes to show a
 * shared mailbox.
 */
export class MailboxPermission extends Resource implements IMailboxPermission {
  /** References the permissions a grantee holds on a mailbox outside this stack. The reference changes nothing. */
  public static fromMailboxPermissionAttributes(scope: Construct, id: string, attrs: MailboxPermissionAttributes): IMailboxPermission {
    class Import extends Resource implements IMailboxPermission {
      public readonly mailboxId = attrs.mailbox.entityId;
      public readonly granteeId = attrs.grantee.entityId;
    }
    const imported = new Import(scope, id);
    refuseOwnMailbox(imported, attrs);
    return imported;
  }

  /**
   * The entity id of the mailbox.
   * @attribute
   */
  public readonly mailboxId: string;

  /**
   * The entity id of the grantee.
   * @attribute
   */
  public readonly granteeId: string;

  constructor(scope: Construct, id: string, props: MailboxPermissionProps) {
    super(scope, id);
    refuseAdoption(this, props, 'mailbox permissions are granted per mailbox and grantee, with nothing to take over');
    if (props.permissions.length === 0) {
      throw invalid(this, 'permissions', [], 'grant at least one of FULL_ACCESS, SEND_AS, SEND_ON_BEHALF (remove the construct to revoke all)');
    }
    props.permissions.forEach((permission, i) => validateEnum(this, `permissions[${i}]`, permission, MailboxPermissionType, 'MailboxPermissionType'));
    validateDistinct(this, 'permissions', props.permissions);
    refuseOwnMailbox(this, props);
    this.mailboxId = props.mailbox.entityId;
    this.granteeId = props.grantee.entityId;
    checkSameOrganization(this, 'mailbox', props.organization, props.mailbox);
    checkSameOrganization(this, 'grantee', props.organization, props.grantee);
    if (props.permissions.includes(MailboxPermissionType.FULL_ACCESS)) {
      for (const [property, entity] of [['mailbox', props.mailbox], ['grantee', props.grantee]] as const) {
        if (isGroup(entity)) {
          throw invalid(this, property, entity.node.path,
            'FULL_ACCESS cannot be granted to or on a group (groups have no mailbox): grant SEND_AS or SEND_ON_BEHALF, or use a user');
        }
      }
    }
    OrganizationContext.of(props.organization).claimSetting(this, 'mailbox permission', `${entityKey(props.mailbox)} -> ${entityKey(props.grantee)}`,
      'WorkMail keeps one set of permissions per mailbox and grantee, so two constructs would replace each other\'s: list every permission in one MailboxPermission');
    WorkMailProvider.of(this).createResource<MailboxPermissionResourceProperties>(this, {
      resourceType: ResourceType.MAILBOX_PERMISSION,
      organization: props.organization,
      properties: {
        OrganizationId: props.organization.organizationId,
        EntityId: props.mailbox.entityId,
        GranteeId: props.grantee.entityId,
        PermissionValues: props.permissions,
      },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
  }
}

function refuseOwnMailbox(scope: Construct, pair: MailboxPermissionAttributes): void {
  const sameId = !Token.isUnresolved(pair.mailbox.entityId) && pair.mailbox.entityId === pair.grantee.entityId;
  if (pair.mailbox === pair.grantee || sameId) {
    throw invalid(scope, 'grantee', pair.grantee.node.path, 'a mailbox owner already has every permission on its own mailbox: grant another user or group');
  }
}
