import { readFileSync } from 'fs';
import { join } from 'path';
import { kmsOperations } from './kms';
import type { OperationTable } from './operation';
import type { ServiceModel } from './validate';
import { workmailOperations } from './workmail';

export type ServiceName = 'workmail' | 'kms';

/** A service the endpoint answers for, recognised by the prefix of `X-Amz-Target`. */
export interface EmulatedService {
  readonly name: ServiceName;
  readonly targetPrefix: string;
  readonly model: ServiceModel;
  readonly operations: OperationTable;
  /** The error the service answers for input that breaks the model's constraints. */
  readonly validationError: string;
}

function loadModel(name: ServiceName): ServiceModel {
  return JSON.parse(readFileSync(join(__dirname, 'model', `${name}.json`), 'utf8')) as ServiceModel;
}

export const SERVICES: readonly EmulatedService[] = [
  {
    name: 'workmail',
    targetPrefix: 'WorkMailService',
    model: loadModel('workmail'),
    operations: workmailOperations,
    validationError: 'InvalidParameterException',
  },
  {
    name: 'kms',
    targetPrefix: 'TrentService',
    model: loadModel('kms'),
    operations: kmsOperations,
    validationError: 'ValidationException',
  },
];
