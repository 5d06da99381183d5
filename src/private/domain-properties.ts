/**
 * The properties and attributes of the `Custom::WorkMailDomain` and
 * `Custom::WorkMailDomainVerification` resources, shared by the construct and the handlers.
 * CloudFormation delivers every scalar as a string.
 */
import { AdoptableResourceProperties } from './ownership-properties';
export interface DomainResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  readonly DomainName: string;
  /** A subdomain of `DomainName` that SES uses as MAIL FROM domain. */
  readonly MailFromDomain?: string;
}

export interface DomainVerificationResourceProperties {
  readonly OrganizationId: string;
  readonly DomainName: string;
  /** `true`: make the domain the organization's default once it is verified. */
  readonly Default?: string;
  /**
   * `true`: wait (up to `TimeoutSeconds`) until ownership and DKIM verify, because the stack
   * publishes the records. `false`: look once; a default domain that is not verified fails.
   */
  readonly Wait?: string;
  readonly TimeoutSeconds?: string;
}

/**
 * The records GetMailDomain lists, each of a kind whose name the construct knows in advance
 * (relative to the domain), so the values alone travel as attributes `<Kind>Value`. DKIM record
 * names carry SES tokens, so they travel too, as `Dkim<n>Name`.
 */
export const RECORD_KINDS = {
  /** TXT at `_amazonses.<domain>`: proves ownership to SES. */
  Ownership: { type: 'TXT', prefix: '_amazonses.' },
  /** MX at the domain: routes inbound mail to SES, which hands it to WorkMail. */
  Mx: { type: 'MX', prefix: '' },
  /** CNAME at `autodiscover.<domain>`: lets Outlook and mobile clients find their settings. */
  Autodiscover: { type: 'CNAME', prefix: 'autodiscover.' },
  /** TXT at the domain: SPF, allowing SES to send for the domain. */
  Spf: { type: 'TXT', prefix: '' },
  /** TXT at `_dmarc.<domain>`: the DMARC policy. */
  Dmarc: { type: 'TXT', prefix: '_dmarc.' },
} as const;

export type RecordKind = keyof typeof RECORD_KINDS;

/** SES Easy DKIM publishes exactly three CNAMEs `<token>._domainkey.<domain>`. */
export const DKIM_RECORDS = 3;

/** Attribute names of the `Custom::WorkMailDomain` resource. */
export const DomainAttribute = {
  value: (kind: RecordKind) => `${kind}Value`,
  dkimName: (n: number) => `Dkim${n}Name`,
  dkimValue: (n: number) => `Dkim${n}Value`,
  OWNERSHIP_VERIFICATION_STATUS: 'OwnershipVerificationStatus',
  DKIM_VERIFICATION_STATUS: 'DkimVerificationStatus',
} as const;
