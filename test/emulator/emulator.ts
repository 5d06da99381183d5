import { KmsKeys } from './kms';
import { s3Buckets, StoredObject } from './s3';
import { EmulatorServer, Fault, RateLimit, RecordedCall } from './server';
import { Execution, executions } from './sfn';
import { emptyState, EmulatorContext, MailDomain, Organization, SesIdentity, VerificationStatus } from './state';
import { identityStateOf, IdentityState } from './workmail/identity';
import { scheduleVerification } from './workmail/mail-domains';

/** When and how a domain's verification ends, as if its records had been published. */
export interface VerificationOptions {
  /** How many more GetMailDomain calls still see the current statuses. @default 0 */
  readonly afterPolls?: number;
  /** @default 'VERIFIED' */
  readonly ownership?: VerificationStatus;
  /** @default 'VERIFIED' */
  readonly dkim?: VerificationStatus;
}

export interface WorkMailEmulatorOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
}

/**
 * A stateful WorkMail (and KMS) endpoint on 127.0.0.1 for handler tests, which point the real SDK
 * clients at `endpoint` (client option) or set `environment` in `process.env`.
 */
export class WorkMailEmulator {
  public static async start(options: WorkMailEmulatorOptions = {}): Promise<WorkMailEmulator> {
    const emulator = new WorkMailEmulator(options);
    emulator.server = await EmulatorServer.start(() => emulator.context);
    return emulator;
  }

  /** Seed keys for KMS DescribeKey with `kms.addKey(...)`. */
  public readonly kms: KmsKeys;
  private context: EmulatorContext;
  private server!: EmulatorServer;

  private constructor(options: WorkMailEmulatorOptions) {
    this.context = {
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
      state: emptyState(),
    };
    this.kms = new KmsKeys(() => this.context);
  }

  /** `http://127.0.0.1:<port>` */
  public get endpoint(): string {
    return this.server.endpoint;
  }

  public get region(): string {
    return this.context.region;
  }

  public get accountId(): string {
    return this.context.accountId;
  }

  /**
   * The environment that makes SDK clients created without options (as the handlers create them)
   * use this endpoint, region and dummy credentials.
   */
  public get environment(): Record<string, string> {
    return {
      AWS_ENDPOINT_URL_WORKMAIL: this.endpoint,
      AWS_ENDPOINT_URL_KMS: this.endpoint,
      AWS_ENDPOINT_URL_SES: this.endpoint,
      AWS_ENDPOINT_URL_SFN: this.endpoint,
      AWS_ENDPOINT_URL_S3: this.endpoint,
      AWS_REGION: this.region,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
  }

  /** Every request received, in order, including those answered with an error or a fault. */
  public get calls(): readonly RecordedCall[] {
    return this.server.calls;
  }

  public callsTo(operation: string): RecordedCall[] {
    return this.server.calls.filter((call) => call.operation === operation);
  }

  /** Queues a fault; faults are consumed in the order they were injected. */
  public injectFault(fault: Fault): void {
    this.server.injectFault(fault);
  }

  /** Throttles requests beyond a sustained rate (until `reset`); see `RateLimit`. */
  public limitRate(rateLimit: RateLimit): void {
    this.server.limitRate(rateLimit);
  }

  /** Organizations created with this alias (from now until `reset`) end in `Failed` with this ErrorMessage. */
  public failOrganizationCreation(alias: string, errorMessage: string): void {
    this.context.state.creationFailures.set(alias.toLowerCase(), errorMessage);
  }

  /**
   * How many DescribeOrganization calls see a new organization before it is Active (or Failed):
   * `Requested` first, then `Creating`. 0 creates organizations already Active. @default 2
   */
  public setCreationSteps(describeCalls: number): void {
    if (!Number.isInteger(describeCalls) || describeCalls < 0) {
      throw new Error(`creation steps must be a non-negative integer, got ${describeCalls}`);
    }
    this.context.state.creationSteps = describeCalls;
  }

  /** Makes a CloudWatch Logs log group exist in the emulator's region; returns its ARN ending in `:*`. */
  public addLogGroup(logGroupName: string): string {
    const arn = `arn:aws:logs:${this.region}:${this.accountId}:log-group:${logGroupName}:*`;
    this.context.state.logGroupArns.add(arn);
    return arn;
  }

  /** Makes an IAM role exist; returns its ARN. */
  public addRole(roleName: string): string {
    const arn = `arn:aws:iam::${this.accountId}:role/${roleName}`;
    this.context.state.roleArns.add(arn);
    return arn;
  }

  /** The live state of an organization (deleted ones included): tests may read and change it. */
  public organization(organizationId: string): Organization {
    const organization = this.context.state.organizations.get(organizationId);
    if (organization === undefined) {
      throw new Error(`the emulator never created organization ${organizationId}`);
    }
    return organization;
  }

  /** A mail domain of an organization (test domain included): tests may read and change it. */
  public mailDomain(organizationId: string, domainName: string): MailDomain {
    const domain = this.organization(organizationId).mailDomains.get(domainName.toLowerCase());
    if (domain === undefined) {
      throw new Error(`organization ${organizationId} has no domain ${domainName}`);
    }
    return domain;
  }

  /** Makes SES find the domain's records: its statuses change as `options` say. */
  public verifyMailDomain(organizationId: string, domainName: string, options: VerificationOptions = {}): void {
    scheduleVerification(this.mailDomain(organizationId, domainName), options.afterPolls ?? 0,
      options.ownership ?? 'VERIFIED', options.dkim ?? 'VERIFIED');
  }

  /** Gives an entity of the organization an email address (primary or alias). */
  public addAddress(organizationId: string, address: string, entityId: string): void {
    this.organization(organizationId).addresses.set(address.toLowerCase(), entityId);
  }

  /** Makes an S3 bucket exist (empty); returns its objects by key, which tests may read and change. */
  public addBucket(name: string): Map<string, StoredObject> {
    const objects = new Map<string, StoredObject>();
    s3Buckets(this.context.state).set(name, objects);
    return objects;
  }

  /** The objects of a bucket, by key. */
  public bucket(name: string): Map<string, StoredObject> {
    const objects = s3Buckets(this.context.state).get(name);
    if (objects === undefined) {
      throw new Error(`the emulator has no bucket ${name}`);
    }
    return objects;
  }

  /** Step Functions executions started since the last `reset`, in start order: tests run and end them. */
  public executions(): Execution[] {
    return executions(this.context.state);
  }

  /** The SES identity of a domain, if SES has one. */
  public sesIdentity(name: string): SesIdentity | undefined {
    return this.context.state.sesIdentities.get(name.toLowerCase());
  }

  /** The account's Identity Center instances and applications, and the availability providers that answer. */
  public identity(): IdentityState {
    return identityStateOf(this.context.state);
  }

  /** Every organization created since the last `reset`, in creation order. */
  public organizations(): Organization[] {
    return [...this.context.state.organizations.values()];
  }

  /** Forgets all state, pending faults and recorded calls; region, account and endpoint stay. */
  public reset(): void {
    this.context = { ...this.context, state: emptyState() };
    this.server.clear();
  }

  public async stop(): Promise<void> {
    await this.server.stop();
  }
}
