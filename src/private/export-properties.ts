/** The properties of a `Custom::WorkMailMailboxExport` resource. Scalars arrive as strings. */
export interface MailboxExportResourceProperties {
  readonly OrganizationId: string;
  /** Entity ids, names or email addresses; absent: every enabled user and resource. */
  readonly Mailboxes?: readonly string[];
  readonly RoleArn: string;
  readonly KmsKeyArn: string;
  readonly BucketName: string;
  readonly Prefix: string;
  /** How long a deployment waits for the jobs, in seconds. */
  readonly WaitSeconds: string;
  /** "true": report `<mailbox>.JobId`, `.State` and `.S3Key` attributes. */
  readonly ReportMailboxes?: string;
}
