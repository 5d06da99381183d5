import { createHash } from 'crypto';
import { Annotations, ArnFormat, Lazy, Names, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct, IDependable } from 'constructs';
import type { IOrganization } from './interfaces';
import { checkSameEnvironment } from './private/environment';
import { awsManagedKeyName } from './private/kms-keys';
import { findDuplicates, invalid, validateBucketName } from './private/validation';

/** The five kinds of audit events WorkMail logs ("Monitoring Amazon WorkMail audit logs"). */
export enum AuditLogType {
  /** Every evaluation of an access control rule. */
  ACCESS_CONTROL_LOGS = 'ACCESS_CONTROL_LOGS',
  /** Every authentication attempt (none for WebMail sign-ins). */
  AUTHENTICATION_LOGS = 'AUTHENTICATION_LOGS',
  /** Every request WorkMail makes to a configured availability provider. */
  WORKMAIL_AVAILABILITY_PROVIDER_LOGS = 'WORKMAIL_AVAILABILITY_PROVIDER_LOGS',
  /** Every operation attempted on an item or folder of a mailbox. */
  WORKMAIL_MAILBOX_ACCESS_LOGS = 'WORKMAIL_MAILBOX_ACCESS_LOGS',
  /** Every creation or deletion of a personal access token. */
  WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS = 'WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS',
}

/** What an {@link AuditLogDelivery} tells its destination when binding it. */
export interface AuditLogDestinationBindOptions {
  /**
   * The ARN pattern (ending in `*`) of the CloudWatch Logs delivery sources that deliver to the
   * destination: the `aws:SourceArn` of every grant to `delivery.logs.amazonaws.com`.
   */
  readonly deliverySourceArnPattern: string;
}

/** A bound audit log destination. */
export interface AuditLogDestinationConfig {
  /** The ARN of the log group, bucket or Firehose stream. */
  readonly destinationArn: string;

  /** The CloudWatch Logs delivery destination type: `CWL`, `S3` or `FH`. */
  readonly destinationType: string;

  /** What the deliveries must wait for: the resource, bucket or key policies granting delivery. */
  readonly dependencies: IDependable[];

  /**
   * For S3: write objects under Apache Hive compatible prefixes.
   * @default - CloudWatch Logs' default prefixes
   */
  readonly hiveCompatiblePath?: boolean;
}

/** Options for {@link AuditLogDestination.bucket}. */
export interface AuditLogBucketOptions {
  /**
   * The customer managed KMS key the bucket encrypts with by default (SSE-KMS), for a bucket
   * imported into the stack: CloudWatch Logs must be allowed to use it, and an imported bucket
   * does not say which key it uses.
   *
   * @default - the bucket's own `encryptionKey`, if any
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Write the log objects under Apache Hive compatible prefixes (`key=value/`), for Athena and Glue.
   *
   * @default false
   */
  readonly hiveCompatiblePath?: boolean;
}

/**
 * Where an {@link AuditLogDelivery} sends the audit logs: a CloudWatch Logs log group, an S3
 * bucket or a Firehose stream, in the stack's account and region. Each destination grants
 * CloudWatch Logs (`delivery.logs.amazonaws.com`) what the Administrator Guide ("Enabling audit
 * logging") says it needs.
 */
export abstract class AuditLogDestination {
  /**
   * A CloudWatch Logs log group. The library adds one account-level resource policy statement
   * letting CloudWatch Logs write to this group only, from this organization's delivery sources.
   *
   * Account-level resource policies are limited to 5,120 characters and 10 per region. Prefer a
   * log group whose name starts with `/aws/vendedlogs/`: when the policies grow close to the
   * limit, CloudWatch Logs enables that prefix for vended logs as a whole.
   */
  public static logGroup(logGroup: logs.ILogGroup): AuditLogDestination {
    return new LogGroupDestination(logGroup);
  }

