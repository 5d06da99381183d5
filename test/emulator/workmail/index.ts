import type { OperationTable } from '../operation';
import { availabilityOperations } from './availability';
import { entityOperations } from './entities';
import { mailDomainOperations } from './mail-domains';
import { organizationOperations } from './organizations';
import { tagOperations } from './tags';

/** Every WorkMail operation the emulator implements; the others answer that they are not implemented yet. */
export const workmailOperations: OperationTable = {
  ...organizationOperations,
  ...mailDomainOperations,
  ...tagOperations,
  ...entityOperations,
  ...availabilityOperations,
};
