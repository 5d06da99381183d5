import { ArnFormat, CfnOutput, Duration, IResource, Names, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ExportEngineFunction } from './export-engine/export-engine-function';
import type { IOrganization } from './interfaces';
import { ResourceType } from './private/constants';
import { ENGINE_WORKMAIL_OPERATIONS, EXPORT_METRIC_NAMESPACE, ExportMetric, MailboxExportResourceProperties } from './private/export-properties';
import { awsManagedKeyName, knownKeyNames } from './private/kms-keys';
import { invalid, validateBucketName, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** An export of WorkMail mailboxes, run by this stack or imported (to watch its metrics). */
export interface IMailboxExport extends IResource {
  /** The bucket the export files go to. */
  readonly bucket: s3.IBucket;

  /**
   * The S3 prefix of the export files, which the export's metrics are keyed by.
   * @attribute
   */
  readonly exportPrefix: string;

  /**
   * A metric of the export's engine (namespace `cdk-workmail/MailboxExport`, dimensions
   * OrganizationId and Prefix): `Mailboxes`, `MailboxesExported`, `MailboxesRunning`,
   * `MailboxesFailed`, `MailboxesRefused`, `VerificationFailures`, `ExportedBytes`, each the
   * state after a step of the run. Maximum over 5 minutes unless `props` says otherwise.
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Mailboxes whose every attempt failed, or that WorkMail refused to export: alarm on > 0. */
  metricExportsFailed(props?: cloudwatch.MetricOptions): cloudwatch.MathExpression;

  /** Export files that did not match their export log (each is retried). */
  metricVerificationFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Mailboxes exported and verified so far. */
  metricMailboxesExported(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Bytes of the verified .zip files so far. */
  metricExportedBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** Attributes to reference an export with {@link MailboxExport.fromMailboxExportAttributes}. */
export interface MailboxExportAttributes {
  /** The organization whose mailboxes the export exports. */
  readonly organization: IOrganization;

  /** The bucket the export files go to. */
  readonly bucket: s3.IBucket;

  /**
   * The S3 prefix of the export files.
   * @default 'workmail-export/'
   */
  readonly prefix?: string;
}

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
   * How long a deployment waits for the export to end, at most 50 minutes (CloudFormation waits
   * at most an hour for a custom resource). The export runs to its end by itself on Step
   * Functions either way; `npx cdk-workmail export-status` shows its progress.
   *
   * @default Duration.seconds(0) - the deployment returns once the run has started
   */
  readonly waitTimeout?: Duration;

  /**
   * Attempts per mailbox, the first included. A failed job, or an export whose file does not
   * match its log, is tried again once WorkMail allows it (24 hours after the last attempt).
   *
   * @default 3
   */
  readonly maxAttempts?: number;
}

const MAX_WAIT = Duration.minutes(50);
const DEFAULT_PREFIX = 'workmail-export/';
const PREFIX = { minLength: 1, maxLength: 1023, pattern: /^[A-Za-z0-9!_.*'()/-]+$/, rule: "1-1023 characters: letters, digits and !_.*'()/-" };

/** The metrics of an export, keyed by its organization and prefix: shared by the export and its imports. */
abstract class MailboxExportBase extends Resource implements IMailboxExport {
  public abstract readonly bucket: s3.IBucket;
  public abstract readonly exportPrefix: string;
  /** @internal */
  protected abstract readonly _organizationId: string;

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: EXPORT_METRIC_NAMESPACE,
      metricName,
      dimensionsMap: { OrganizationId: this._organizationId, Prefix: this.exportPrefix },
      statistic: cloudwatch.Stats.MAXIMUM,
      ...props,
    });
  }

  public metricExportsFailed(props?: cloudwatch.MetricOptions): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: 'FILL(failed, 0) + FILL(refused, 0)',
      usingMetrics: { failed: this.metric(ExportMetric.FAILED, props), refused: this.metric(ExportMetric.REFUSED, props) },
      label: 'Mailboxes not exported',
      period: props?.period,
    });
  }

  public metricVerificationFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(ExportMetric.VERIFICATION_FAILURES, props);
  }

  public metricMailboxesExported(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(ExportMetric.EXPORTED, props);
  }

  public metricExportedBytes(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(ExportMetric.EXPORTED_BYTES, props);
  }
}