  /**
   * An S3 bucket. The bucket policy gets `s3:GetBucketAcl`/`s3:ListBucket` on the bucket and
   * `s3:PutObject` under `AWSLogs/<account>/` with `bucket-owner-full-control`. A bucket encrypted
   * with a customer managed key gets a key policy statement; a bucket encrypted with an AWS managed
   * key is refused (CloudWatch Logs would deliver logs nobody can read).
   */
  public static bucket(bucket: s3.IBucket, options: AuditLogBucketOptions = {}): AuditLogDestination {
    return new BucketDestination(bucket, options);
  }

  /**
   * A Firehose stream. It gets the tag `LogDeliveryEnabled=true`, which the service-linked role
   * `AWSServiceRoleForLogDelivery` requires to write to it.
   */
  public static firehose(stream: firehose.IDeliveryStream): AuditLogDestination {
    return new FirehoseDestination(stream);
  }

  /** Grants CloudWatch Logs delivery to the destination; called once by each {@link AuditLogDelivery}. */
  public abstract bind(scope: Construct, options: AuditLogDestinationBindOptions): AuditLogDestinationConfig;
}

/** Properties of an {@link AuditLogDelivery}. */
export interface AuditLogDeliveryProps {
  /** The organization whose audit logs are delivered. */
  readonly organization: IOrganization;

  /** Where the logs go. */
  readonly destination: AuditLogDestination;

  /**
   * The audit logs to deliver; each at most once.
   *
   * @default - all five
   */
  readonly logTypes?: AuditLogType[];
}

/**
 * Delivers a WorkMail organization's audit logs with CloudFormation's native vended-log resources:
 * one `AWS::Logs::DeliverySource` per organization and log type (shared by every delivery of the
 * stack, as CloudWatch Logs allows only one per resource and log type), one
 * `AWS::Logs::DeliveryDestination` for the destination, and one `AWS::Logs::Delivery` per log type.
 * No Lambda function is involved.
 *
 * The role that deploys the stack (the CloudFormation execution role) needs
 * `workmail:AllowVendedLogDeliveryForResource` on the organization, besides the CloudWatch Logs
 * delivery permissions the Administrator Guide lists for the destination type.
 */
export class AuditLogDelivery extends Construct {
  /** The ARN of the CloudWatch Logs delivery destination. */
  public readonly deliveryDestinationArn: string;

  /** The name of the CloudWatch Logs delivery destination. */
  public readonly deliveryDestinationName: string;

  /** The delivered log types. */
  public readonly logTypes: AuditLogType[];

  constructor(scope: Construct, id: string, props: AuditLogDeliveryProps) {
    super(scope, id);
    this.logTypes = props.logTypes ?? Object.values(AuditLogType);
    validateLogTypes(this, this.logTypes);

    const sources = AuditLogSources.of(this, props.organization);
    const config = props.destination.bind(this, { deliverySourceArnPattern: sources.arnPattern });

    const destination = new logs.CfnDeliveryDestination(this, 'Resource', {
      name: nameFor(this, 60, config.destinationArn),
      destinationResourceArn: config.destinationArn,
      deliveryDestinationType: config.destinationType,
    });
    this.deliveryDestinationArn = destination.attrArn;
    this.deliveryDestinationName = destination.ref;

    for (const logType of this.logTypes) {
      sources.claim(this, logType, config.destinationArn);
      const delivery = new logs.CfnDelivery(this, DELIVERY_IDS[logType], {
        deliverySourceName: sources.source(logType).ref,
        deliveryDestinationArn: destination.attrArn,
        s3EnableHiveCompatiblePath: config.hiveCompatiblePath,
      });
      // CloudWatch Logs checks the destination's permissions when it creates the delivery.
      delivery.node.addDependency(...config.dependencies);
      sources.serialize(delivery);
    }
  }
}

const DELIVERY_IDS: Record<AuditLogType, string> = {
  [AuditLogType.ACCESS_CONTROL_LOGS]: 'AccessControlLogs',
  [AuditLogType.AUTHENTICATION_LOGS]: 'AuthenticationLogs',
  [AuditLogType.WORKMAIL_AVAILABILITY_PROVIDER_LOGS]: 'AvailabilityProviderLogs',
  [AuditLogType.WORKMAIL_MAILBOX_ACCESS_LOGS]: 'MailboxAccessLogs',
  [AuditLogType.WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS]: 'PersonalAccessTokenLogs',
};

