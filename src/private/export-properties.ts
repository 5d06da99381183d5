/** The properties of a `Custom::WorkMailMailboxExport` resource. Scalars arrive as strings. */
export interface MailboxExportResourceProperties {
  readonly OrganizationId: string;
  /** Entity ids, names or email addresses; absent: every user and resource mailbox. */
  readonly Mailboxes?: readonly string[];
  readonly RoleArn: string;
  readonly KmsKeyArn: string;
  readonly BucketName: string;
  readonly Prefix: string;
  /** How long a deployment waits for the export to end, in seconds ("0": until the run has started). */
  readonly WaitSeconds: string;
  /** Attempts per mailbox, the first included. */
  readonly MaxAttempts: string;
  /** The state machine that runs the export. */
  readonly StateMachineArn: string;
}

/** What the export's state machine passes to its engine function at every step. */
export interface ExportRun {
  readonly organizationId: string;
  /** Absent: every user and resource mailbox. */
  readonly mailboxes?: readonly string[];
  readonly roleArn: string;
  readonly kmsKeyArn: string;
  readonly bucket: string;
  readonly prefix: string;
  /** The Description of the export's jobs (see plan.ts `exportMarker`). */
  readonly marker: string;
  readonly maxAttempts: number;
}

/** The engine's answer, which the state machine's Choice reads. */
export interface ExportStep {
  /** WAIT: wait `delaySeconds`, then step again; CONTINUE: go on in a new execution; DONE: the export is over. */
  readonly next: 'WAIT' | 'CONTINUE' | 'DONE';
  readonly delaySeconds: number;
  /** Steps taken by this execution. */
  readonly iteration: number;
}

/** The execution input: the run, when it was started, and the previous step (absent on the first). */
export interface ExportExecutionInput {
  readonly run: ExportRun;
  /** ISO 8601: a run started after the export was cancelled resumes it; a step of the cancelled run ends. */
  readonly startedAt?: string;
  readonly step?: ExportStep;
}

/** The WorkMail operations the export engine calls, on the organization's ARN (the handler tests check them). */
export const ENGINE_WORKMAIL_OPERATIONS: readonly string[] = [
  'StartMailboxExportJob', 'ListMailboxExportJobs', 'DescribeMailboxExportJob', 'ListUsers', 'ListResources',
];

/** The metric namespace of the engine's metrics (CloudWatch embedded metric format). */
export const EXPORT_METRIC_NAMESPACE = 'cdk-workmail/MailboxExport';

/** Metric names, with the dimensions OrganizationId and Prefix. */
export const ExportMetric = {
  MAILBOXES: 'Mailboxes',
  EXPORTED: 'MailboxesExported',
  RUNNING: 'MailboxesRunning',
  FAILED: 'MailboxesFailed',
  REFUSED: 'MailboxesRefused',
  VERIFICATION_FAILURES: 'VerificationFailures',
  EXPORTED_BYTES: 'ExportedBytes',
} as const;
