import { createHash } from 'crypto';
import { operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { DnsRecord, MailDomain, Organization, VerificationStatus } from '../state';
import { requireActiveOrganization } from './lookup';

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

interface ListMailDomainsInput extends PageRequest {
  readonly OrganizationId: string;
}

export const mailDomainOperations: OperationTable = {
  GetMailDomain: operation<GetMailDomainInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const domain = organization.mailDomains.get(input.DomainName.toLowerCase());
    if (domain === undefined) {
      throw new ServiceError('MailDomainNotFoundException', `Domain ${input.DomainName} does not exist in organization ${organization.organizationId}.`);
    }
    return {
      Records: domain.records,
      IsTestDomain: domain.isTestDomain,
      IsDefault: domain.domainName === organization.defaultMailDomain,
      OwnershipVerificationStatus: domain.ownershipVerificationStatus,
      DkimVerificationStatus: domain.dkimVerificationStatus,
    };
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