/** Delivery source names end with these (delivery source names have at most 60 characters). */
const SOURCE_SUFFIXES: Record<AuditLogType, string> = {
  [AuditLogType.ACCESS_CONTROL_LOGS]: 'access-control',
  [AuditLogType.AUTHENTICATION_LOGS]: 'authentication',
  [AuditLogType.WORKMAIL_AVAILABILITY_PROVIDER_LOGS]: 'availability-provider',
  [AuditLogType.WORKMAIL_MAILBOX_ACCESS_LOGS]: 'mailbox-access',
  [AuditLogType.WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS]: 'personal-access-token',
};

/**
 * A name unique to the construct and to what it points at. Delivery sources and destinations
 * cannot change their resource in place, and CloudFormation replaces a named resource only under
 * a new name: so pointing a delivery at another log group (or an import at another organization)
 * renames, and so replaces, them instead of failing the update.
 */
function nameFor(scope: IConstruct, maxLength: number, target: string): string {
  return Lazy.string({
    produce: () => {
      const hash = createHash('sha256').update(JSON.stringify(Stack.of(scope).resolve(target))).digest('hex').slice(0, 8);
      return `${Names.uniqueResourceName(scope, { maxLength: maxLength - hash.length - 1 })}-${hash}`;
    },
  });
}

function validateLogTypes(scope: IConstruct, logTypes: AuditLogType[]): void {
  if (logTypes.length === 0) {
    throw invalid(scope, 'logTypes', logTypes, 'name at least one log type, or leave logTypes out to deliver all five');
  }
  const known = Object.values(AuditLogType) as string[];
  for (const logType of logTypes) {
    if (!known.includes(logType)) {
      throw invalid(scope, 'logTypes', logType, `it must be one of ${known.join(', ')}`);
    }
  }
  const [found] = findDuplicates(logTypes, (logType) => logType);
  if (found) {
    throw invalid(scope, 'logTypes', logTypes, `${found.key} is listed twice: list each log type once`);
  }
}

/**
 * The delivery sources of one organization in one stack. CloudWatch Logs accepts only one
 * delivery source per resource and log type, so every AuditLogDelivery of the organization
 * shares them; they live beside the shared provider so that adding or removing a delivery
 * never renames (and so replaces) them.
 */
class AuditLogSources extends Construct {
  public static of(scope: IConstruct, organization: IOrganization): AuditLogSources {
    const stack = Stack.of(scope);
    const id = `CdkWorkMailAuditLogs${Names.nodeUniqueId(organization.node)}`;
    const existing = stack.node.tryFindChild(id);
    return existing instanceof AuditLogSources ? existing : new AuditLogSources(stack, id, organization);
  }

  /** Matches the ARNs of these delivery sources and of no others. */
  public readonly arnPattern: string;

  private readonly namePrefix: string;
  private readonly claims = new Map<string, string>();
  private last?: logs.CfnDelivery;

