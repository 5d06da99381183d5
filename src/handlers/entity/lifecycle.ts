/** The CloudFormation lifecycle users and groups share: converge registration, delete in order. */
import { applyRegistrationStep, deleteEntity, deregister, describeEntity, listAliases } from './apply';
import { ActualEntity, EntityKind, isEntityId, keepsRegistration, planDeletion, planRegistration, RegistrationSettings } from './plan';
import { EntityResourceProperties } from '../../private/entity-properties';
import { REMOVAL_POLICY_DESTROY } from '../../private/ownership-properties';
import { ActualResource } from '../resource/plan';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent } from '../shared/cfn';
import { deleting, DeploymentError, isServiceError } from '../shared/errors';
import { claim, ownerOf, readOwnerTag, stillOwned } from '../shared/ownership';
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
 * address's domain is still being verified: isComplete is then called again. `described` is the
 * entity as this invocation has just read it, when it has: registration changes nothing else
 * (under a burst, every read counts against WorkMail's request rate).
 */
export async function converge(
  kind: EntityKind,
  settings: RegistrationSettings,
  previousAliases: readonly string[],
  entityId: string,
  deadline: number,
  adopt = false,
  described?: ActualEntity,
): Promise<boolean> {
  const actual = described ?? await existingEntity(kind, settings.organizationId, entityId);
  if (keepsRegistration(settings, adopt)) {
    return true;
  }
  const aliases = actual.state === 'ENABLED' ? await listAliases(settings.organizationId, entityId) : [];
  for (const step of planRegistration(settings, previousAliases, actual, aliases)) {
    if (await applyRegistrationStep(step, settings, entityId, deadline) === 'wait') {
      return false;
    }
  }
  return true;
}

/** `Data` key by which a Delete's onEvent tells isComplete that the entity stays (it belongs to another resource now). */
const LEFT_ALONE = 'EntityLeftAlone';

/** onEvent of a Delete: deregisters the entity, unless another resource claimed it since. */
export async function startDeletion(kind: EntityKind, organizationId: string, event: ResourceEvent<unknown>): Promise<OnEventResult> {
  const entityId = event.PhysicalResourceId;
  let mine = true;
  // A deleted organization took the entity along: deletionPhase finds nothing to do.
  await deleting(async () => {
    mine = !isEntityId(entityId) || await stillOwned(organizationId, claimTag(entityId), event, 'DeregisterFromWorkMail');
  });
  if (!mine) {
    return { PhysicalResourceId: entityId, Data: { [LEFT_ALONE]: 'true' } };
  }
  await deletionPhase('onEvent', kind, organizationId, entityId);
  return { PhysicalResourceId: entityId };
}

/** isComplete of a Delete: true once the entity is gone, or left to its new owner. */
export async function finishDeletion(kind: EntityKind, organizationId: string, event: IsCompleteEvent<unknown>): Promise<IsCompleteResult> {
  return { IsComplete: event.Data?.[LEFT_ALONE] === 'true' || await deletionPhase('isComplete', kind, organizationId, event.PhysicalResourceId) };
}

/**
 * One phase of a Delete. onEvent deregisters; isComplete waits until WorkMail reports the
 * entity disabled, then deletes it. True once the entity is gone. A physical id that is not an
 * entity id (a failed Create) and an organization that is already gone need nothing.
 */
async function deletionPhase(
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

/** The organization tag (after `cdk-workmail:`) that names the owner of an entity a Delete may remove. */
const claimTag = (entityId: string) => `entity:${entityId}`;

/**
 * Records the resource as the owner of the entity, when it matters: the resource may delete it
 * (removal policy DESTROY), or it takes over an entity another resource claimed (the construct
 * moved to a new logical id).
 */
export async function claimEntity(
  properties: EntityResourceProperties,
  event: ResourceEvent<unknown>,
  entityId: string,
  adopted: boolean,
): Promise<void> {
  const organizationId = properties.OrganizationId;
  const destroys = properties.RemovalPolicy === REMOVAL_POLICY_DESTROY;
  const known = adopted ? { found: await readOwnerTag(organizationId, claimTag(entityId)) } : undefined;
  if (!destroys && known?.found === undefined) {
    return;
  }
  await claim(organizationId, claimTag(entityId), ownerOf(event), 'entity', known);
}
