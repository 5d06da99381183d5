import { readFileSync } from 'fs';
import { join } from 'path';
import { kmsOperations } from './kms';
import type { OperationTable } from './operation';
import { sesOperations } from './ses';
import { sfnOperations } from './sfn';
import type { ServiceModel } from './validate';
import { workmailOperations } from './workmail';

export type ServiceName = 'workmail' | 'kms' | 'ses' | 'sfn' | 's3';

/**
 * A service the endpoint answers for: awsJson1_1 services are recognised by the prefix of
 * `X-Amz-Target`, awsQuery services (form-encoded, no target header) by their `Action`.
 */
export interface EmulatedService {
  readonly name: ServiceName;
  readonly protocol: 'json' | 'query';
  /** awsJson1_1: the prefix of `X-Amz-Target`; awsQuery: the service's name in messages. */
  readonly targetPrefix: string;
  /** awsQuery: the namespace of response documents. */
  readonly xmlNamespace?: string;
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
    protocol: 'json',
    targetPrefix: 'WorkMailService',
    model: loadModel('workmail'),
    operations: workmailOperations,
    validationError: 'InvalidParameterException',
  },
  {
    name: 'kms',
    protocol: 'json',
    targetPrefix: 'TrentService',
    model: loadModel('kms'),
    operations: kmsOperations,
    validationError: 'ValidationException',
  },
  {
    name: 'ses',
    protocol: 'query',
    targetPrefix: 'SES',
    xmlNamespace: 'http://ses.amazonaws.com/doc/2010-12-01/',
    model: loadModel('ses'),
    operations: sesOperations,
    validationError: 'InvalidParameterValue',
  },
  {
    name: 'sfn',
    protocol: 'json',
    targetPrefix: 'AWSStepFunctions',
    model: loadModel('sfn'),
    operations: sfnOperations,
    validationError: 'ValidationException',
  },
];
