import { CfnOutput, CustomResource, Duration, RemovalPolicy, Resource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { IOrganization } from './organization';
import { ResourceType } from './private/constants';
import { MailboxExportResourceProperties } from './private/export-properties';
import { awsManagedKeyName, knownKeyNames } from './private/kms-keys';
import { invalid, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** Properties of a {@link MailboxExport}. */
export interface MailboxExportProps {
  /** The organization whose mailboxes are exported. */
  readonly organization: IOrganization;

  /**
   * The mailboxes to export: user or resource ids, names or email addresses.
   *
   * @default - every enabled user and resource mailbox, listed when the export runs
   */
  readonly mailboxes?: string[];

  /**
   * The bucket to export to. It must not allow public access (WorkMail checks), and must be in
   * the organization's region.
   *
   * @default - a new private bucket (public access blocked, SSL enforced, encrypted with `encryptionKey`, versioned, retained)
   */
  readonly bucket?: s3.IBucket;

  /**
   * A symmetric customer managed KMS key that encrypts the export files; AWS managed keys
   * (`alias/aws/...`) cannot be used.
   *
   * @default - a new key with rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The S3 prefix of the export files. A new prefix is a new export: every mailbox is exported
   * again (once its 24 hours have passed).
   *
   * @default 'workmail-export/'
   */
  readonly prefix?: string;

  /**
   * How long a deployment waits for the export jobs, at most 50 minutes (CloudFormation waits
   * at most an hour for a custom resource). Jobs still running afterwards keep running: the
   * deployment succeeds and reports them as RUNNING (or QUEUED when the 10 concurrent jobs per
   * organization were busy); a later deployment that changes this construct (for example this
   * timeout) reports their completion and starts the queued ones, without exporting any mailbox
   * twice. `npx cdk-workmail export-status` shows them at any time.
   *
   * @default Duration.minutes(45)
   */
  readonly waitTimeout?: Duration;
}

/** Per-mailbox attributes are reported for lists up to this size (a custom resource answers at most 4 KB). */
const MAX_REPORTED_MAILBOXES = 10;
const MAX_WAIT = Duration.minutes(50);

/**
 * Exports WorkMail mailboxes (email and calendar items, in MIME format, one .zip per mailbox) to
 * S3 with StartMailboxExportJob (`Custom::WorkMailMailboxExport`), under a customer managed key,
 * through a role that only `export.workmail.amazonaws.com` can assume for this organization.
 *
 * It respects WorkMail's limits: at most 10 concurrent export jobs per organization, and one
 * export per mailbox every 24 hours. Deploying again without changes starts nothing; removing
 * the construct never deletes exported data (the bucket and key are retained).
 */
export class MailboxExport extends Resource {
  /** The bucket the export files go to. */
  public readonly bucket: s3.IBucket;

  /** The key that encrypts the export files. */
  public readonly encryptionKey: kms.IKey;

  /** The role WorkMail assumes to write the export. */
  public readonly role: iam.IRole;

  /**
   * `3 of 5 mailboxes exported; 2 running`: the state when the deployment finished.
   * @attribute
   */
  public readonly exportSummary: string;

  /**
   * The description of this export's jobs, which `cdk-workmail export-status --export <marker>`
   * filters on.
   * @attribute
   */
  public readonly exportMarker: string;

  private readonly mailboxes?: string[];
  private readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: MailboxExportProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefix = props.prefix ?? 'workmail-export/';
    validateString(this, 'prefix', prefix, { minLength: 1, maxLength: 1023, pattern: /^[A-Za-z0-9!_.*'()/-]+$/, rule: "1-1023 characters: letters, digits and !_.*'()/-" });
    if (props.mailboxes !== undefined) {
      if (props.mailboxes.length === 0) {
        throw invalid(this, 'mailboxes', props.mailboxes, 'list at least one mailbox, or omit mailboxes to export every mailbox');
      }
      props.mailboxes.forEach((mailbox) =>
        validateString(this, 'mailboxes', mailbox, { minLength: 1, maxLength: 256, pattern: /^[a-zA-Z0-9._%+@-]+$/, rule: 'a user or resource id, name or email address' }));
      const duplicate = props.mailboxes.find((mailbox, i) => props.mailboxes!.indexOf(mailbox) !== i);
      if (duplicate !== undefined) {
        throw invalid(this, 'mailboxes', duplicate, 'list each mailbox once');
      }
    }
    const waitTimeout = props.waitTimeout ?? Duration.minutes(45);
    if (!waitTimeout.isUnresolved() && waitTimeout.toSeconds() > MAX_WAIT.toSeconds()) {
      throw invalid(this, 'waitTimeout', waitTimeout.toHumanString(),
        'it must be at most 50 minutes (CloudFormation waits at most an hour); longer jobs keep running and later deployments report them');
    }
    checkKey(this, props.encryptionKey);
    if (props.bucket) {
      checkBucket(this, props.bucket);
    }

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      description: 'Encrypts WorkMail mailbox exports',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = props.bucket ?? new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The Administrator Guide's role ("Exporting mailbox content"): trusted by the export
    // service for this account and organization only, writing to the bucket and encrypting under
    // the key through S3 for this prefix only.
    this.role = new iam.Role(this, 'Role', {
      description: 'WorkMail mailbox export',
      assumedBy: new iam.ServicePrincipal('export.workmail.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': props.organization.organizationArn },
      }),
      inlinePolicies: {
        MailboxExport: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['s3:AbortMultipartUpload', 's3:PutObject', 's3:GetBucketPolicyStatus'],
              resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
            }),
            new iam.PolicyStatement({
              actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
              resources: [this.encryptionKey.keyArn],
              conditions: {
                StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
                StringLike: { 'kms:EncryptionContext:aws:s3:arn': `${this.bucket.bucketArn}/${prefix}*` },
              },
            }),
          ],
        }),
      },
    });

    const provider = WorkMailProvider.of(this);
    // StartMailboxExportJob passes the role to WorkMail. A separate policy, not the handler
    // role's default one: the role names the organization, which the handlers create.
    const passRole = new iam.Policy(this, 'PassRole', {
      statements: [new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'export.workmail.amazonaws.com' } },
      })],
    });
    passRole.attachToRole(provider.grantPrincipal as iam.IRole);

    this.mailboxes = props.mailboxes;
    const properties: MailboxExportResourceProperties = {
      OrganizationId: props.organization.organizationId,
      Mailboxes: props.mailboxes,
      RoleArn: this.role.roleArn,
      KmsKeyArn: this.encryptionKey.keyArn,
      BucketName: this.bucket.bucketName,
      Prefix: prefix,
      WaitSeconds: waitTimeout.toSeconds().toString(),
      ReportMailboxes: (props.mailboxes !== undefined && props.mailboxes.length <= MAX_REPORTED_MAILBOXES).toString(),
    };
    this.resource = provider.createResource(this, {
      resourceType: ResourceType.MAILBOX_EXPORT,
      organization: props.organization,
      properties: { ...properties },
      // The handler checks the key before it starts any job.
      statements: [new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [this.encryptionKey.keyArn] })],
      // Deleting the export deletes nothing: the files stay in the bucket.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.resource.node.addDependency(passRole);
    this.exportSummary = this.resource.getAttString('Summary');
    this.exportMarker = this.resource.getAttString('Marker');
    new CfnOutput(this, 'Summary', { value: this.exportSummary, description: `Mailbox export ${this.node.path}` });
  }

  /** The export job id of a mailbox listed in `mailboxes` (empty while it waits for a free slot). */
  public jobId(mailbox: string): string {
    return this.mailboxAttribute(mailbox, 'JobId');
  }

  /** The job state of a listed mailbox when the deployment finished: RUNNING, COMPLETED, FAILED, CANCELLED or QUEUED. */
  public jobState(mailbox: string): string {
    return this.mailboxAttribute(mailbox, 'State');
  }

  /** The S3 key of a listed mailbox's export file in `bucket`. */
  public s3Key(mailbox: string): string {
    return this.mailboxAttribute(mailbox, 'S3Key');
  }

  private mailboxAttribute(mailbox: string, attribute: string): string {
    if (this.mailboxes === undefined || !this.mailboxes.includes(mailbox)) {
      throw invalid(this, 'mailbox', mailbox, `per-mailbox attributes exist only for the mailboxes listed in mailboxes (${(this.mailboxes ?? []).join(', ') || 'none: every mailbox is exported'})`);
    }
    if (this.mailboxes.length > MAX_REPORTED_MAILBOXES) {
      throw invalid(this, 'mailbox', mailbox,
        `per-mailbox attributes exist for at most ${MAX_REPORTED_MAILBOXES} listed mailboxes (a custom resource answers at most 4 KB): use exportSummary, or npx cdk-workmail export-status`);
    }
    return this.resource.getAttString(`${mailbox}.${attribute}`);
  }
}

