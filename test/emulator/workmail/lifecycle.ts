/**
 * Organization lifecycles. Creation and deletion are asynchronous in WorkMail; the emulator makes
 * them progress only when someone polls: each DescribeOrganization reports the current state and
 * then moves the organization one step along its path, as if the service had worked between polls.
 */
import type { EmulatorContext, Organization, OrganizationState } from '../state';
import { registerMailDomain } from './mail-domains';

/**
 * The states a new organization goes through: `Requested`, then `Creating` until
 * `creationSteps` Describe calls have seen it, then `Active`, or `Failed` for aliases set to fail.
 */
export function creationPath(ctx: EmulatorContext, alias: string): OrganizationState[] {
  const { creationSteps, creationFailures } = ctx.state;
  const final: OrganizationState = creationFailures.has(alias.toLowerCase()) ? 'Failed' : 'Active';
  const steps: OrganizationState[] = Array.from({ length: creationSteps }, (_, i) => (i === 0 ? 'Requested' : 'Creating'));
  return [...steps, final];
}

/** Puts the organization in `state`, with the side effects of reaching it. */
export function enterState(ctx: EmulatorContext, organization: Organization, state: OrganizationState): void {
  organization.state = state;
  switch (state) {
    case 'Active':
      organization.completedDate = new Date();
      registerMailDomain(organization, ctx.region, organization.defaultMailDomain, { isTestDomain: true, verification: 'VERIFIED' });
      for (const domainName of organization.requestedDomains) {
        registerMailDomain(organization, ctx.region, domainName, { isTestDomain: false, verification: 'PENDING' });
      }
      return;
    case 'Failed':
      organization.errorMessage = ctx.state.creationFailures.get(organization.alias.toLowerCase());
      return;
    default:
      return;
  }
}

/** Called after each DescribeOrganization has answered. */
export function advance(ctx: EmulatorContext, organization: Organization): void {
  if (organization.state === 'Deleted') {
    // A deleted organization is reported once, then forgotten.
    organization.purged = true;
    return;
  }
  const next = organization.pendingStates.shift();
  if (next !== undefined) {
    enterState(ctx, organization, next);
  }
}

/** DeleteOrganization accepted: one more Describe sees `Deleting`, the next sees `Deleted`. */
export function startDeletion(ctx: EmulatorContext, organization: Organization): void {
  enterState(ctx, organization, 'Deleting');
  organization.pendingStates = ['Deleted'];
}
