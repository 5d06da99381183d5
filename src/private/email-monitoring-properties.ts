import { AdoptableResourceProperties } from './ownership-properties';

/** The properties of a `Custom::WorkMailEmailMonitoring` resource, as the construct writes them. */
export interface EmailMonitoringResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  /** The log group ARN ending in `:*`, as PutEmailMonitoringConfiguration requires. */
  readonly LogGroupArn: string;
  readonly RoleArn: string;
}
