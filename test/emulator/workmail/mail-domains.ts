import { createHash } from 'crypto';
import { operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { DnsRecord, EmulatorContext, MailDomain, Organization, VerificationStatus } from '../state';
import { isLive, requireActiveOrganization } from './lookup';

/** "Number of domains per Amazon WorkMail organization: 1,000. This is a hard quota." */
const MAX_DOMAINS = 1000;

/** Adds a domain to the organization with the records WorkMail recommends publishing for it. */
export function registerMailDomain(
  organization: Organization,
  region: string,
  domainName: string,
  options: { readonly isTestDomain: boolean; readonly verification: VerificationStatus },
): MailDomain {
  const name = domainName.toLowerCase();
  const domain: MailDomain = {
    domainName: name,
    isTestDomain: options.isTestDomain,
    ownershipVerificationStatus: options.verification,
    dkimVerificationStatus: options.verification,
    records: recommendedRecords(name, region),
  };
  organization.mailDomains.set(name, domain);
  return domain;
}

/**
 * The record set the WorkMail console lists for a domain: SES ownership and DKIM, MX to SES
 * inbound, autodiscover, SPF and DMARC. Tokens derive from the domain name, so they are stable.
 */
function recommendedRecords(domainName: string, region: string): DnsRecord[] {
  const token = (purpose: string) => createHash('sha256').update(`${purpose}:${domainName}`).digest('hex').slice(0, 32);
  const dkim = [1, 2, 3].map((n) => token(`dkim${n}`));
  return [
    { Type: 'TXT', Hostname: `_amazonses.${domainName}.`, Value: Buffer.from(token('ses'), 'hex').toString('base64') },
    ...dkim.map((t) => ({ Type: 'CNAME', Hostname: `${t}._domainkey.${domainName}.`, Value: `${t}.dkim.amazonses.com.` })),
    { Type: 'MX', Hostname: `${domainName}.`, Value: `10 inbound-smtp.${region}.amazonaws.com.` },
    { Type: 'CNAME', Hostname: `autodiscover.${domainName}.`, Value: `autodiscover.mail.${region}.awsapps.com.` },
    { Type: 'TXT', Hostname: `${domainName}.`, Value: 'v=spf1 include:amazonses.com ~all' },
    { Type: 'TXT', Hostname: `_dmarc.${domainName}.`, Value: 'v=DMARC1;p=quarantine;pct=100;fo=1' },
  ];
}

interface GetMailDomainInput {
  readonly OrganizationId: string;
  readonly DomainName: string;
}

interface RegisterMailDomainInput extends GetMailDomainInput {
  readonly ClientToken?: string;
}

function requireMailDomain(organization: Organization, domainName: string): MailDomain {
  const domain = organization.mailDomains.get(domainName.toLowerCase());
  if (domain === undefined) {
    throw new ServiceError('MailDomainNotFoundException', `Domain ${domainName} does not exist in organization ${organization.organizationId}.`);
  }
  return domain;
}

/**
 * Schedules verification: the next `polls` GetMailDomain calls still see the current statuses,
 * later ones see these (0: at once).
 */
export function scheduleVerification(
  domain: MailDomain, polls: number, ownership: VerificationStatus, dkim: VerificationStatus,
): void {
  domain.pendingVerification = { polls, ownership, dkim };
  if (polls === 0) {
    advanceVerification(domain);
  }
}

/** Called after each GetMailDomain has answered. */
function advanceVerification(domain: MailDomain): void {
  const pending = domain.pendingVerification;
  if (pending === undefined) {
    return;
  }
  if (pending.polls > 1) {
    pending.polls -= 1;
    return;
  }
  domain.ownershipVerificationStatus = pending.ownership;
  domain.dkimVerificationStatus = pending.dkim;
  domain.pendingVerification = undefined;
}

/** The live organization other than `organization` that has the domain, if any. */
function otherOwner(ctx: EmulatorContext, organization: Organization, name: string): Organization | undefined {
  return [...ctx.state.organizations.values()]
    .find((other) => other !== organization && isLive(other) && other.mailDomains.has(name));
}

interface ListMailDomainsInput extends PageRequest {
  readonly OrganizationId: string;
}

export const mailDomainOperations: OperationTable = {
  RegisterMailDomain: operation<RegisterMailDomainInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const name = input.DomainName.toLowerCase();
    const owner = otherOwner(ctx, organization, name);
    if (owner !== undefined) {
      throw new ServiceError('MailDomainInUseException', `Domain ${name} is already used by organization ${owner.organizationId}.`);
    }
    // Registering a domain the organization has already refreshes its SES authorization: no change here.
    if (!organization.mailDomains.has(name)) {
      if (organization.mailDomains.size >= MAX_DOMAINS) {
        throw new ServiceError('LimitExceededException', `An organization can have at most ${MAX_DOMAINS} domains.`);
      }
      registerMailDomain(organization, ctx.region, name, { isTestDomain: false, verification: 'PENDING' });
    }
    if (!ctx.state.sesIdentities.has(name)) {
      ctx.state.sesIdentities.set(name, { behaviorOnMxFailure: 'UseDefaultValue' });
    }
    return {};
  }),

  DeregisterMailDomain: operation<GetMailDomainInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const name = input.DomainName.toLowerCase();
    const domain = organization.mailDomains.get(name);
    if (domain === undefined) {
      return {}; // idempotent: the model lists no not-found error
    }
    if (domain.isTestDomain || name === organization.defaultMailDomain) {
      throw new ServiceError('MailDomainStateException',
        `Domain ${name} is ${domain.isTestDomain ? 'the test domain' : 'the default domain'} of organization ${organization.organizationId}.`);
    }
    const inUse = [...organization.addresses].filter(([address]) => address.endsWith(`@${name}`));
    if (inUse.length > 0) {
      throw new ServiceError('MailDomainInUseException',
        `Domain ${name} is used by ${inUse.length} email address(es), e.g. ${inUse[0][0]} of entity ${inUse[0][1]}.`);
    }
    // SES keeps the identity: other applications may use it.
    organization.mailDomains.delete(name);
    return {};
  }),

  UpdateDefaultMailDomain: operation<GetMailDomainInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const domain = requireMailDomain(organization, input.DomainName);
    if (domain.ownershipVerificationStatus !== 'VERIFIED') {
      throw new ServiceError('MailDomainStateException', `Domain ${domain.domainName} is not verified.`);
    }
    organization.defaultMailDomain = domain.domainName;
    return {};
  }),

  GetMailDomain: operation<GetMailDomainInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const domain = requireMailDomain(organization, input.DomainName);
    const output = {
      Records: domain.records,
      IsTestDomain: domain.isTestDomain,
      IsDefault: domain.domainName === organization.defaultMailDomain,
      OwnershipVerificationStatus: domain.ownershipVerificationStatus,
      DkimVerificationStatus: domain.dkimVerificationStatus,
    };
    advanceVerification(domain);
    return output;
  }),

  ListMailDomains: operation<ListMailDomainsInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const page = paginate([...organization.mailDomains.values()], input);
    return {
      MailDomains: page.items.map((domain) => ({
        DomainName: domain.domainName,
        DefaultDomain: domain.domainName === organization.defaultMailDomain,
      })),
      NextToken: page.nextToken,
    };
  }),
};
