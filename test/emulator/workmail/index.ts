import type { OperationTable } from '../operation';
import { accessRuleOperations } from './access-rules';
import { availabilityOperations } from './availability';
import { dmarcOperations } from './dmarc';
import { emailMonitoringOperations } from './email-monitoring';
import { entityOperations } from './entities';
import { exportOperations } from './export';
import { identityOperations } from './identity';
import { mailDomainOperations } from './mail-domains';
import { organizationOperations } from './organizations';
import { retentionOperations } from './retention';
import { tagOperations } from './tags';

/** Every WorkMail operation the emulator implements; the others answer that they are not implemented yet. */
export const workmailOperations: OperationTable = {
  ...organizationOperations,
  ...mailDomainOperations,
  ...tagOperations,
  ...retentionOperations,
  ...dmarcOperations,
  ...exportOperations,
  ...emailMonitoringOperations,
  ...accessRuleOperations,
  ...entityOperations,
  ...availabilityOperations,
  ...identityOperations,
};