/** The export must be encrypted under a symmetric customer managed key. */
function checkKey(scope: Construct, key: kms.IKey | undefined): void {
  if (key === undefined) {
    return;
  }
  const awsManagedKey = awsManagedKeyName(key);
  if (awsManagedKey !== undefined) {
    throw invalid(scope, 'encryptionKey', awsManagedKey, 'AWS managed keys cannot encrypt a mailbox export: pass a symmetric customer managed key, or omit encryptionKey');
  }
  const names = knownKeyNames(key);
  const aliasName = (key as Partial<kms.IAlias>).aliasName;
  if (aliasName !== undefined || names.some((name) => /(^|:)alias\//.test(name))) {
    // IAM matches kms:* statements against the key ARN, never an alias ARN.
    throw invalid(scope, 'encryptionKey', names[0] ?? key.node.path,
      'an alias cannot be granted to WorkMail and the handler (IAM policies name keys by key ARN): pass the key itself, '
      + 'e.g. kms.Key.fromKeyArn with its arn:aws:kms:<region>:<account>:key/<id> ARN, or alias.aliasTargetKey');
  }
  const cfnKey = key.node.defaultChild;
  if (cfnKey instanceof kms.CfnKey && cfnKey.keySpec !== undefined && cfnKey.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw invalid(scope, 'encryptionKey', cfnKey.keySpec, 'mailbox exports need a symmetric key (KeySpec SYMMETRIC_DEFAULT)');
  }
}

/** A bucket defined in this app must block every kind of public access. */
function checkBucket(scope: Construct, bucket: s3.IBucket): void {
  const cfnBucket = bucket.node.defaultChild;
  if (!(cfnBucket instanceof s3.CfnBucket)) {
    return; // imported: WorkMail itself refuses a bucket that allows public access
  }
  const config = cfnBucket.publicAccessBlockConfiguration as s3.CfnBucket.PublicAccessBlockConfigurationProperty | undefined;
  const flags = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'] as const;
  const open = flags.filter((flag) => config === undefined || config[flag] !== true);
  if (open.length > 0) {
    throw invalid(scope, 'bucket', bucket.node.path,
      `an export bucket must not allow public access (${open.join(', ')} not set): create it with blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL`);
  }
}
