/**
 * A mail domain's lifecycle as pure decisions: which operations a CloudFormation request needs,
 * given the properties and what WorkMail reports. No SDK calls here.
 */
import type { DnsRecord, GetMailDomainResponse } from '@aws-sdk/client-workmail';
import {
  DKIM_RECORDS,
  DomainAttribute,
  DomainResourceProperties,
  DomainVerificationResourceProperties,
  RECORD_KINDS,
  RecordKind,
} from '../../private/domain-properties';
import { DeploymentError } from '../shared/errors';
import { adoptionRefused, Ownership } from '../shared/ownership';
import { parseBoolean, parseNumber } from '../shared/properties';

export interface DomainSettings {
  readonly organizationId: string;
  /** Lower case: WorkMail compares domain names case-insensitively. */
  readonly domainName: string;
  readonly mailFromDomain?: string;
}

export interface VerificationSettings {
  readonly organizationId: string;
  readonly domainName: string;
  readonly makeDefault: boolean;
  readonly wait: boolean;
  readonly timeoutSeconds: number;
}

export type Operation =
  | { readonly kind: 'RegisterMailDomain'; readonly clientToken: string }
  | { readonly kind: 'SetMailFromDomain'; readonly mailFromDomain?: string }
  | { readonly kind: 'DeregisterMailDomain' }
  | { readonly kind: 'UpdateDefaultMailDomain'; readonly domainName: string };

/** How long a new registration may take to list its records before the deploy fails. */
export const RECORDS_TIMEOUT_SECONDS = 600;

/** A verification wait stays inside the provider's 55-minute total timeout. */
export const MAX_VERIFICATION_TIMEOUT_SECONDS = 50 * 60;

export function parseDomainSettings(properties: DomainResourceProperties): DomainSettings {
  return {
    organizationId: properties.OrganizationId,
    domainName: properties.DomainName.toLowerCase(),
    mailFromDomain: properties.MailFromDomain?.toLowerCase() || undefined,
  };
}

export function parseVerificationSettings(properties: DomainVerificationResourceProperties): VerificationSettings {
  return {
    organizationId: properties.OrganizationId,
    domainName: properties.DomainName.toLowerCase(),
    makeDefault: parseBoolean('Default', properties.Default, false),
    wait: parseBoolean('Wait', properties.Wait, false),
    timeoutSeconds: Math.min(parseNumber('TimeoutSeconds', properties.TimeoutSeconds, 30 * 60), MAX_VERIFICATION_TIMEOUT_SECONDS),
  };
}

/** The physical id is the domain name: anything else is left by a Create that failed first. */
export function isOwnPhysicalId(physicalResourceId: string | undefined, settings: { readonly domainName: string }): boolean {
  return physicalResourceId === settings.domainName;
}

/**
 * WorkMail keeps nothing with a domain that could name its owner: a Domain records itself in the
 * organization tag `cdk-workmail:domain:<name>` before it registers the domain.
 */
export function claimTag(domainName: string): string {
  return `domain:${domainName.toLowerCase()}`;
}

/**
 * Create registers the domain, unless the organization has it already: then only a redelivery
 * of this Create (its own claim) or a Domain moved to a new logical id (the stack's claim) goes
 * on, or `adopt`, which registers nothing and sets only what the properties name. Registering
 * again would pass silently (WorkMail refreshes the registration), so the refusal is ours.
 */
export function planCreate(
  settings: DomainSettings,
  clientToken: string,
  registered: Ownership | undefined,
  adopt: boolean,
): Operation[] {
  const mailFrom = settings.mailFromDomain ? [{ kind: 'SetMailFromDomain', mailFromDomain: settings.mailFromDomain } as const] : [];
  if (registered === undefined || registered === 'mine' || registered === 'stack') {
    return [{ kind: 'RegisterMailDomain', clientToken }, ...mailFrom];
  }
  if (adopt) {
    return mailFrom;
  }
  throw adoptionRefused(
    `WorkMail domain ${settings.domainName} in organization ${settings.organizationId}`,
    'Domain',
    'address it by its name where an address is asked for, without a Domain construct',
  );
}

/**
 * Only the MAIL FROM domain changes in place. Another domain or organization would be another
 * registration; replacing this one would deregister a domain that carries addresses, so the
 * change is refused. Comparing with the physical id, and with the organization WorkMail has the
 * domain in, lets the rollback of a refused change pass.
 */
