/**
 * `Custom::WorkMailMailboxExport`: exports mailboxes to S3 and waits for the jobs, up to a
 * bound. Delete never deletes exported data and never cancels a job.
 */
import { describeJob, listEntities, listJobs, startJob, verifyExportKey } from './apply';
import { attributes, exportMarker, failedSince, failure, isSettled, MailboxReport, planStep, selectTargets, started } from './plan';
import { MailboxExportResourceProperties } from '../../private/export-properties';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { clientToken } from '../shared/idempotency';
import { parseBoolean, parseNumber } from '../shared/properties';

type Event = ResourceEvent<MailboxExportResourceProperties>;

export const mailboxExportHandler: ResourceHandler<MailboxExportResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    if (event.RequestType === 'Delete') {
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    const properties = event.ResourceProperties;
    const now = Date.now();
    const marker = markerOf(event);
    const reports = await step(event, marker, now);
    return {
      // A new destination is a new export (new physical id); the old one's Delete keeps its data.
      PhysicalResourceId: `${properties.OrganizationId}|mailbox-export|${marker.split(' ').pop()}`,
      Data: {
        ...attributes(reports, properties.BucketName, parseBoolean('ReportMailboxes', properties.ReportMailboxes, false)),
        // The Description of this export's jobs: `cdk-workmail export-status --export <marker>`.
        Marker: marker,
        StartedAt: now.toString(),
        Deadline: (now + 1000 * parseNumber('WaitSeconds', properties.WaitSeconds, 0)).toString(),
      },
    };
  },

  async isComplete(event: IsCompleteEvent<MailboxExportResourceProperties>): Promise<IsCompleteResult> {
    if (event.RequestType === 'Delete') {
      return { IsComplete: true };
    }
    const properties = event.ResourceProperties;
    const now = Date.now();
    const reports = await step(event, markerOf(event), now);
    const failed = failedSince(reports, Number(event.Data?.StartedAt ?? now));
    if (failed.length > 0) {
      const reasons = await Promise.all(failed.map(async (report) =>
        ({ ...report, reason: (await describeJob(properties.OrganizationId, report.jobId!)).ErrorInfo })));
      throw failure(reasons);
    }
    if (!isSettled(reports, now, Number(event.Data?.Deadline ?? now))) {
      return { IsComplete: false };
    }
    // Jobs still running keep running: the deployment reports their ids and states.
    return {
      IsComplete: true,
      Data: attributes(reports, properties.BucketName, parseBoolean('ReportMailboxes', properties.ReportMailboxes, false)),
    };
  },
};

function markerOf(event: Event): string {
  const properties = event.ResourceProperties;
  return exportMarker(event.StackId, event.LogicalResourceId, properties.BucketName, properties.Prefix);
}

/** Reads the mailboxes and jobs, starts what the limits allow, and reports every mailbox. */
async function step(event: Event, marker: string, now: number): Promise<MailboxReport[]> {
  const properties = event.ResourceProperties;
  const targets = selectTargets(properties.Mailboxes, await listEntities(properties.OrganizationId));
  const plan = planStep(targets, await listJobs(properties.OrganizationId), marker, now);
  if (plan.start.length > 0) {
    await verifyExportKey(properties.KmsKeyArn);
  }
  const token = clientToken(event);
  const begun: MailboxReport[] = [];
  for (const target of plan.start) {
    begun.push(started(target, await startJob(properties, marker, target, token)));
  }
  // Reports in the order of the mailboxes, as the user listed them.
  const all = [...plan.reports, ...begun];
  return targets.map((target) => all.find((report) => report.entityId === target.entityId)!);
}
