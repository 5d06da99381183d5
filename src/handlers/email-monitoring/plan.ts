/**
 * The email monitoring configuration (email event logging) as pure decisions. WorkMail keeps one
 * configuration per organization and PutEmailMonitoringConfiguration creates or replaces it, so
 * the organization id is the physical id and every change is an upsert. The configuration keeps
 * nothing that could name its owner: the resource records itself and the configuration it found
 * in the organization tag `cdk-workmail:email-monitoring` (`<owner id> none` or
 * `<owner id> <role ARN> <log group ARN>`) before it first writes, and Delete puts that back.
 */
import { EmailMonitoringResourceProperties } from '../../private/email-monitoring-properties';
import { isOrganizationId } from '../organization/plan';
import { DeploymentError } from '../shared/errors';
import { LeftAlone, ownership, OwnerTag, takeOver } from '../shared/ownership';

/** The organization tag (after `cdk-workmail:`) that records the owner and what it found. */
export const RECORD_TAG = 'email-monitoring';

/** A configuration as DescribeEmailMonitoringConfiguration reports it. */
export interface Configuration {
  readonly roleArn: string;
  readonly logGroupArn: string;
}

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

/** A Create puts the configuration, unless the organization has exactly it already (adopted as it is). */
export function planCreate(settings: MonitoringSettings, region: string, current?: Configuration): Operation[] {
  checkRegion(settings, region);
  return holds(current, settings) ? [] : [{ kind: 'PutEmailMonitoringConfiguration', settings }];
}

function holds(current: Configuration | undefined, settings: Configuration): boolean {
  return current !== undefined && current.roleArn === settings.roleArn && current.logGroupArn === settings.logGroupArn;
}

/**
 * The record a Create (or a move to another organization) writes before it puts the
 * configuration, or 'refuse'. Its own record (a redelivery) and the stack's (a construct moved
 * to a new logical id) keep what was first found. Without `adopt`, a configuration made outside,
 * or another stack's record, is refused.
 */
export function planRecord(record: OwnerTag | undefined, owner: string, current: Configuration | undefined, adopt: boolean): OwnerTag | 'refuse' {
  const found = ownership(record?.owner, owner);
  if (found === 'mine' || found === 'stack' || (found === 'other' && adopt)) {
    return takeOver(record, owner, record!.payload);
  }
  if (found === 'other' || (current !== undefined && !adopt)) {
    return 'refuse';
  }
  return { owner, payload: current === undefined ? 'none' : `${current.roleArn} ${current.logGroupArn}` };
}

/**
 * What a Delete puts back: the recorded configuration (or none), while the organization still
 * has the one the resource wrote (nothing when that is the one recorded). A resource of an older version has no record: it turns email
 * event logging off, as it did.
 */
export function planRestore(
  record: OwnerTag | undefined,
  owner: string,
  settings: MonitoringSettings,
  current: Configuration | undefined,
): Operation[] | LeftAlone {
  const found = ownership(record?.owner, owner);
  if (found === 'stack' || found === 'other') {
    return found;
  }
  if (current === undefined) {
    return 'gone';
  }
  if (!holds(current, settings)) {
    return 'changed';
  }
  const [roleArn, logGroupArn] = found === 'mine' && record!.payload !== 'none' ? record!.payload.split(' ') : [];
  if (holds(current, { roleArn, logGroupArn })) {
    // Adopted as it was and never changed: nothing to put back.
    return [];
  }
  return roleArn === undefined
    ? [{ kind: 'DeleteEmailMonitoringConfiguration', organizationId: settings.organizationId }]
    : [{ kind: 'PutEmailMonitoringConfiguration', settings: { organizationId: settings.organizationId, roleArn, logGroupArn } }];
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