export function planUpdate(
  oldSettings: DomainSettings,
  newSettings: DomainSettings,
  physicalResourceId: string,
  registeredInNewOrganization = false,
): Operation[] {
  const changes = [
    newSettings.domainName !== physicalResourceId && `domainName (${physicalResourceId} -> ${newSettings.domainName})`,
    newSettings.organizationId !== oldSettings.organizationId && !registeredInNewOrganization
      && `organization (${oldSettings.organizationId} -> ${newSettings.organizationId})`,
  ].filter((change): change is string => typeof change === 'string');
  if (changes.length > 0) {
    throw new DeploymentError(
      `Refusing to change ${changes.join(', ')} of WorkMail domain ${physicalResourceId}: that would deregister the domain `
      + 'and break every address on it. Revert the change; to move, add a second Domain for the new name or organization, '
      + 'move the addresses, then remove this one.',
    );
  }
  return newSettings.mailFromDomain === oldSettings.mailFromDomain
    ? []
    : [{ kind: 'SetMailFromDomain', mailFromDomain: newSettings.mailFromDomain }];
}

/** What WorkMail and SES report about a domain about to be deleted. */
export interface ActualDomain {
  readonly isDefault: boolean;
  /** The MAIL FROM domain SES has for the domain's identity. */
  readonly mailFromDomain?: string;
}

/**
 * Deregisters the domain unless it is the default domain (WorkMail needs one; the stack only
 * un-defaults domains it made default). The MAIL FROM setting is cleared if it is still ours:
 * SES keeps the identity after deregistration.
 */
export function planDelete(settings: DomainSettings, actual: ActualDomain | undefined): Operation[] {
  if (actual === undefined) {
    return []; // already gone
  }
  if (actual.isDefault) {
    throw new DeploymentError(
      `Refusing to deregister WorkMail domain ${settings.domainName}: it is the organization's default domain. `
      + 'Make another domain the default (default: true on another Domain, or "Set as default" in the WorkMail console), '
      + 'deploy, then remove this domain.',
    );
  }
  const clearMailFrom = settings.mailFromDomain !== undefined && actual.mailFromDomain === settings.mailFromDomain;
  return [
    { kind: 'DeregisterMailDomain' },
    ...(clearMailFrom ? [{ kind: 'SetMailFromDomain' } as const] : []),
  ];
}

/** The absolute name of a record of `kind` for `domainName`, as GetMailDomain writes it. */
export function recordName(kind: RecordKind, domainName: string): string {
  return `${RECORD_KINDS[kind].prefix}${domainName}.`;
}


/**
 * The attributes of the domain resource from GetMailDomain's record list, which WorkMail returns
 * in no documented order: each record is recognised by type and name. Returns the kinds still
 * missing instead when the list is incomplete.
 */