/**
 * Exports WorkMail mailboxes (email and calendar items, in MIME format, one .zip per mailbox) to
 * S3 with StartMailboxExportJob, under a customer managed key, through a role that only
 * `export.workmail.amazonaws.com` can assume for this organization.
 *
 * The export runs to its end by itself on AWS Step Functions: it keeps up to WorkMail's 10
 * concurrent jobs per organization busy, starts the next mailbox as a slot frees, retries a
 * failed mailbox once WorkMail's 24 hours have passed, checks every .zip against the export log
 * WorkMail writes beside it, and keeps a report object in the bucket. The deployment returns
 * once the run has started; deploying again without changes starts nothing. Removing the
 * construct while jobs run cancels them; it never deletes exported data (the bucket and key are
 * retained).
 */
export class MailboxExport extends MailboxExportBase {
  /**
   * References an export run outside this stack (or by an earlier stack), for its metrics and
   * bucket. The reference starts and changes nothing.
   */
  public static fromMailboxExportAttributes(scope: Construct, id: string, attrs: MailboxExportAttributes): IMailboxExport {
    class Import extends MailboxExportBase {
      public readonly bucket = attrs.bucket;
      public readonly exportPrefix = attrs.prefix ?? DEFAULT_PREFIX;
      /** @internal */
      protected readonly _organizationId = attrs.organization.organizationId;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'prefix', imported.exportPrefix, PREFIX);
    return imported;
  }

  /** The bucket the export files go to. */
  public readonly bucket: s3.IBucket;

  /**
   * The S3 prefix of the export files.
   * @attribute
   */
  public readonly exportPrefix: string;

  /** The key that encrypts the export files. */
  public readonly encryptionKey: kms.IKey;

  /** The role WorkMail assumes to write the export. */
  public readonly role: iam.IRole;

  /** The state machine that runs the export. */
  public readonly stateMachine: sfn.IStateMachine;

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

  /**
   * The S3 key of the report object in `bucket`: per mailbox, its jobs, their states and times,
   * the .zip's size, the items exported and not exportable, and the verification result.
   * @attribute
   */
  public readonly reportKey: string;

  /** @internal */
  protected readonly _organizationId: string;

