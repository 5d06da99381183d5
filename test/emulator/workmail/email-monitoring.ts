import { operation, OperationTable, ServiceError } from '../operation';
import { requireActiveOrganization } from './lookup';

interface OrganizationInput {
  readonly OrganizationId: string;
}

interface PutEmailMonitoringConfigurationInput extends OrganizationInput {
  readonly LogGroupArn: string;
  readonly RoleArn?: string;
}

/**
 * Email event logging: one configuration per organization, created or replaced by Put
 * ("Creates or updates"). The log group and role must exist (ResourceNotFoundException), which
 * also refuses a log group in another region or account: the emulator knows none there.
 */
export const emailMonitoringOperations: OperationTable = {
  PutEmailMonitoringConfiguration: operation<PutEmailMonitoringConfigurationInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    if (!ctx.state.logGroupArns.has(input.LogGroupArn)) {
      throw new ServiceError('ResourceNotFoundException', `Log group ${input.LogGroupArn} does not exist.`);
    }
    if (input.RoleArn !== undefined && !ctx.state.roleArns.has(input.RoleArn)) {
      throw new ServiceError('ResourceNotFoundException', `Role ${input.RoleArn} does not exist.`);
    }
    organization.emailMonitoring = { logGroupArn: input.LogGroupArn, roleArn: input.RoleArn };
    return {};
  }),

  DescribeEmailMonitoringConfiguration: operation<OrganizationInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    if (organization.emailMonitoring === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Organization ${input.OrganizationId} has no email monitoring configuration.`);
    }
    return { LogGroupArn: organization.emailMonitoring.logGroupArn, RoleArn: organization.emailMonitoring.roleArn };
  }),

  DeleteEmailMonitoringConfiguration: operation<OrganizationInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    organization.emailMonitoring = undefined;
    return {};
  }),
};
