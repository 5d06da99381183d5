/** An availability configuration as pure decisions: one per organization and external domain. */
import { AvailabilityConfigurationResourceProperties } from '../../private/entity-properties';

export interface AvailabilitySettings {
  readonly organizationId: string;
  /** Lower case: domain names compare case-insensitively. */
  readonly domainName: string;
  readonly ews?: {
    readonly endpoint: string;
    readonly username: string;
    readonly passwordSecretArn: string;
    readonly passwordSecretVersionId?: string;
  };
  readonly lambdaArn?: string;
}

export function parseAvailabilitySettings(properties: AvailabilityConfigurationResourceProperties): AvailabilitySettings {
  return {
    organizationId: properties.OrganizationId,
    domainName: properties.DomainName.toLowerCase(),
    ews: properties.EwsEndpoint
      ? {
        endpoint: properties.EwsEndpoint,
        username: properties.EwsUsername!,
        passwordSecretArn: properties.EwsPasswordSecretArn!,
        passwordSecretVersionId: properties.EwsPasswordSecretVersionId || undefined,
      }
      : undefined,
    lambdaArn: properties.LambdaArn || undefined,
  };
}

/** The organization and domain are the physical id: another domain is another configuration. */
export function physicalId(settings: AvailabilitySettings): string {
  return `${settings.organizationId}|${settings.domainName}`;
}

/**
 * Create or update. The same domain in the same organization updates in place (the provider
 * is replaced whole); anything else creates a new configuration, and CloudFormation then deletes
 * the old one.
 */
export function planWrite(settings: AvailabilitySettings, physicalResourceId: string | undefined): 'create' | 'update' {
  return physicalResourceId === physicalId(settings) ? 'update' : 'create';
}

/** Delete acts only on the configuration this resource made (not after a failed Create). */
export function planDelete(settings: AvailabilitySettings, physicalResourceId: string | undefined): boolean {
  return physicalResourceId === physicalId(settings);
}

/**
 * The organization tag (after `cdk-workmail:`) that names the resource which adopted the
 * configuration of a domain: written only on adoption (a configuration the resource created is
 * its own by its physical id), so that the Delete of a resource it moved away from leaves it.
 */
export function claimTag(settings: AvailabilitySettings): string {
  return `availability:${settings.domainName}`;
}
