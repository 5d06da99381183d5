/** `Custom::WorkMailImpersonationRole`: creates, updates in place and deletes an impersonation role. */
import { createRole, deleteRole, getRole, updateRole } from './apply';
import { claimTag, holdsRequest, roleRequest } from './plan';
import { ImpersonationRoleResourceProperties, rulePhysicalId } from '../../private/rule-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { logOperation } from '../shared/log';
import { adoptsExisting, claim, ownerOf, stillOwned } from '../shared/ownership';
import { adoptedId, assignedIdOf, completed, planCreateOrUpdate } from '../shared/rules';

type Event = ResourceEvent<ImpersonationRoleResourceProperties>;

export const impersonationRoleHandler: ResourceHandler<ImpersonationRoleResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const request = roleRequest(event.ResourceProperties);
    switch (event.RequestType) {
      case 'Create':
      case 'Update': {
        const properties = event.ResourceProperties;
        const adoptId = adoptedId(adoptsExisting(properties), properties.ImpersonationRoleId, 'ImpersonationRole', 'impersonationRoleId');
        const plan = planCreateOrUpdate(event.RequestType, event.PhysicalResourceId, request.OrganizationId, adoptId);
        let impersonationRoleId: string;
        if (plan.kind === 'Create') {
          // The token is the same for every delivery of this request: WorkMail creates one role.
          impersonationRoleId = await createRole(request, clientToken(event));
          // Claimed, so that a moved construct's new resource records where it came from.
          await claim(plan.organizationId, claimTag(impersonationRoleId), ownerOf(event), 'impersonation role');
        } else {
          impersonationRoleId = plan.id;
          const live = plan.adopted ? await getRole(plan.organizationId, plan.id) : undefined;
          if (plan.adopted) {
            await claim(plan.organizationId, claimTag(plan.id), ownerOf(event), 'impersonation role');
          }
          if (live !== undefined && holdsRequest(request, live)) {
            // Adopted as it is: nothing to write.
            logOperation('workmail', 'UpdateImpersonationRole', 'skipped: the role holds the properties already');
          } else {
            await updateRole(request, impersonationRoleId);
          }
        }
        return {
          PhysicalResourceId: rulePhysicalId(request.OrganizationId, impersonationRoleId),
          Data: { ImpersonationRoleId: impersonationRoleId },
        };
      }
      case 'Delete': {
        const role = assignedIdOf(event.PhysicalResourceId);
        if (role) {
          await deleting(async () => {
            if (await stillOwned(role.organizationId, claimTag(role.id), event, 'DeleteImpersonationRole')) {
              await deleteRole(role.organizationId, role.id);
            }
          });
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};
