/** The properties of a `Custom::WorkMailEmailMonitoring` resource, as the construct writes them. */
export interface EmailMonitoringResourceProperties {
  readonly OrganizationId: string;
  /** The log group ARN ending in `:*`, as PutEmailMonitoringConfiguration requires. */
  readonly LogGroupArn: string;
  readonly RoleArn: string;
}