  constructor(scope: Construct, id: string, props: MailboxExportProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefix = props.prefix ?? DEFAULT_PREFIX;
    validateString(this, 'prefix', prefix, PREFIX);
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
    const waitTimeout = props.waitTimeout ?? Duration.seconds(0);
    if (!waitTimeout.isUnresolved() && waitTimeout.toSeconds() > MAX_WAIT.toSeconds()) {
      throw invalid(this, 'waitTimeout', waitTimeout.toHumanString(),
        'it must be at most 50 minutes (CloudFormation waits at most an hour); the export runs to its end by itself anyway');
    }
    const maxAttempts = props.maxAttempts ?? 3;
    if (!Token.isUnresolved(maxAttempts) && (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10)) {
      throw invalid(this, 'maxAttempts', maxAttempts, 'an integer from 1 to 10 (each retry waits the 24 hours WorkMail requires between exports of a mailbox)');
    }
    checkKey(this, props.encryptionKey);
    if (props.bucket) {
      validateBucketName(this, 'bucket', props.bucket.bucketName);
      checkBucket(this, props.bucket);
    }
    checkRegion(this, 'bucket', props.bucket?.env.region);
    checkRegion(this, 'encryptionKey', props.encryptionKey?.env.region);

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
    this._organizationId = props.organization.organizationId;
    this.exportPrefix = prefix;

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

    const engine = this.createEngine(props.organization, prefix);
    this.stateMachine = engine;

    const provider = WorkMailProvider.of(this);
    const properties: MailboxExportResourceProperties = {
      OrganizationId: props.organization.organizationId,
      Mailboxes: props.mailboxes,
      RoleArn: this.role.roleArn,
      KmsKeyArn: this.encryptionKey.keyArn,
      BucketName: this.bucket.bucketName,
      Prefix: prefix,
      WaitSeconds: waitTimeout.toSeconds().toString(),
      MaxAttempts: maxAttempts.toString(),
      StateMachineArn: engine.stateMachineArn,
    };
    const resource = provider.createResource(this, {
      resourceType: ResourceType.MAILBOX_EXPORT,
      organization: props.organization,
      properties,
      statements: [
        // The handler checks the key before it starts the run.
        new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [this.encryptionKey.keyArn] }),
        new iam.PolicyStatement({ actions: ['states:StartExecution', 'states:ListExecutions'], resources: [engine.stateMachineArn] }),
        new iam.PolicyStatement({
          actions: ['states:DescribeExecution', 'states:StopExecution'],
          resources: [stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${engine.stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        }),
        // Reads the report for the summary; marks it cancelled when the export is removed.
        ...this.reportStatements(),
      ],
      // Deleting the export deletes nothing: the files stay in the bucket.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.exportSummary = resource.getAttString('Summary');
    this.exportMarker = resource.getAttString('Marker');
    this.reportKey = resource.getAttString('ReportKey');
    new CfnOutput(this, 'Summary', { value: this.exportSummary, description: `Mailbox export ${this.node.path}` });
    new CfnOutput(this, 'Report', { value: this.bucket.s3UrlForObject(this.reportKey), description: `Mailbox export report ${this.node.path}` });
  }

  /** Reading and writing the export's objects: the report, the export files and logs, under the prefix only. */
  private reportStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [this.bucket.arnForObjects(`${this.exportPrefix}*`)] }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    ];
  }

  /**
   * The state machine: a step (the engine function), then wait as long as the step says, until
   * the export is over. After 1,000 steps it goes on in a new execution of itself, whose ARN is
   * built from a fixed name (naming the state machine in its own role would be a cycle).
   */
  private createEngine(organization: IOrganization, prefix: string): sfn.StateMachine {
    const stack = Stack.of(this);
    const fn = new ExportEngineFunction(this, 'Engine', {
      description: 'cdk-workmail: one step of a mailbox export',
      memorySize: 512,
      // A step checks export files (SHA-384 of each .zip): up to the Lambda maximum.
      timeout: Duration.minutes(15),
      logGroup: new logs.LogGroup(this, 'EngineLogs', { retention: logs.RetentionDays.ONE_YEAR }),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ENGINE_WORKMAIL_OPERATIONS.map((operation) => `workmail:${operation}`),
      resources: [organization.organizationArn],
    }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [this.role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'export.workmail.amazonaws.com' } },
    }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [this.encryptionKey.keyArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [this.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': `${prefix}*` } },
    }));
    this.reportStatements().forEach((statement) => fn.addToRolePolicy(statement));

    const stateMachineName = Names.uniqueResourceName(this, { maxLength: 80, separator: '-' });
    const step = new tasks.LambdaInvoke(this, 'Step', {
      lambdaFunction: fn,
      payloadResponseOnly: true,
      resultPath: '$.step',
      retryOnServiceExceptions: true,
    });
    // The engine's calls retry through throttling; a step that still fails is run again later.
    step.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(30), backoffRate: 2, maxAttempts: 8, maxDelay: Duration.minutes(15) });
    const wait = new sfn.Wait(this, 'Wait', { time: sfn.WaitTime.secondsPath('$.step.delaySeconds') });
    const goOn = new tasks.CallAwsService(this, 'ContinueInNewExecution', {
      service: 'sfn',
      action: 'startExecution',
      parameters: {
        StateMachineArn: sfn.JsonPath.stringAt('$$.StateMachine.Id'),
        Input: sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$')),
      },
      iamResources: [stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      iamAction: 'states:StartExecution',
    });
    const done = new sfn.Succeed(this, 'Done');
    const definition = step.next(new sfn.Choice(this, 'Next')
      .when(sfn.Condition.stringEquals('$.step.next', 'DONE'), done)
      .when(sfn.Condition.stringEquals('$.step.next', 'CONTINUE'), goOn.next(done))
      .otherwise(wait.next(step)));
    return new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      comment: 'cdk-workmail mailbox export: runs until every mailbox is exported, failed or refused',
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'StateMachineLogs', { retention: logs.RetentionDays.ONE_YEAR }),
        level: sfn.LogLevel.ERROR,
      },
    });
  }
}

/** WorkMail requires the organization, the key and the bucket in one region. */
function checkRegion(scope: Construct, property: string, region: string | undefined): void {
  const stackRegion = Stack.of(scope).region;
  if (region === undefined || Token.isUnresolved(region) || Token.isUnresolved(stackRegion) || region === stackRegion) {
    return;
  }
  throw invalid(scope, property, region,
    `WorkMail exports only to a bucket and key in the organization's region (${stackRegion}): use a ${property === 'bucket' ? 'bucket' : 'key'} in ${stackRegion}`);
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
