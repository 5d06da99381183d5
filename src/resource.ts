import { Duration, Lazy, RemovalPolicy, Resource as CdkResource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IOrganization, IResource } from './interfaces';
import { IMailEntity } from './mail-entity';
import { OrganizationContext } from './organization-context';
import { ResourceType } from './private/constants';
import { validateLink } from './private/entities';
import { EntityAddresses } from './private/entity-addresses';
import { ResourceResourceProperties } from './private/entity-properties';
import { adoption, removalProperties } from './private/ownership';
import { invalid, RESOURCE_DESCRIPTION, RESOURCE_ID, RESOURCE_NAME, validateEnum, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** What a resource is. */
export enum ResourceKind {
  /** A meeting room. */
  ROOM = 'ROOM',
  /** A piece of equipment, such as a projector. */
  EQUIPMENT = 'EQUIPMENT',
}

/** How a resource answers booking requests. Options left unset keep WorkMail's current setting. */
export interface BookingOptions {
  /**
   * Accept requests automatically. Without it, `delegates` must handle every request.
   * @default - unchanged (WorkMail accepts automatically for a new resource)
   */
  readonly autoAcceptRequests?: boolean;
  /**
   * Decline recurring requests automatically.
   * @default - unchanged
   */
  readonly autoDeclineRecurringRequests?: boolean;
  /**
   * Decline requests that conflict with an existing booking automatically.
   * @default - unchanged
   */
  readonly autoDeclineConflictingRequests?: boolean;
}

/** Properties of a {@link Resource}. */
export interface ResourceProps {
  /** The organization the resource belongs to. */
  readonly organization: IOrganization;

  /** The resource name: 1-20 letters, digits, `_`, `-` or `.`. Can be changed in place. */
  readonly name: string;

  /** ROOM or EQUIPMENT. */
  readonly kind: ResourceKind;

  /**
   * The resource's email address, on a verified domain of the organization; people book the
   * resource by inviting it. The resource is registered to WorkMail (enabled) with it.
   *
   * @default - none: only for a resource with `enabled: false`
   */
  readonly email?: string;

  /**
   * Whether the resource is enabled: registered to WorkMail with `email` (RegisterToWorkMail),
   * so it can be booked. `false` disables it (DeregisterFromWorkMail, the console's **Disable**),
   * for example while a room is remodeled; WorkMail keeps a disabled resource for 30 days, and
   * enabling it again gives it `email` back. A disabled resource takes no aliases.
   *
   * An adopted resource (`adoptExisting`) keeps the state it has unless this prop is set:
   * enabled, it gets `email` and the aliases; disabled, it stays disabled.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * More addresses of the resource (at most 100).
   * @default - none
   */
  readonly aliases?: string[];

  /**
   * A description, 1-64 characters.
   * @default - none
   */
  readonly description?: string;

  /**
   * How the resource answers booking requests.
   * @default - WorkMail's defaults for a new resource
   */
  readonly bookingOptions?: BookingOptions;

  /**
   * Users and groups that receive every booking request and handle those not accepted
   * automatically. Delegates added outside the stack are left alone.
   * @default - none
   */
  readonly delegates?: IMailEntity[];

  /**
   * Hide the resource from the global address list.
   * @default false
   */
  readonly hiddenFromGlobalAddressList?: boolean;

  /**
   * How long registration waits for the address's domain to be verified. At most 50 minutes.
   * @default Duration.minutes(30)
   */
  readonly domainVerificationTimeout?: Duration;

  /**
   * What happens to the resource when it leaves the stack. With DESTROY it is deregistered,
   * then deleted (with its calendar).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Take over a resource of this name that already exists in the organization. Without it, a
   * deployment that finds one fails and names the two ways on (this prop, or `Resource.fromResourceId`).
   * Adoption changes only what these props name; the adopted resource is retained when it
   * leaves the stack unless `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/**
 * A bookable room or piece of equipment (`Custom::WorkMailResource`).
 *
 * Created, then registered with its email address once the domain is verified (unless
 * `enabled` is false). Name, kind, description, booking options, delegates, address, aliases and
 * the enabled state change in place. Retained by default.
 */
export class Resource extends CdkResource implements IResource {
  /** Imports an existing resource by id (`r-` followed by 32 hexadecimal digits). */
  public static fromResourceId(scope: Construct, id: string, resourceId: string): IResource {
    class Import extends CdkResource implements IResource {
      public readonly resourceId = resourceId;
      public readonly entityId = resourceId;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'resourceId', resourceId, RESOURCE_ID);
    return imported;
  }

  public readonly resourceId: string;
  public readonly entityId: string;
  /** The organization the resource belongs to. */
  public readonly organization: IOrganization;

  private readonly delegates: IMailEntity[] = [];
  private readonly addresses: EntityAddresses;

  constructor(scope: Construct, id: string, props: ResourceProps) {
    super(scope, id);
    validateString(this, 'name', props.name, RESOURCE_NAME);
    validateString(this, 'description', props.description, RESOURCE_DESCRIPTION);
    validateEnum(this, 'kind', props.kind, ResourceKind, 'ResourceKind');
    this.organization = props.organization;
    validateEnabled(this, props);
    OrganizationContext.of(props.organization).claimName(this, props.name);
    this.addresses = new EntityAddresses(this, {
      organization: props.organization, email: props.email, enabled: props.enabled ?? true, aliases: props.aliases,
    });
    const ownership = adoption(this, props, RemovalPolicy.RETAIN);
    (props.delegates ?? []).forEach((delegate) => this.addDelegate(delegate));
    const options = props.bookingOptions ?? {};
    this.node.addValidation({
      validate: () => options.autoAcceptRequests === false && this.delegates.length === 0
        ? ['a resource that does not accept requests automatically needs at least one delegate to handle them: add delegates, or set autoAcceptRequests to true']
        : [],
    });

    const properties: ResourceResourceProperties = {
      OrganizationId: props.organization.organizationId,
      Name: props.name,
      Type: props.kind,
      Description: props.description,
      // Written only when set: without it an adopted resource keeps its state.
      Enabled: props.enabled?.toString(),
      BookingOptions: props.bookingOptions && {
        AutoAcceptRequests: options.autoAcceptRequests?.toString(),
        AutoDeclineRecurringRequests: options.autoDeclineRecurringRequests?.toString(),
        AutoDeclineConflictingRequests: options.autoDeclineConflictingRequests?.toString(),
      },
      Delegates: Lazy.list({ produce: () => this.delegates.map((delegate) => delegate.entityId) }, { omitEmpty: true }),
      ...this.addresses.properties(props.hiddenFromGlobalAddressList, props.domainVerificationTimeout),
      ...ownership.properties,
      ...removalProperties(ownership.removalPolicy),
    };
    const resource = WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.RESOURCE,
      organization: props.organization,
      properties,
      removalPolicy: ownership.removalPolicy,
    });
    this.addresses.dependOnDomains(resource);
    this.resourceId = resource.ref;
    this.entityId = this.resourceId;
  }

  /** Adds a user or group that handles this resource's booking requests. */
  public addDelegate(entity: IMailEntity): void {
    validateLink(this, 'delegates', this.organization, this.delegates, entity);
    this.delegates.push(entity);
  }

  /** Adds an alias (an address on a verified domain of the organization) to the resource. */
  public addAlias(alias: string): void {
    this.addresses.add(alias);
  }
}

/**
 * A resource is enabled by registering it with an address (RegisterToWorkMail takes one), so an
 * enabled resource needs `email`.
 */
function validateEnabled(scope: Resource, props: ResourceProps): void {
  if (props.enabled !== undefined && typeof props.enabled !== 'boolean') {
    throw invalid(scope, 'enabled', props.enabled, 'it must be true or false');
  }
  if (props.enabled !== false && props.email === undefined) {
    throw invalid(scope, 'email', props.email,
      'an enabled resource is registered to WorkMail with an email address: pass email, or set enabled: false to keep the resource disabled');
  }
}