  private constructor(scope: Construct, id: string, private readonly organization: IOrganization) {
    super(scope, id);
    const longestSuffix = Math.max(...Object.values(SOURCE_SUFFIXES).map((suffix) => suffix.length));
    this.namePrefix = `${nameFor(this, 60 - longestSuffix - 1, organization.organizationArn)}-`;
    this.arnPattern = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'delivery-source',
      resourceName: `${this.namePrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  public source(logType: AuditLogType): logs.CfnDeliverySource {
    const existing = this.node.tryFindChild(logType);
    return existing instanceof logs.CfnDeliverySource ? existing : new logs.CfnDeliverySource(this, logType, {
      name: `${this.namePrefix}${SOURCE_SUFFIXES[logType]}`,
      resourceArn: this.organization.organizationArn,
      logType,
    });
  }

  /** Refuses a second delivery of one log type to one destination. */
  public claim(scope: IConstruct, logType: AuditLogType, destinationArn: string): void {
    const key = `${logType} ${destinationArn}`;
    const owner = this.claims.get(key);
    if (owner !== undefined) {
      throw invalid(scope, 'logTypes', logType,
        `${owner} already delivers it to the same destination: deliver each log type once per destination`);
    }
    this.claims.set(key, scope.node.path);
  }

  /**
   * Deliveries are created one after the other: CloudWatch Logs answers ConflictException
   * ("Requested resource is currently being updated") to concurrent CreateDelivery calls on one
   * source or destination, and CloudFormation would otherwise create them all at once.
   */
  public serialize(delivery: logs.CfnDelivery): void {
    if (this.last) {
      delivery.node.addDependency(this.last);
    }
    this.last = delivery;
  }
}

const LOG_DELIVERY = 'delivery.logs.amazonaws.com';
const SAME_ENVIRONMENT = 'audit logs are delivered only within the organization\'s account and region';

/** The confused-deputy conditions every grant to CloudWatch Logs delivery carries. */
function deliveryConditions(scope: IConstruct, options: AuditLogDestinationBindOptions): Record<string, Record<string, string>> {
  return {
    StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    ArnLike: { 'aws:SourceArn': options.deliverySourceArnPattern },
  };
}

class LogGroupDestination extends AuditLogDestination {
  constructor(private readonly logGroup: logs.ILogGroup) {
    super();
  }

  public bind(scope: Construct, options: AuditLogDestinationBindOptions): AuditLogDestinationConfig {
    checkSameEnvironment(scope, 'destination log group', this.logGroup, this.logGroup.logGroupArn, SAME_ENVIRONMENT);
    const policy = new logs.ResourcePolicy(scope, 'LogGroupPolicy', {
      policyStatements: [new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(LOG_DELIVERY)],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: `${this.logGroup.logGroupName}:log-stream:*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        })],
        conditions: deliveryConditions(scope, options),
      })],
    });
    return { destinationArn: this.logGroup.logGroupArn, destinationType: 'CWL', dependencies: [policy] };
  }
}

class BucketDestination extends AuditLogDestination {
  constructor(private readonly bucket: s3.IBucket, private readonly options: AuditLogBucketOptions) {
    super();
  }

