/** `Custom::WorkMailOrganization`: creates, guards, tags and deletes a WorkMail organization. */
import { apply, describeOrganization, isTestDomainReady, listTags, Target } from './apply';
import {
  attributes,
  creationProgress,
  isDeleted,
  isOrganizationId,
  Operation,
  OrganizationSettings,
  parseSettings,
  planCreate,
  planDelete,
  planInitialTags,
  planUpdate,
} from './plan';
import { KMS_KEY_TAG } from '../../private/constants';
import { OrganizationResourceProperties } from '../../private/organization-properties';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { DeploymentError } from '../shared/errors';
import { clientToken } from '../shared/idempotency';

type Event = ResourceEvent<OrganizationResourceProperties>;

export const organizationHandler: ResourceHandler<OrganizationResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const settings = parseSettings(event.ResourceProperties);
    switch (event.RequestType) {
      case 'Create': {
        const organizationId = await runAll(planCreate(settings, clientToken(event)), settings, {});
        return { PhysicalResourceId: organizationId };
      }
      case 'Update': {
        const organization = await existing(event.PhysicalResourceId!);
        const target = { organizationId: organization.OrganizationId, organizationArn: organization.ARN };
        const tags = await listTags(organization.ARN!);
        const plan = planUpdate(parseSettings(event.OldResourceProperties!), settings, {
          alias: organization.Alias,
          directoryId: organization.DirectoryId,
          interoperabilityEnabled: organization.InteroperabilityEnabled ?? false,
          kmsKey: tags[KMS_KEY_TAG],
        });
        await runAll(plan, settings, target);
        return { PhysicalResourceId: event.PhysicalResourceId, Data: attributes(organization) };
      }
      case 'Delete':
        await runAll(planDelete(event.PhysicalResourceId, clientToken(event)), settings, {
          organizationId: event.PhysicalResourceId,
        });
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  async isComplete(event: IsCompleteEvent<OrganizationResourceProperties>): Promise<IsCompleteResult> {
    switch (event.RequestType) {
      case 'Create': {
        // Right after CreateOrganization, WorkMail may not know the new id yet: keep waiting.
        const organization = await describeOrganization(event.PhysicalResourceId);
        if (!organization || creationProgress(organization) === 'waiting' || !(await isTestDomainReady(organization))) {
          return { IsComplete: false };
        }
        const settings = parseSettings(event.ResourceProperties);
        await runAll(planInitialTags(settings), settings, { organizationArn: organization.ARN });
        return { IsComplete: true, Data: attributes(organization) };
      }
      case 'Update':
        return { IsComplete: true };
      case 'Delete':
        // Never report success while WorkMail still has the organization.
        return {
          IsComplete: !isOrganizationId(event.PhysicalResourceId)
            || isDeleted(await describeOrganization(event.PhysicalResourceId)),
        };
    }
  },
};

async function existing(organizationId: string) {
  const organization = await describeOrganization(organizationId);
  if (!organization) {
    throw new DeploymentError(
      `WorkMail organization ${organizationId} no longer exists in this account and region: `
      + 'it was deleted outside CloudFormation. Remove the Organization construct (or import a replacement) and deploy again.',
    );
  }
  return organization;
}

/** Runs a plan in order; returns the organization id if the plan created one. */
async function runAll(plan: Operation[], settings: OrganizationSettings, target: Target): Promise<string | undefined> {
  let created: string | undefined;
  for (const operation of plan) {
    created = (await apply(operation, settings, target)) ?? created;
  }
  return created;
}
