/**
 * The email monitoring configuration (email event logging) as pure decisions. WorkMail keeps one
 * configuration per organization and PutEmailMonitoringConfiguration creates or replaces it, so
 * the organization id is the physical id and every change is an upsert.
 */
import { EmailMonitoringResourceProperties } from '../../private/email-monitoring-properties';
import { isOrganizationId } from '../organization/plan';
import { DeploymentError } from '../shared/errors';

export interface MonitoringSettings {
  readonly organizationId: string;
  readonly logGroupArn: string;
  readonly roleArn: string;
}

export type Operation =
  | { readonly kind: 'PutEmailMonitoringConfiguration'; readonly settings: MonitoringSettings }
  | { readonly kind: 'DeleteEmailMonitoringConfiguration'; readonly organizationId: string };

export function parseSettings(properties: EmailMonitoringResourceProperties): MonitoringSettings {
  return {
    organizationId: properties.OrganizationId,
    logGroupArn: properties.LogGroupArn,
    roleArn: properties.RoleArn,
  };
}

/**
 * WorkMail writes email events only to a log group in the organization's region ("create a log
 * group in the same AWS Region as your Amazon WorkMail organization"). Checked before any call,
 * so a refused change leaves the current configuration as it was.
 */
function checkRegion(settings: MonitoringSettings, region: string): void {
  const logGroupRegion = settings.logGroupArn.split(':')[3];
  if (logGroupRegion !== undefined && logGroupRegion !== '' && logGroupRegion !== region) {
    throw new DeploymentError(
      `Refusing to log email events of organization ${settings.organizationId} (${region}) to log group ${settings.logGroupArn}: `
      + `it is in ${logGroupRegion}, and WorkMail writes only to log groups in the organization's region. Use a log group in ${region}.`,
    );
  }
}

export function planCreate(settings: MonitoringSettings, region: string): Operation[] {
  checkRegion(settings, region);
  return [{ kind: 'PutEmailMonitoringConfiguration', settings }];
}

/**
 * Any change is applied in place by one Put, and so is an update without change (for example a
 * new ServiceToken): Put is idempotent, and restores a configuration changed outside
 * CloudFormation. A change of organization configures the new one; the new physical id then makes
 * CloudFormation delete the old organization's configuration.
 */
export function planUpdate(settings: MonitoringSettings, region: string): Operation[] {
  checkRegion(settings, region);
  return [{ kind: 'PutEmailMonitoringConfiguration', settings }];
}

/** A Create that failed leaves a physical id that is no organization id: nothing to delete. */
export function planDelete(physicalResourceId: string | undefined): Operation[] {
  return isOrganizationId(physicalResourceId)
    ? [{ kind: 'DeleteEmailMonitoringConfiguration', organizationId: physicalResourceId }]
    : [];
}
