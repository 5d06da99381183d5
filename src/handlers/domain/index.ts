/**
 * `Custom::WorkMailDomain` registers a mail domain and reports the DNS records WorkMail asks for;
 * `Custom::WorkMailDomainVerification` waits until the published records verify, then makes the
 * domain the default if asked. They are two resources because the records, created natively in
 * Route 53 from the first one's attributes, must exist between the two.
 */
import { getMailDomain, mailFromDomain, runAll, Target, testDomain } from './apply';
import {
  claimTag,
  decideVerification,
  isOwnPhysicalId,
  parseDomainSettings,
  parseVerificationSettings,
  planCreate,
  planDelete,
  planUpdate,
  recordAttributes,
  RECORDS_TIMEOUT_SECONDS,
  statusAttributes,
} from './plan';
import { DomainResourceProperties, DomainVerificationResourceProperties } from '../../private/domain-properties';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { DeploymentError } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { adoptsExisting, claim, ownerOf, ownership, readOwnerTag, stillOwned } from '../shared/ownership';

/** `Data` key by which a Delete's onEvent tells isComplete that the domain stays with its new owner. */
const LEFT_ALONE = 'DomainLeftAlone';

/** isComplete learns when onEvent ran from this `Data` entry, to bound its waits. */
const STARTED_AT = 'StartedAt';

function started(): Record<string, string> {
  return { [STARTED_AT]: String(Date.now()) };
}

function elapsedSeconds(event: IsCompleteEvent<unknown>): number {
  const startedAt = Number(event.Data?.[STARTED_AT] ?? Date.now());
  return (Date.now() - startedAt) / 1000;
}

export const domainHandler: ResourceHandler<DomainResourceProperties> = {
  async onEvent(event: ResourceEvent<DomainResourceProperties>): Promise<OnEventResult> {
    const settings = parseDomainSettings(event.ResourceProperties);
    const target: Target = settings;
    switch (event.RequestType) {
      case 'Create': {
        const owner = ownerOf(event);
        const tag = claimTag(settings.domainName);
        const known = (await getMailDomain(target)) === undefined ? undefined : { found: await readOwnerTag(settings.organizationId, tag) };
        const registered = known && ownership(known.found?.owner, owner);
        const operations = planCreate(settings, clientToken(event), registered, adoptsExisting(event.ResourceProperties));
        // Claimed before it is registered: a redelivery finds its own claim.
        await claim(settings.organizationId, tag, owner, 'domain', known);
        await runAll(operations, target);
        return { PhysicalResourceId: settings.domainName, Data: started() };
      }
      case 'Update': {
        const oldSettings = parseDomainSettings(event.OldResourceProperties!);
        // The rollback of a refused move goes back to the organization WorkMail has the domain in.
        const registered = oldSettings.organizationId !== settings.organizationId && (await getMailDomain(target)) !== undefined;
        await runAll(planUpdate(oldSettings, settings, event.PhysicalResourceId!, registered), target);
        return { PhysicalResourceId: event.PhysicalResourceId, Data: started() };
      }
      case 'Delete': {
        if (isOwnPhysicalId(event.PhysicalResourceId, settings)) {
          const domain = await getMailDomain(target);
          if (domain !== undefined) {
            if (!await stillOwned(settings.organizationId, claimTag(settings.domainName), event, 'DeregisterMailDomain')) {
              return { PhysicalResourceId: event.PhysicalResourceId, Data: { [LEFT_ALONE]: 'true' } };
            }
            // SES is asked only when the stack set a MAIL FROM domain (the role has no SES read otherwise).
            const actual = {
              isDefault: domain.IsDefault === true,
              mailFromDomain: settings.mailFromDomain ? await mailFromDomain(settings.domainName) : undefined,
            };
            await runAll(planDelete(settings, actual), target);
          }
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },

  async isComplete(event: IsCompleteEvent<DomainResourceProperties>): Promise<IsCompleteResult> {
    const settings = parseDomainSettings(event.ResourceProperties);
    if (event.RequestType === 'Delete') {
      // Never report success while WorkMail still has the domain, unless it now belongs to another Domain.
      return {
        IsComplete: !isOwnPhysicalId(event.PhysicalResourceId, settings) || event.Data?.[LEFT_ALONE] === 'true'
          || (await getMailDomain(settings)) === undefined,
      };
    }
    // A new registration may take a moment to show up with its records.
    const domain = await getMailDomain(settings);
    const attributes = domain === undefined ? undefined : recordAttributes(settings.domainName, domain.Records ?? []);
    if (attributes === undefined || Array.isArray(attributes)) {
      if (elapsedSeconds(event) < RECORDS_TIMEOUT_SECONDS) {
        return { IsComplete: false };
      }
      const problem = attributes === undefined ? 'does not list it' : `lists no ${attributes.join(', ')}`;
      throw new DeploymentError(
        `WorkMail registered domain ${settings.domainName} but ${problem} after ${RECORDS_TIMEOUT_SECONDS / 60} minutes: `
        + 'check the domain in the WorkMail console, then deploy again.',
      );
    }
    return { IsComplete: true, Data: { ...attributes, ...statusAttributes(domain!) } };
  },
};

export const domainVerificationHandler: ResourceHandler<DomainVerificationResourceProperties> = {
  async onEvent(event: ResourceEvent<DomainVerificationResourceProperties>): Promise<OnEventResult> {
    const settings = parseVerificationSettings(event.ResourceProperties);
    // All the work happens in isComplete, which sees the domain as it verifies.
    return {
      PhysicalResourceId: event.RequestType === 'Create' ? settings.domainName : event.PhysicalResourceId,
      Data: started(),
    };
  },

  async isComplete(event: IsCompleteEvent<DomainVerificationResourceProperties>): Promise<IsCompleteResult> {
    const settings = parseVerificationSettings(event.ResourceProperties);
    if (event.RequestType === 'Delete' && !isOwnPhysicalId(event.PhysicalResourceId, settings)) {
      return { IsComplete: true };
    }
    const domain = await getMailDomain(settings);
    if (domain === undefined) {
      if (event.RequestType === 'Delete') {
        return { IsComplete: true };
      }
      throw new DeploymentError(
        `WorkMail domain ${settings.domainName} is not registered in organization ${settings.organizationId}: `
        + 'it was deregistered outside CloudFormation. Remove the Domain construct and deploy, then add it again.',
      );
    }
    const decision = decideVerification({
      settings,
      previous: event.RequestType === 'Update'
        ? parseVerificationSettings(event.OldResourceProperties!)
        : event.RequestType === 'Delete' ? settings : undefined,
      requestType: event.RequestType,
      domain,
      testDomain: domain.IsDefault ? await testDomain(settings.organizationId) : '',
      elapsedSeconds: elapsedSeconds(event),
    });
    if (!decision.complete) {
      return { IsComplete: false };
    }
    await runAll(decision.operations, settings);
    return { IsComplete: true, Data: statusAttributes(domain) };
  },
};
