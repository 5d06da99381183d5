/**
 * Step Functions executions (StartExecution, ListExecutions, DescribeExecution, StopExecution),
 * without running any state machine: a test runs an execution's steps itself and ends it with
 * `endExecution`. StartExecution is idempotent by name for the same input while it runs, as the
 * service documents.
 */
import { epochSeconds, operation, OperationTable, ServiceError } from './operation';
import { paginate } from './pagination';
import type { EmulatorState } from './state';

export interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly startDate: Date;
  stopDate?: Date;
  cause?: string;
}

const executionStates = new WeakMap<EmulatorState, Execution[]>();

/** Every execution started since the last reset, in start order. */
export function executions(state: EmulatorState): Execution[] {
  let list = executionStates.get(state);
  if (list === undefined) {
    list = [];
    executionStates.set(state, list);
  }
  return list;
}

interface ListExecutionsInput {
  readonly stateMachineArn?: string;
  readonly statusFilter?: string;
  readonly maxResults?: number;
  readonly nextToken?: string;
}

const STATE_MACHINE_ARN = /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:([A-Za-z0-9_-]{1,80})$/;

export const sfnOperations: OperationTable = {
  StartExecution: operation<{ readonly stateMachineArn: string; readonly name?: string; readonly input?: string }>((input, ctx) => {
    const match = STATE_MACHINE_ARN.exec(input.stateMachineArn);
    if (match === null) {
      throw new ServiceError('InvalidArn', `Invalid Arn: '${input.stateMachineArn}'`);
    }
    const name = input.name ?? `${Date.now()}`;
    const list = executions(ctx.state);
    const existing = list.find((e) => e.stateMachineArn === input.stateMachineArn && e.name === name);
    if (existing !== undefined) {
      if (existing.status === 'RUNNING' && existing.input === (input.input ?? '{}')) {
        return { executionArn: existing.executionArn, startDate: epochSeconds(existing.startDate) };
      }
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionArn}'`);
    }
    const execution: Execution = {
      executionArn: input.stateMachineArn.replace(':stateMachine:', ':execution:') + `:${name}`,
      stateMachineArn: input.stateMachineArn,
      name,
      input: input.input ?? '{}',
      status: 'RUNNING',
      startDate: new Date(),
    };
    list.push(execution);
    return { executionArn: execution.executionArn, startDate: epochSeconds(execution.startDate) };
  }),

  ListExecutions: operation<ListExecutionsInput>((input, ctx) => {
    const matching = executions(ctx.state).filter((e) =>
      e.stateMachineArn === input.stateMachineArn && (input.statusFilter === undefined || e.status === input.statusFilter));
    const page = paginate(matching, { NextToken: input.nextToken, MaxResults: input.maxResults });
    return {
      executions: page.items.map((e) => ({
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: epochSeconds(e.startDate),
        stopDate: epochSeconds(e.stopDate),
      })),
      nextToken: page.nextToken,
    };
  }),

  DescribeExecution: operation<{ readonly executionArn: string }>((input, ctx) => {
    const execution = find(ctx.state, input.executionArn);
    return {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      input: execution.input,
      startDate: epochSeconds(execution.startDate),
      stopDate: epochSeconds(execution.stopDate),
      cause: execution.cause,
    };
  }),

  StopExecution: operation<{ readonly executionArn: string; readonly cause?: string }>((input, ctx) => {
    const execution = find(ctx.state, input.executionArn);
    if (execution.status === 'RUNNING') {
      Object.assign(execution, { status: 'ABORTED', stopDate: new Date(), cause: input.cause });
    }
    return { stopDate: epochSeconds(execution.stopDate) };
  }),
};

function find(state: EmulatorState, executionArn: string): Execution {
  const execution = executions(state).find((e) => e.executionArn === executionArn);
  if (execution === undefined) {
    throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }
  return execution;
}
