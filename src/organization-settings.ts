import { Construct } from 'constructs';
import type { IOrganization } from './organization';
import { ResourceType } from './private/constants';
import { InboundDmarcResourceProperties } from './private/settings-properties';
import { WorkMailProvider } from './provider/workmail-provider';
import { RetentionPolicy, RetentionPolicyOptions } from './retention-policy';

/** The organization-wide settings an {@link Organization} takes as props. */
export interface OrganizationSettingsProps {
  readonly retentionPolicy?: RetentionPolicyOptions;
  readonly dmarcEnforcement?: boolean;
}

/** Creates the settings resources of an organization built in this stack. */
export function configureOrganizationSettings(organization: IOrganization & Construct, props: OrganizationSettingsProps): void {
  if (props.retentionPolicy) {
    new RetentionPolicy(organization, 'RetentionPolicy', { organization, ...props.retentionPolicy });
  }
  if (props.dmarcEnforcement !== undefined) {
    new InboundDmarcSettings(organization, 'InboundDmarc', { organization, enforced: props.dmarcEnforcement });
  }
}

interface InboundDmarcSettingsProps {
  readonly organization: IOrganization;
  readonly enforced: boolean;
}

/**
 * `Custom::WorkMailInboundDmarcSettings`: whether WorkMail applies the sender domain's DMARC
 * policy to inbound mail. Deleting it turns enforcement back on, WorkMail's default for new
 * organizations.
 */
class InboundDmarcSettings extends Construct {
  constructor(scope: Construct, id: string, props: InboundDmarcSettingsProps) {
    super(scope, id);
    const properties: InboundDmarcResourceProperties = {
      OrganizationId: props.organization.organizationId,
      Enforced: props.enforced.toString(),
    };
    WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.INBOUND_DMARC_SETTINGS,
      organization: props.organization,
      properties: { ...properties },
    });
  }
}
