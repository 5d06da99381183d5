/**
 * `Custom::WorkMailMailboxExport`: checks the export, starts its Step Functions run (which
 * exports every mailbox by itself, see engine.ts) and, if asked, waits for it, within a bound.
 * Delete stops the run and cancels the export jobs still running, and records that in the report.
 */
import { createHash } from 'crypto';
import {
  cancelJob, executionStatus, listEntities, listJobs, readReport, runningExecutions, startExecution, stopExecution, verifyExportKey, writeReport,
} from './apply';
import { exportStep } from './engine';
import { cancelReport, exportMarker, reportKey, selectTargets, summary } from './plan';
import { ExportExecutionInput, ExportRun, ExportStep, MailboxExportResourceProperties } from '../../private/export-properties';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { parseNumber } from '../shared/properties';

type Event = ResourceEvent<MailboxExportResourceProperties>;

export const mailboxExportHandler: ResourceHandler<MailboxExportResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const properties = event.ResourceProperties;
    const run = exportRun(event);
    const physicalResourceId = `${properties.OrganizationId}|mailbox-export|${run.marker.split(' ').pop()}`;
    if (event.RequestType === 'Delete') {
      if (event.PhysicalResourceId === physicalResourceId) {
        await cancel(run, properties.StateMachineArn);
      }
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    // Refuse an unknown mailbox or an unusable key now, while the deployment can say so.
    selectTargets(run.mailboxes, await listEntities(run.organizationId));
    await verifyExportKey(run.kmsKeyArn);
    const executionArn = await ensureRunning(event, run);
    return {
      PhysicalResourceId: physicalResourceId,
      Data: {
        Marker: run.marker,
        ExecutionArn: executionArn,
        ReportKey: reportKey(run.prefix, run.marker),
        Summary: 'export started',
        Deadline: (Date.now() + 1000 * parseNumber('WaitSeconds', properties.WaitSeconds, 0)).toString(),
      },
    };
  },

  async isComplete(event: IsCompleteEvent<MailboxExportResourceProperties>): Promise<IsCompleteResult> {
    if (event.RequestType === 'Delete') {
      return { IsComplete: true };
    }
    const run = exportRun(event);
    const status = await executionStatus(event.Data!.ExecutionArn);
    if (status === 'RUNNING' && Date.now() < Number(event.Data!.Deadline)) {
      return { IsComplete: false };
    }
    // The run goes on after the deployment; the summary is the state at this moment.
    const report = await readReport(run.bucket, reportKey(run.prefix, run.marker));
    return { IsComplete: true, Data: { Summary: report === undefined ? 'export started' : summary(report) } };
  },
};

function exportRun(event: Event): ExportRun {
  const p = event.ResourceProperties;
  return {
    organizationId: p.OrganizationId,
    mailboxes: p.Mailboxes,
    roleArn: p.RoleArn,
    kmsKeyArn: p.KmsKeyArn,
    bucket: p.BucketName,
    prefix: p.Prefix,
    marker: exportMarker(event.StackId, event.LogicalResourceId, p.BucketName, p.Prefix),
    maxAttempts: parseNumber('MaxAttempts', p.MaxAttempts, 3),
  };
}

/**
 * Keeps a run of these settings going: a running execution with the same run is kept (an update
 * that only changes the wait), one with other settings is stopped and a new one started. A new
 * run of an export that is over starts no job: the engine finds every mailbox in its report.
 */
async function ensureRunning(event: Event, run: ExportRun): Promise<string> {
  const stateMachineArn = event.ResourceProperties.StateMachineArn;
  const input: ExportExecutionInput = { run, startedAt: new Date().toISOString() };
  const name = createHash('sha256').update(`${run.marker}\n${JSON.stringify(run)}\n${event.RequestId}`).digest('hex').slice(0, 64);
  for (const execution of await runningExecutions(stateMachineArn)) {
    // The run this request started already (a redelivery), or one with the same settings.
    if (execution.executionArn.endsWith(`:${name}`) || (event.RequestType === 'Update' && sameRun(event, run))) {
      return execution.executionArn;
    }
    await stopExecution(execution.executionArn, 'the MailboxExport changed: a new run replaces this one');
  }
  return startExecution(stateMachineArn, name, JSON.stringify(input));
}

function sameRun(event: Event, run: ExportRun): boolean {
  const old = event.OldResourceProperties;
  return old !== undefined && JSON.stringify(exportRun({ ...event, ResourceProperties: old })) === JSON.stringify(run);
}

/** Removing the export while jobs run: stop the run, cancel its running jobs, say so in the report and the log. */
async function cancel(run: ExportRun, stateMachineArn: string): Promise<void> {
  for (const execution of await runningExecutions(stateMachineArn)) {
    await stopExecution(execution.executionArn, 'the MailboxExport was removed');
  }
  const running = (await listJobs(run.organizationId)).filter((job) => job.Description === run.marker && job.State === 'RUNNING');
  for (const job of running) {
    await cancelJob(run.organizationId, job.JobId!);
  }
  const key = reportKey(run.prefix, run.marker);
  const report = await readReport(run.bucket, key);
  if (report !== undefined && report.state === 'RUNNING') {
    await writeReport(cancelReport(report, running.map((job) => job.JobId!), Date.now()), key, run.kmsKeyArn);
  }
  console.log(JSON.stringify({
    mailboxExport: run.marker,
    cancelled: running.map((job) => ({ jobId: job.JobId, entityId: job.EntityId })),
    message: `the MailboxExport was removed: ${running.length} running export job(s) cancelled; exported files stay in s3://${run.bucket}/${run.prefix}`,
  }));
}

/** The export state machine's one task: a step of the export (see engine.ts). */
export async function exportEngineHandler(
  input: ExportExecutionInput, context?: { getRemainingTimeInMillis(): number },
): Promise<ExportStep> {
  // Leave a minute of the Lambda's time to write the report after the last file check.
  const deadline = context === undefined ? Number.POSITIVE_INFINITY : Date.now() + context.getRemainingTimeInMillis() - 60_000;
  return exportStep(input, deadline);
}