  public bind(scope: Construct, options: AuditLogDestinationBindOptions): AuditLogDestinationConfig {
    validateBucketName(scope, 'destination bucket', this.bucket.bucketName);
    checkSameEnvironment(scope, 'destination bucket', this.bucket, this.bucket.bucketArn, SAME_ENVIRONMENT);
    const conditions = deliveryConditions(scope, options);
    const account = Stack.of(scope).account;
    const statements = [
      new iam.PolicyStatement({
        sid: 'WorkMailAuditLogDeliveryAclCheck',
        principals: [new iam.ServicePrincipal(LOG_DELIVERY)],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions,
      }),
      new iam.PolicyStatement({
        sid: 'WorkMailAuditLogDeliveryWrite',
        principals: [new iam.ServicePrincipal(LOG_DELIVERY)],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`AWSLogs/${account}/*`)],
        conditions: {
          ...conditions,
          StringEquals: { ...conditions.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    ];
    const dependencies: IDependable[] = [];
    for (const statement of statements) {
      const result = this.bucket.addToResourcePolicy(statement);
      if (result.policyDependable) {
        dependencies.push(result.policyDependable);
      } else {
        warnUnchanged(scope, 'bucket policy', `bucket ${this.bucket.bucketName}`, statement);
      }
    }
    const key = this.options.encryptionKey ?? this.bucket.encryptionKey;
    refuseAwsManagedKey(scope, this.bucket, key);
    if (key) {
      const statement = new iam.PolicyStatement({
        sid: 'WorkMailAuditLogDeliveryKeyUse',
        principals: [new iam.ServicePrincipal(LOG_DELIVERY)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions,
      });
      const result = key.addToResourcePolicy(statement, true);
      if (result.statementAdded) {
        // The key policy is part of the key resource itself.
        dependencies.push(key);
      } else {
        warnUnchanged(scope, 'key policy', `key ${key.keyArn}`, statement);
      }
    }
    return {
      destinationArn: this.bucket.bucketArn,
      destinationType: 'S3',
      dependencies,
      hiveCompatiblePath: this.options.hiveCompatiblePath,
    };
  }
}

/**
 * "If you choose SSE-KMS, you must use a customer managed key, because using an AWS managed key
 * isn't supported [...] the logs will be delivered in an unreadable format."
 */
function refuseAwsManagedKey(scope: IConstruct, bucket: s3.IBucket, key: kms.IKey | undefined): void {
  const fix = 'CloudWatch Logs cannot deliver readable logs to a bucket encrypted with an AWS managed key: '
    + 'encrypt it with a customer managed key (BucketEncryption.KMS with encryptionKey) or with S3 managed keys (SSE-S3)';
  const awsManagedKey = key && awsManagedKeyName(key);
  if (awsManagedKey !== undefined) {
    throw invalid(scope, 'destination bucket encryption key', awsManagedKey, fix);
  }
  const cfnBucket = bucket.node.defaultChild;
  if (key === undefined && cfnBucket instanceof s3.CfnBucket) {
    const encryption = Stack.of(cfnBucket).resolve(cfnBucket.bucketEncryption) as BucketEncryption | undefined;
    const usesAwsManagedKey = (encryption?.serverSideEncryptionConfiguration ?? []).some(({ serverSideEncryptionByDefault: rule }) =>
      rule?.sseAlgorithm?.startsWith('aws:kms') && rule.kmsMasterKeyId === undefined);
    if (usesAwsManagedKey) {
      throw invalid(scope, 'destination bucket encryption', 'aws/s3', fix);
    }
  }
}

/** `AWS::S3::Bucket` `BucketEncryption`, as far as the key goes. */
interface BucketEncryption {
  readonly serverSideEncryptionConfiguration?: ReadonlyArray<{
    readonly serverSideEncryptionByDefault?: { readonly sseAlgorithm?: string; readonly kmsMasterKeyId?: string };
  }>;
}

/** An imported bucket or key cannot be changed by the stack: say what the deployer must ensure. */
function warnUnchanged(scope: IConstruct, policy: string, what: string, statement: iam.PolicyStatement): void {
  Annotations.of(scope).addWarningV2(`cdk-workmail:audit-log-${policy.replace(' ', '-')}`,
    `The ${policy} of imported ${what} cannot be changed by this stack. CloudWatch Logs adds the statement itself `
    + `when the deploying role may change the policy; otherwise add it: ${JSON.stringify(Stack.of(scope).resolve(statement.toStatementJson()))}`);
}

class FirehoseDestination extends AuditLogDestination {
  constructor(private readonly stream: firehose.IDeliveryStream) {
    super();
  }

  public bind(scope: Construct, _options: AuditLogDestinationBindOptions): AuditLogDestinationConfig {
    checkSameEnvironment(scope, 'destination Firehose stream', this.stream, this.stream.deliveryStreamArn, SAME_ENVIRONMENT);
    const cfnStream = this.stream.node.defaultChild;
    if (cfnStream instanceof firehose.CfnDeliveryStream) {
      // AWSServiceRoleForLogDelivery may only write to streams carrying this tag.
      Tags.of(cfnStream).add('LogDeliveryEnabled', 'true');
    } else {
      Annotations.of(scope).addWarningV2('cdk-workmail:audit-log-firehose-tag',
        `Imported Firehose stream ${this.stream.deliveryStreamName} cannot be tagged by this stack: it needs the tag `
        + 'LogDeliveryEnabled=true, which CloudWatch Logs adds itself when the deploying role has firehose:TagDeliveryStream.');
    }
    return { destinationArn: this.stream.deliveryStreamArn, destinationType: 'FH', dependencies: [] };
  }
}