export function recordAttributes(domainName: string, records: readonly DnsRecord[]): Record<string, string> | string[] {
  const same = (a: string | undefined, b: string) => absolute(a) === b.toLowerCase();
  const attributes: Record<string, string> = {};
  const missing: string[] = [];
  for (const kind of Object.keys(RECORD_KINDS) as RecordKind[]) {
    const { type } = RECORD_KINDS[kind];
    const candidates = records.filter((r) => r.Type === type && same(r.Hostname, recordName(kind, domainName)));
    // The domain's apex carries both SPF and possibly other TXT records: SPF is the one starting v=spf1.
    const record = kind === 'Spf' ? candidates.find((r) => /^"?v=spf1/i.test(r.Value ?? '')) : candidates[0];
    if (record?.Value) {
      attributes[DomainAttribute.value(kind)] = record.Value;
    } else {
      missing.push(`${type} ${recordName(kind, domainName)}`);
    }
  }
  // `<token>._domainkey.<domain>.`: one label before `_domainkey`.
  const isDkim = (hostname: string) => /^[^.]+\._domainkey\./.test(hostname) && hostname.endsWith(`._domainkey.${domainName}.`);
  const dkim = records
    .filter((r) => r.Type === 'CNAME' && isDkim(absolute(r.Hostname)))
    // Sorted so that a token keeps its attribute whatever order WorkMail lists them in.
    .sort((a, b) => (absolute(a.Hostname) < absolute(b.Hostname) ? -1 : 1));
  if (dkim.length !== DKIM_RECORDS) {
    missing.push(`${DKIM_RECORDS} DKIM CNAME records *._domainkey.${domainName}. (got ${dkim.length})`);
  }
  dkim.slice(0, DKIM_RECORDS).forEach((record, i) => {
    attributes[DomainAttribute.dkimName(i + 1)] = absolute(record.Hostname);
    attributes[DomainAttribute.dkimValue(i + 1)] = record.Value ?? '';
  });
  return missing.length > 0 ? missing : attributes;
}

/** A host name in lower case with its trailing dot, however WorkMail wrote it. */
function absolute(hostname: string | undefined): string {
  const name = (hostname ?? '').toLowerCase();
  return name.endsWith('.') ? name : `${name}.`;
}

/** The verification statuses as attributes. */
export function statusAttributes(domain: GetMailDomainResponse): Record<string, string> {
  return {
    [DomainAttribute.OWNERSHIP_VERIFICATION_STATUS]: domain.OwnershipVerificationStatus ?? 'PENDING',
    [DomainAttribute.DKIM_VERIFICATION_STATUS]: domain.DkimVerificationStatus ?? 'PENDING',
  };
}

/** The records whose verification is not done yet, in words. */
function unverified(domain: GetMailDomainResponse, domainName: string): string[] {
  return [
    domain.OwnershipVerificationStatus !== 'VERIFIED'
      && `ownership TXT ${recordName('Ownership', domainName)} (${domain.OwnershipVerificationStatus ?? 'PENDING'})`,
    domain.DkimVerificationStatus !== 'VERIFIED'
      && `DKIM CNAMEs *._domainkey.${domainName}. (${domain.DkimVerificationStatus ?? 'PENDING'})`,
  ].filter((item): item is string => typeof item === 'string');
}

export type VerificationDecision =
  | { readonly complete: false }
  | { readonly complete: true; readonly operations: Operation[] };

/**
 * What the verification resource does after one look at the domain.
 *
 * - The stack stopped asking for the default (update or delete): give the default back to the
 *   test domain if this domain still holds it, whatever its verification state.
 * - Not verified: wait while the stack publishes the records (bounded by the timeout); without a
 *   hosted zone only a requested default fails, pointing at the records to publish.
 * - Verified: make the domain the default if asked, never before.
 */
export function decideVerification(input: {
  readonly settings: VerificationSettings;
  /** The settings of the previous deployment on Update, of this one on Delete. */
  readonly previous?: VerificationSettings;
  readonly requestType: 'Create' | 'Update' | 'Delete';
  readonly domain: GetMailDomainResponse;
  readonly testDomain: string;
  readonly elapsedSeconds: number;
}): VerificationDecision {
  const { settings, domain, testDomain } = input;
  const stillDefault = domain.IsDefault === true;
  const wantsDefault = input.requestType !== 'Delete' && settings.makeDefault;
  if (!wantsDefault && stillDefault && input.previous?.makeDefault) {
    return { complete: true, operations: [{ kind: 'UpdateDefaultMailDomain', domainName: testDomain }] };
  }
  if (input.requestType === 'Delete') {
    return { complete: true, operations: [] };
  }
  const pending = unverified(domain, settings.domainName);
  if (pending.length === 0) {
    return {
      complete: true,
      operations: wantsDefault && !stillDefault ? [{ kind: 'UpdateDefaultMailDomain', domainName: settings.domainName }] : [],
    };
  }
  const failed = domain.OwnershipVerificationStatus === 'FAILED' || domain.DkimVerificationStatus === 'FAILED';
  if (failed) {
    throw new DeploymentError(
      `WorkMail could not verify domain ${settings.domainName}: ${pending.join('; ')}. `
      + 'The records were missing or did not match when SES checked: compare the published records with the Domain\'s outputs '
      + '(or the WorkMail console), then deploy again.',
    );
  }
  if (!settings.wait) {
    if (!wantsDefault) {
      return { complete: true, operations: [] };
    }
    throw new DeploymentError(
      `WorkMail domain ${settings.domainName} cannot become the default domain yet: it is not verified: ${pending.join('; ')}. `
      + 'Publish the records listed in this stack\'s outputs (or its zone file) at your DNS provider, wait until the WorkMail '
      + 'console shows them verified (up to 72 hours), then deploy again; or pass hostedZone to let the stack publish them.',
    );
  }
  if (input.elapsedSeconds >= settings.timeoutSeconds) {
    throw new DeploymentError(
      `WorkMail domain ${settings.domainName} was not verified within ${Math.round(settings.timeoutSeconds / 60)} minutes: `
      + `still pending: ${pending.join('; ')}. The records are in the hosted zone; DNS and SES can take longer (up to 72 hours). `
      + 'Check that the zone is the one the domain\'s registrar delegates to, then deploy again (a longer verificationTimeout helps).',
    );
  }
  return { complete: false };
}
