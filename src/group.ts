import { Duration, Lazy, RemovalPolicy, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IMailEntity } from './mail-entity';
import { IOrganization } from './organization';
import { ResourceType } from './private/constants';
import { EntityAddresses } from './private/entity-addresses';
import { GroupResourceProperties } from './private/entity-properties';
import { ENTITY_ID, GROUP_NAME, invalid, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** A WorkMail group. */
export interface IGroup extends IMailEntity {
  /**
   * The group id, as WorkMail reports it.
   * @attribute
   */
  readonly groupId: string;
}

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
    return entity instanceof GroupBase;
  }

  public readonly groupId: string;
  public readonly entityId: string;
  /** The group name. */
  public readonly groupName: string;

  private readonly members: IMailEntity[] = [];
  private readonly addresses: EntityAddresses;

  constructor(scope: Construct, id: string, props: GroupProps) {
    super(scope, id);
    validateString(this, 'name', props.name, GROUP_NAME);
    this.addresses = new EntityAddresses(this, props.organization, props.email, true, props.aliases);
    (props.members ?? []).forEach((member) => this.addMember(member));

    const properties: GroupResourceProperties = {
      OrganizationId: props.organization.organizationId,
      Name: props.name,
      Members: Lazy.list({ produce: () => this.members.map((member) => member.entityId) }, { omitEmpty: true }),
      ...this.addresses.properties(props.hiddenFromGlobalAddressList, props.domainVerificationTimeout),
    };
    const resource = WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.GROUP,
      organization: props.organization,
      properties: properties as unknown as Record<string, unknown>,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.addresses.dependOnDomains(resource);
    this.groupId = resource.ref;
    this.entityId = this.groupId;
    this.groupName = props.name;
  }

  /** Adds a user or group to the group. */
  public addMember(member: IMailEntity): void {
    if (member === this) {
      throw invalid(this, 'members', member.node.path, 'a group cannot be a member of itself');
    }
    if (this.members.some((existing) => existing === member || existing.entityId === member.entityId)) {
      throw invalid(this, 'members', member.node.path, 'it is already a member: add each member once');
    }
    this.members.push(member);
  }

  /** Adds an alias (an address on a verified domain of the organization) to the group. */
  public addAlias(alias: string): void {
    this.addresses.add(alias);
  }
}
