/** The CloudFormation lifecycle users and groups share: converge registration, delete in order. */
import { applyRegistrationStep, deleteEntity, deregister, describeEntity, listAliases } from './apply';
import { ActualEntity, EntityKind, isEntityId, planDeletion, planRegistration, RegistrationSettings } from './plan';
import { ActualResource } from '../resource/plan';
import { IsCompleteEvent } from '../shared/cfn';
import { DeploymentError, isServiceError } from '../shared/errors';
import { ActualUser } from '../user/plan';

/**
 * `Data` key of the time (epoch ms) until which registration waits for a domain to be
 * verified. onEvent sets it, isComplete reads it back; it says nothing about the entity.
 */
const DEADLINE = 'DomainVerificationDeadline';

export function deadlineData(settings: RegistrationSettings, now = Date.now()): Record<string, string> {
  return { [DEADLINE]: String(now + settings.domainVerificationTimeoutSeconds * 1000) };
}

export function deadlineOf(event: IsCompleteEvent<unknown>): number {
  return Number(event.Data?.[DEADLINE] ?? 0);
}

/** The entity an Update or isComplete acts on; gone means deleted outside CloudFormation. */
export async function existingEntity(kind: 'user', organizationId: string, entityId: string): Promise<ActualUser>;
export async function existingEntity(kind: 'resource', organizationId: string, entityId: string): Promise<ActualResource>;
export async function existingEntity(kind: EntityKind, organizationId: string, entityId: string): Promise<ActualEntity>;
export async function existingEntity(kind: EntityKind, organizationId: string, entityId: string): Promise<ActualEntity> {
  const actual = await describeEntity(kind, organizationId, entityId);
  if (actual === undefined || actual.state === 'DELETED') {
    throw new DeploymentError(
      `WorkMail ${kind} ${entityId} no longer exists in organization ${organizationId}: it was deleted outside CloudFormation. `
      + `Remove its construct from the stack and deploy, then add it again to create a new ${kind}.`,
    );
  }
  return actual;
}

/**
 * Brings registration and aliases to the properties, one step after another. False while the
 * address's domain is still being verified: isComplete is then called again.
 */
export async function converge(
  kind: EntityKind,
  settings: RegistrationSettings,
  previousAliases: readonly string[],
  entityId: string,
  deadline: number,
): Promise<boolean> {
  const actual = await existingEntity(kind, settings.organizationId, entityId);
  const aliases = actual.state === 'ENABLED' ? await listAliases(settings.organizationId, entityId) : [];
  for (const step of planRegistration(settings, previousAliases, actual, aliases)) {
    if (await applyRegistrationStep(step, settings, entityId, deadline) === 'wait') {
      return false;
    }
  }
  return true;
}

/**
 * One phase of a Delete. onEvent deregisters; isComplete waits until WorkMail reports the
 * entity disabled, then deletes it. True once the entity is gone. A physical id that is not an
 * entity id (a failed Create) and an organization that is already gone need nothing.
 */
export async function deletionPhase(
  phase: 'onEvent' | 'isComplete',
  kind: EntityKind,
  organizationId: string,
  physicalResourceId: string | undefined,
): Promise<boolean> {
  if (!isEntityId(physicalResourceId)) {
    return true;
  }
  try {
    switch (planDeletion(phase, await describeEntity(kind, organizationId, physicalResourceId))) {
      case 'done':
        return true;
      case 'wait':
        return false;
      case 'deregister':
        await deregister(organizationId, physicalResourceId);
        return false;
      case 'delete':
        await deleteEntity(kind, organizationId, physicalResourceId);
        return true;
    }
  } catch (error) {
    if (isServiceError(error, 'OrganizationNotFoundException')) {
      return true;
    }
    throw error;
  }
}
