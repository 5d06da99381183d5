import { Duration, Lazy, RemovalPolicy, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IGroup, IOrganization } from './interfaces';
import { IMailEntity } from './mail-entity';
import { OrganizationContext } from './organization-context';
import { ResourceType } from './private/constants';
import { isGroup, validateLink } from './private/entities';
import { EntityAddresses } from './private/entity-addresses';
import { GroupResourceProperties } from './private/entity-properties';
import { adoption } from './private/ownership';
import { ENTITY_ID, GROUP_NAME, invalid, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** Properties of a {@link Group}. */
export interface GroupProps {
  /** The organization the group belongs to. */
  readonly organization: IOrganization;

  /**
   * The group name: 1-256 Basic Latin or Latin-1 characters (spaces allowed). WorkMail cannot
   * rename a group, so a change fails the deployment.
   */
  readonly name: string;

  /**
   * The group's email address, on a verified domain of the organization. With an address the
   * group is registered to WorkMail and mail to it reaches every member.
   *
   * @default - no address: the group stays disabled, usable for permissions only
   */
  readonly email?: string;

  /**
   * More addresses of the group (at most 100; needs `email`).
   * @default - none
   */
  readonly aliases?: string[];

  /**
   * The members: users and groups. Members added outside the stack are left alone.
   * @default - none; add with `addMember()`
   */
  readonly members?: IMailEntity[];

  /**
   * Hide the group from the global address list.
   * @default false
   */
  readonly hiddenFromGlobalAddressList?: boolean;

  /**
   * How long registration waits for the address's domain to be verified. At most 50 minutes.
   * @default Duration.minutes(30)
   */
  readonly domainVerificationTimeout?: Duration;

  /**
   * What happens to the group when it leaves the stack. With DESTROY it is deregistered,
   * then deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Take over a group of this name that already exists in the organization. Without it, a
   * deployment that finds one fails and names the two ways on (this prop, or `Group.fromGroupId`).
   * Adoption changes only what these props name; the adopted group is retained when it
   * leaves the stack unless `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/** What every group, created or imported, is: mailbox permissions check for it. */
abstract class GroupBase extends Resource implements IGroup {
  public abstract readonly groupId: string;
  public abstract readonly entityId: string;
}

/**
 * A WorkMail group (`Custom::WorkMailGroup`) with its members.
 *
 * Created disabled, then registered with its email address (when it has one) once the domain
 * is verified. Address, aliases, visibility and members change in place; a rename fails with
 * an explanation. Retained by default.
 */
export class Group extends GroupBase {
  /** Imports an existing group by id. */
  public static fromGroupId(scope: Construct, id: string, groupId: string): IGroup {
    class Import extends GroupBase {
      public readonly groupId = groupId;
      public readonly entityId = groupId;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'groupId', groupId, ENTITY_ID);
    return imported;
  }

  /** True for groups, created in the stack or imported. */
  public static isGroup(entity: IMailEntity): boolean {
    return isGroup(entity);
  }

  public readonly groupId: string;
  public readonly entityId: string;
  /** The group name. */
  public readonly groupName: string;
  /** The organization the group belongs to. */
  public readonly organization: IOrganization;

  private readonly members: IMailEntity[] = [];
  private readonly addresses: EntityAddresses;

  constructor(scope: Construct, id: string, props: GroupProps) {
    super(scope, id);
    validateString(this, 'name', props.name, GROUP_NAME);
    this.organization = props.organization;
    OrganizationContext.of(props.organization).claimName(this, props.name);
    this.addresses = new EntityAddresses(this, { organization: props.organization, email: props.email, enabled: true, aliases: props.aliases });
    (props.members ?? []).forEach((member) => this.addMember(member));
    const ownership = adoption(this, props, RemovalPolicy.RETAIN);

    const properties: GroupResourceProperties = {
      OrganizationId: props.organization.organizationId,
      Name: props.name,
      Members: Lazy.list({ produce: () => this.members.map((member) => member.entityId) }, { omitEmpty: true }),
      ...this.addresses.properties(props.hiddenFromGlobalAddressList, props.domainVerificationTimeout),
      ...ownership.properties,
    };
    const resource = WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.GROUP,
      organization: props.organization,
      properties,
      removalPolicy: ownership.removalPolicy,
    });
    this.addresses.dependOnDomains(resource);
    this.groupId = resource.ref;
    this.entityId = this.groupId;
    this.groupName = props.name;
  }

  /** Adds a user or group to the group. */
  public addMember(member: IMailEntity): void {
    if (member === this) {
      throw invalid(this, 'members', member.node.path, 'a group cannot be a member of itself: remove it from its own members');
    }
    validateLink(this, 'members', this.organization, this.members, member);
    this.members.push(member);
  }

  /** Adds an alias (an address on a verified domain of the organization) to the group. */
  public addAlias(alias: string): void {
    this.addresses.add(alias);
  }
}
