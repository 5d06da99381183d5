import { Aws, CfnOutput, CustomResource, Duration, Fn, RemovalPolicy, Resource, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import type { DomainOptions, IDomain, IOrganization } from './interfaces';
import { OrganizationContext, WorkMailAppContext } from './organization-context';
import { MAX_WAIT_SECONDS, ResourceType } from './private/constants';
import {
  DKIM_RECORDS,
  DomainAttribute,
  DomainResourceProperties,
  DomainVerificationResourceProperties,
  RECORD_KINDS,
  RecordKind,
} from './private/domain-properties';
import { adoption } from './private/ownership';
import { invalid, MAIL_DOMAIN_NAME, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** Properties of a {@link Domain}. */
export interface DomainProps extends DomainOptions {
  /** The organization to register the domain in. */
  readonly organization: IOrganization;
}

/** A DNS record WorkMail asks to publish for a domain. */
export interface DomainDnsRecord {
  /** The record type: TXT, MX or CNAME. */
  readonly recordType: string;
  /** The absolute record name, ending with a dot. */
  readonly name: string;
  /** The record value, as a zone file writes it (TXT values in double quotes). */
  readonly value: string;
  /** The time to live in seconds. */
  readonly ttl: number;
}

/**
 * A mail domain of a WorkMail organization (`Custom::WorkMailDomain`), made to work in one deploy.
 *
 * It registers the domain and reads the DNS records WorkMail asks for: ownership TXT, MX to SES
 * inbound, autodiscover CNAME, three DKIM CNAMEs, SPF and DMARC (plus MAIL FROM MX and SPF).
 * With `hostedZone` they are created in the zone, the deployment waits for verification and,
 * if asked, then makes the domain the default. Without it they are stack outputs and a zone
 * file. The domain is retained by default.
 */
export class Domain extends Resource implements IDomain {
  /** References a domain registered outside this stack. */
  public static fromDomainName(scope: Construct, id: string, organization: IOrganization, domainName: string): IDomain {
    class Import extends Resource implements IDomain {
      public readonly domainName = domainName;
      public readonly organization = organization;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'domainName', domainName, MAIL_DOMAIN_NAME);
    const domains = OrganizationContext.of(organization).domains;
    if (Token.isUnresolved(domainName)) {
      domains.unnamed = true;
    } else {
      domains.imported.add(domainName.toLowerCase());
    }
    return imported;
  }

  public readonly domainName: string;
  public readonly organization: IOrganization;

  /**
   * Every record WorkMail asks to publish, with values known at deploy time. The stack creates
   * them in `hostedZone` when given, else outputs them.
   */
  public readonly dnsRecords: DomainDnsRecord[];

  /** The records as a BIND zone file, ready to import at a DNS provider (as the console's "Copy all"). */
  public readonly zoneFile: string;

  /**
   * Ownership verification status at the end of the deployment: PENDING, VERIFIED or FAILED.
   * @attribute
   */
  public readonly ownershipVerificationStatus: string;

  /**
   * DKIM verification status at the end of the deployment: PENDING, VERIFIED or FAILED.
   * @attribute
   */
  public readonly dkimVerificationStatus: string;

  constructor(scope: Construct, id: string, props: DomainProps) {
    super(scope, id);
    validateProps(this, props);
    const domainName = lowerCase(props.domainName);
    const mailFromDomain = props.mailFromDomain === undefined ? undefined : lowerCase(props.mailFromDomain);
    const ownership = adoption(this, props, RemovalPolicy.RETAIN);
    const removalPolicy = ownership.removalPolicy;
    this.organization = props.organization;

    const provider = WorkMailProvider.of(this);
    const properties: DomainResourceProperties = {
      OrganizationId: props.organization.organizationId,
      DomainName: domainName,
      MailFromDomain: mailFromDomain,
      ...ownership.properties,
    };
    const resource = provider.createResource(this, {
      resourceType: ResourceType.DOMAIN,
      organization: props.organization,
      properties,
      removalPolicy,
    });
    this.domainName = resource.ref;

    const records = dnsRecords(resource, domainName, mailFromDomain);
    this.dnsRecords = records.map(({ record }) => record);
    this.zoneFile = Fn.join('\n', this.dnsRecords.map((r) => `${r.name} ${r.ttl} IN ${r.recordType} ${r.value}`));
    const published = props.hostedZone ? publish(this, records, props.hostedZone, removalPolicy) : [];
    if (!props.hostedZone) {
      output(this, records);
    }

    const verificationProperties: DomainVerificationResourceProperties = {
      OrganizationId: props.organization.organizationId,
      DomainName: this.domainName,
      Default: String(props.isDefault ?? false),
      Wait: String(props.hostedZone !== undefined),
      TimeoutSeconds: String((props.verificationTimeout ?? Duration.minutes(30)).toSeconds()),
    };
    const verification = provider.createResource(new Construct(this, 'Verification'), {
      resourceType: ResourceType.DOMAIN_VERIFICATION,
      organization: props.organization,
      properties: verificationProperties,
      // Deleting it gives the default back to the test domain: only when the domain goes too.
      removalPolicy,
    });
    published.forEach((record) => verification.node.addDependency(record));
    this.ownershipVerificationStatus = verification.getAttString(DomainAttribute.OWNERSHIP_VERIFICATION_STATUS);
    this.dkimVerificationStatus = verification.getAttString(DomainAttribute.DKIM_VERIFICATION_STATUS);
  }
}

/** A record and the construct id of its record set or output. */
interface NamedRecord {
  readonly id: string;
  readonly record: DomainDnsRecord;
}

/**
 * The records in a stable order: the kinds WorkMail lists (values from the resource's
 * attributes), the DKIM CNAMEs (names too), then the MAIL FROM records SES documents.
 */
function dnsRecords(resource: CustomResource, domainName: string, mailFromDomain: string | undefined): NamedRecord[] {
  // The guide recommends a TTL of 3600 for MX and autodiscover; SES uses 1800 for DKIM.
  const ttl = (kind: RecordKind) => (kind === 'Mx' || kind === 'Autodiscover' ? 3600 : 1800);
  const quoted = (type: string, value: string) => (type === 'TXT' ? `"${value}"` : value);
  const records: NamedRecord[] = (Object.keys(RECORD_KINDS) as RecordKind[]).map((kind) => ({
    id: kind,
    record: {
      recordType: RECORD_KINDS[kind].type,
      name: `${RECORD_KINDS[kind].prefix}${domainName}.`,
      value: quoted(RECORD_KINDS[kind].type, resource.getAttString(DomainAttribute.value(kind))),
      ttl: ttl(kind),
    },
  }));
  for (let n = 1; n <= DKIM_RECORDS; n++) {
    records.push({
      id: `Dkim${n}`,
      record: {
        recordType: 'CNAME',
        name: resource.getAttString(DomainAttribute.dkimName(n)),
        value: resource.getAttString(DomainAttribute.dkimValue(n)),
        ttl: 1800,
      },
    });
  }
  if (mailFromDomain !== undefined) {
    records.push(
      { id: 'MailFromMx', record: { recordType: 'MX', name: `${mailFromDomain}.`, value: `10 feedback-smtp.${Aws.REGION}.amazonses.com.`, ttl: 3600 } },
      { id: 'MailFromSpf', record: { recordType: 'TXT', name: `${mailFromDomain}.`, value: quoted('TXT', 'v=spf1 include:amazonses.com ~all'), ttl: 1800 } },
    );
  }
  return records;
}

/** Creates the records in the zone; they follow the domain's removal policy. */
function publish(domain: Domain, records: NamedRecord[], zone: route53.IPublicHostedZone, removalPolicy: RemovalPolicy): route53.CfnRecordSet[] {
  return records.map(({ id, record }) => {
    const recordSet = new route53.CfnRecordSet(domain, `${id}Record`, {
      hostedZoneId: zone.hostedZoneId,
      name: record.name,
      type: record.recordType,
      ttl: String(record.ttl),
      resourceRecords: [record.value],
    });
    recordSet.applyRemovalPolicy(removalPolicy);
    return recordSet;
  });
}

/** One output per record and the zone file, for publishing at another DNS provider. */
function output(domain: Domain, records: NamedRecord[]): void {
  for (const { id, record } of records) {
    new CfnOutput(domain, `${id}Record`, {
      description: `WorkMail domain ${domain.node.path}: publish this ${record.recordType} record (name, TTL, type, value)`,
      value: `${record.name} ${record.ttl} ${record.recordType} ${record.value}`,
    });
  }
  new CfnOutput(domain, 'ZoneFile', {
    description: `WorkMail domain ${domain.node.path}: every record as a zone file to import at your DNS provider`,
    value: domain.zoneFile,
  });
}

/** WorkMail compares domain names case-insensitively; a token keeps its case (lower-casing would break it). */
function lowerCase(name: string): string {
  return Token.isUnresolved(name) ? name : name.toLowerCase();
}

function validateProps(domain: Domain, props: DomainProps): void {
  validateString(domain, 'domainName', props.domainName, MAIL_DOMAIN_NAME);
  validateString(domain, 'mailFromDomain', props.mailFromDomain, MAIL_DOMAIN_NAME);
  const name = Token.isUnresolved(props.domainName) ? undefined : props.domainName.toLowerCase();
  if (name !== undefined && (name === 'awsapps.com' || name.endsWith('.awsapps.com'))) {
    throw invalid(domain, 'domainName', props.domainName,
      'awsapps.com domains are WorkMail test domains: each organization has its own <alias>.awsapps.com already registered, '
      + 'and it is the default until another domain is made default; register a domain you own instead');
  }
  const mailFrom = props.mailFromDomain?.toLowerCase();
  if (name !== undefined && mailFrom !== undefined && !Token.isUnresolved(mailFrom) && !mailFrom.endsWith(`.${name}`)) {
    throw invalid(domain, 'mailFromDomain', props.mailFromDomain,
      `SES takes a subdomain of the domain as MAIL FROM domain: use e.g. mail.${name}`);
  }
  if (props.hostedZone !== undefined && name !== undefined) {
    const zoneName = hostedZoneName(domain, props.hostedZone);
    if (zoneName !== undefined && name !== zoneName && !name.endsWith(`.${zoneName}`)) {
      throw invalid(domain, 'hostedZone', zoneName,
        `the zone cannot hold the records of ${name}: pass the public hosted zone named ${name} or one of its parent domains`);
    }
  }
  const timeout = props.verificationTimeout;
  if (timeout !== undefined && !timeout.isUnresolved() && (timeout.toSeconds() < 60 || timeout.toSeconds() > MAX_WAIT_SECONDS)) {
    throw invalid(domain, 'verificationTimeout', timeout.toHumanString(),
      'it must be between 1 and 50 minutes: CloudFormation waits at most one hour for a custom resource; publish the records '
      + 'and deploy again if verification takes longer');
  }
  if (props.verificationTimeout !== undefined && props.hostedZone === undefined) {
    throw invalid(domain, 'verificationTimeout', props.verificationTimeout.toHumanString(),
      'the deployment waits for verification only when the stack publishes the records: pass hostedZone, or drop verificationTimeout');
  }
  if (name !== undefined) {
    claim(domain, props.organization, name, props.isDefault ?? false);
  } else {
    OrganizationContext.of(props.organization).domains.unnamed = true;
  }
}

/** The zone's name without the trailing dot; undefined while a token. */
function hostedZoneName(domain: Domain, zone: route53.IPublicHostedZone): string | undefined {
  let zoneName: string;
  try {
    zoneName = zone.zoneName;
  } catch {
    throw invalid(domain, 'hostedZone', zone.node.path,
      'its name is unknown (imported by id only): import it with PublicHostedZone.fromPublicHostedZoneAttributes to give its name');
  }
  return Token.isUnresolved(zoneName) ? undefined : zoneName.toLowerCase().replace(/\.$/, '');
}

/**
 * One Domain per name and one default per organization, and a domain in one organization of the
 * app: the same domain twice would fight over one registration.
 */
function claim(domain: Domain, organization: IOrganization, name: string, isDefault: boolean): void {
  const domains = OrganizationContext.of(organization).domains;
  const existing = domains.registered.get(name);
  if (existing !== undefined) {
    throw invalid(domain, 'domainName', name,
      `${existing.node.path} already registers it in organization ${organization.node.path}, and a domain is registered once per organization: `
      + 'keep one Domain for it (remove this one, or import it with Domain.fromDomainName)');
  }
  WorkMailAppContext.of(domain).claimDomain(domain, organization, name);
  if (isDefault) {
    const otherDefault = domains.defaultDomain;
    if (otherDefault !== undefined) {
      throw invalid(domain, 'isDefault', true,
        `${otherDefault.node.path} is already the default domain of organization ${organization.node.path}, and an organization has one default domain: `
        + 'pass isDefault: true on one Domain only');
    }
    domains.defaultDomain = domain;
  }
  domains.registered.set(name, domain);
}
