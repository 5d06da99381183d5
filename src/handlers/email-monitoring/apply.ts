/** Runs the email monitoring plan against WorkMail. */
import {
  DeleteEmailMonitoringConfigurationCommand,
  DescribeEmailMonitoringConfigurationCommand,
  PutEmailMonitoringConfigurationCommand,
} from '@aws-sdk/client-workmail';
import { Configuration, Operation } from './plan';
import { workMailClient } from '../shared/clients';
import { deleting, DeploymentError, isServiceError } from '../shared/errors';

export async function apply(operation: Operation): Promise<void> {
  switch (operation.kind) {
    case 'PutEmailMonitoringConfiguration': {
      const { organizationId, logGroupArn, roleArn } = operation.settings;
      try {
        await workMailClient().send(new PutEmailMonitoringConfigurationCommand({
          OrganizationId: organizationId,
          LogGroupArn: logGroupArn,
          RoleArn: roleArn,
        }));
      } catch (error) {
        if (isServiceError(error, 'ResourceNotFoundException')) {
          throw new DeploymentError(
            `WorkMail cannot find log group ${logGroupArn} or role ${roleArn} for the email events of organization ${organizationId}: `
            + `${(error as Error).message}. Both must exist in the organization's account and region; if they were deleted outside CloudFormation, recreate them.`,
          );
        }
        throw error;
      }
      return;
    }
    case 'DeleteEmailMonitoringConfiguration':
      // An organization that is gone has no configuration left to remove.
      await deleting(() => workMailClient().send(new DeleteEmailMonitoringConfigurationCommand({ OrganizationId: operation.organizationId })));
      return;
  }
}

/** The organization's configuration; undefined when it has none. */
export async function currentConfiguration(organizationId: string): Promise<Configuration | undefined> {
  try {
    const { RoleArn, LogGroupArn } = await workMailClient().send(new DescribeEmailMonitoringConfigurationCommand({ OrganizationId: organizationId }));
    return RoleArn && LogGroupArn ? { roleArn: RoleArn, logGroupArn: LogGroupArn } : undefined;
  } catch (error) {
    if (isServiceError(error, 'ResourceNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}
