import { readFileSync } from 'fs';
import { FlowEngine, FlowEvent, FlowResponse, FunctionInvoker } from './engine';
import { FlowEvaluator, RuleSet } from '../../policy/email-flow';
import { EmailFlowEngineEnvironment } from '../../private/constants';
import { lambdaClient, lambdaSdk } from '../shared/clients';

/** Invokes the users' functions with the Lambda Invoke API. */
export class LambdaInvoker implements FunctionInvoker {
  constructor(private readonly functionArns: readonly string[]) {}

  public async invokeAsync(functionIndex: number, event: FlowEvent): Promise<void> {
    const { InvokeCommand } = lambdaSdk();
    await lambdaClient().send(new InvokeCommand({
      FunctionName: this.functionArns[functionIndex],
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(event)),
    }));
  }

  public async invokeSync(functionIndex: number, event: FlowEvent, timeoutMs: number): Promise<unknown> {
    const { InvokeCommand } = lambdaSdk();
    const result = await lambdaClient().send(new InvokeCommand({
      FunctionName: this.functionArns[functionIndex],
      InvocationType: 'RequestResponse',
      Payload: Buffer.from(JSON.stringify(event)),
    }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    if (result.FunctionError) {
      throw new Error(`the function failed (${result.FunctionError})`);
    }
    return JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8'));
  }
}

/** The engine for a rule set and the ARNs of the functions its Run Lambda rules name. */
export function createEngineHandler(ruleSet: RuleSet, functionArns: readonly string[]) {
  const engine = new FlowEngine(new FlowEvaluator(ruleSet), new LambdaInvoker(functionArns));
  return (event: FlowEvent, context: { getRemainingTimeInMillis(): number }): Promise<FlowResponse> =>
    engine.respond(event, () => context.getRemainingTimeInMillis());
}

let loaded: ReturnType<typeof createEngineHandler> | undefined;

/** The Lambda handler: compiles the rule set once per container. */
export function handler(event: FlowEvent, context: { getRemainingTimeInMillis(): number }): Promise<FlowResponse> {
  loaded ??= createEngineHandler(
    JSON.parse(readFileSync(process.env[EmailFlowEngineEnvironment.RULE_SET_PATH]!, 'utf8')) as RuleSet,
    (process.env[EmailFlowEngineEnvironment.RUN_LAMBDA_FUNCTIONS] ?? '').split(',').filter((arn) => arn !== ''),
  );
  return loaded(event, context);
}
