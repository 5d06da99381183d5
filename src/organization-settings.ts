import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IOrganization } from './interfaces';
import { OrganizationContext } from './organization-context';
import { ResourceType } from './private/constants';
import { adoption } from './private/ownership';
import { InboundDmarcResourceProperties } from './private/settings-properties';
import { WorkMailProvider } from './provider/workmail-provider';

/** Properties of an {@link InboundDmarc}. */
export interface InboundDmarcProps {
  /** The organization whose inbound mail the setting applies to. */
  readonly organization: IOrganization;

  /**
   * Whether WorkMail enforces the DMARC policy of the sender's domain on inbound mail. Turning it
   * on may drop or quarantine mail from senders whose domains are misconfigured (Administrator
   * Guide, "Enforcing DMARC policies on incoming email").
   */
  readonly enforced: boolean;

  /**
   * Take over the setting the organization already has (set in the console). Without it, a
   * deployment that finds a setting this stack did not write fails and says so. An adopted
   * setting is left as the stack last wrote it when the construct leaves the stack, unless
   * `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * What happens when the construct leaves the stack: DESTROY puts back what was found before,
   * RETAIN leaves the stack's setting in place.
   *
   * @default - RemovalPolicy.DESTROY, or RETAIN with `adoptExisting`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Whether WorkMail applies the sender domain's DMARC policy to inbound mail
 * (`Custom::WorkMailInboundDmarcSettings`, PutInboundDmarcSettings), for an imported organization
 * or through the `dmarcEnforcement` prop of an `Organization`. One per organization.
 */
export class InboundDmarc extends Construct {
  constructor(scope: Construct, id: string, props: InboundDmarcProps) {
    super(scope, id);
    OrganizationContext.of(props.organization).claimSetting(this, 'inbound DMARC setting', 'enforcement',
      'two constructs would overwrite each other: keep one InboundDmarc (or the organization\'s dmarcEnforcement prop) per organization');
    const ownership = adoption(this, props, RemovalPolicy.DESTROY);
    WorkMailProvider.of(this).createResource<InboundDmarcResourceProperties>(this, {
      resourceType: ResourceType.INBOUND_DMARC_SETTINGS,
      organization: props.organization,
      properties: {
        OrganizationId: props.organization.organizationId,
        Enforced: props.enforced.toString(),
        ...ownership.properties,
      },
      removalPolicy: ownership.removalPolicy,
    });
  }
}
