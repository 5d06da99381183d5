import type { OperationTable } from '../operation';
import { dmarcOperations } from './dmarc';
import { exportOperations } from './export';
import { emailMonitoringOperations } from './email-monitoring';
import { accessRuleOperations } from './access-rules';
import { availabilityOperations } from './availability';
import { entityOperations } from './entities';
import { mailDomainOperations } from './mail-domains';
import { mailboxOwnerOperations } from './mailboxes';
import { organizationOperations } from './organizations';
import { retentionOperations } from './retention';
import { snapshotReadOperations } from './snapshot-reads';
import { tagOperations } from './tags';

/** Every WorkMail operation the emulator implements; the others answer that they are not implemented yet. */
export const workmailOperations: OperationTable = {
  ...organizationOperations,
  ...mailDomainOperations,
  ...tagOperations,
  ...retentionOperations,
  ...dmarcOperations,
  ...mailboxOwnerOperations,
  ...exportOperations,
  ...snapshotReadOperations,
  ...emailMonitoringOperations,
  ...accessRuleOperations,
  ...entityOperations,
  ...availabilityOperations,
};
