import {
  actionKey,
  DEFAULT_ACTION,
  Direction,
  FlowEvaluator,
  PRECEDENCE,
  RESPONSE_TYPES,
  ResponseAction,
  RuleAction,
  RunLambdaAction,
} from '../../policy/email-flow';

/** The event WorkMail passes to a Run Lambda function ("Lambda event data"). */
export interface FlowEvent {
  readonly summaryVersion: string;
  readonly envelope: {
    readonly mailFrom: { readonly address: string };
    readonly recipients: ReadonlyArray<{ readonly address: string }>;
  };
  readonly sender?: { readonly address: string } | null;
  readonly subject?: string;
  readonly messageId: string;
  readonly invocationId: string;
  readonly flowDirection: Direction;
  readonly truncated: boolean;
}

/** "Synchronous Run Lambda response schema". */
export interface FlowResponse {
  readonly actions: FlowResponseAction[];
}

export interface FlowResponseAction {
  readonly action: { readonly type: string; readonly parameters?: { readonly bounceMessage: string } };
  readonly recipients?: string[];
  readonly allRecipients?: boolean;
}

/** Calls the users' Run Lambda functions, named by their index in the rule set. */
export interface FunctionInvoker {
  /** Invokes with InvocationType Event. */
  invokeAsync(functionIndex: number, event: FlowEvent): Promise<void>;
  /** Invokes with InvocationType RequestResponse; rejects on an error or when `timeoutMs` passes. */
  invokeSync(functionIndex: number, event: FlowEvent, timeoutMs: number): Promise<unknown>;
}

/** Thrown so that WorkMail retries the invocation while a rule's timeout has not run out. */
export class RetryLater extends Error {
  public readonly name = 'RetryLater';
}

/** "Up to 10 unique actions are allowed in the response." */
export const MAX_RESPONSE_ACTIONS = 10;

/** How many invocations a container remembers (answers, first failures, async calls made). */
const MEMORY = 1000;

/**
 * The rule engine: decides every recipient of a WorkMail event with the organization's rules and
 * answers in the synchronous Run Lambda response schema.
 *
 * "This ID remains the same when a Lambda function is called more than once for the same
 * LambdaEventData. Use to detect retries and avoid duplication": a retry that reaches the same
 * container gets the same answer without calling the users' functions again.
 */
export class FlowEngine {
  private readonly answers = new Memory<FlowResponse>();
  private readonly firstFailures = new Memory<number>();
  private readonly asyncCalls = new Memory<true>();

  constructor(private readonly evaluator: FlowEvaluator, private readonly functions: FunctionInvoker) {}

  /**
   * @param timeLeftMs time before WorkMail gives up on this invocation ("Lambda functions must
   * respond within 15 seconds"); synchronous Run Lambda functions get what is left of it.
   */
  public async respond(event: FlowEvent, timeLeftMs: () => number, now: () => number = Date.now): Promise<FlowResponse> {
    const known = this.answers.get(event.invocationId);
    if (known) {
      return known;
    }
    const direction = event.flowDirection;
    const message = {
      direction,
      from: event.envelope.mailFrom.address,
      sender: event.sender?.address,
      recipients: event.envelope.recipients.map((recipient) => recipient.address),
    };
    const decided = new Map<string, RuleAction>();
    const ruleOf = new Map<string, string | undefined>();
    // Recipients are matched without case and answered as the event spells them.
    const spelling = new Map<string, string>();
    for (const decision of this.evaluator.evaluate(message)) {
      const recipient = decision.recipient.toLowerCase();
      decided.set(recipient, decision.action);
      ruleOf.set(recipient, decision.ruleName);
      spelling.set(recipient, decision.recipient);
    }
    // "When true, the payload size exceeds the 128 KB limit, so the list of recipients is
    // truncated": the recipients left out get the allRecipients action.
    const unlisted = event.truncated ? this.evaluator.evaluateUnlisted(message) : undefined;

    const final = new Map<string, ResponseAction>();
    let rest: ResponseAction | undefined;
    const runs = new Map<string, { action: RunLambdaAction; recipients: string[]; rest: boolean }>();
    for (const [recipient, action] of decided) {
      if (action.type === 'RUN_LAMBDA') {
        runFor(runs, ruleOf.get(recipient)!, action).recipients.push(recipient);
      } else {
        final.set(recipient, action);
      }
    }
    if (unlisted?.action.type === 'RUN_LAMBDA') {
      runFor(runs, unlisted.ruleName!, unlisted.action).rest = true;
    } else if (unlisted) {
      rest = unlisted.action as ResponseAction;
    }

    const added = new Map<string, ResponseAction>();
    await Promise.all([...runs].map(async ([ruleName, run]) => {
      const merged = await this.run(event, ruleName, run.action, timeLeftMs, now);
      run.recipients.forEach((recipient) => final.set(recipient, merged.forRecipient(recipient)));
      if (run.rest) {
        rest = merged.allRecipients ?? run.action.fallback;
      }
      merged.specific.forEach((action, recipient) => {
        if (!decided.has(recipient)) {
          added.set(recipient, action);
        }
      });
    }));
    added.forEach((action, recipient) => final.set(recipient, action));

    const spelled = new Map([...final].map(([recipient, action]) => [spelling.get(recipient) ?? recipient, action]));
    const response = { actions: render(direction, spelled, rest, new Set(added.keys())) };
    this.answers.set(event.invocationId, response);
    return response;
  }

  /** Runs one Run Lambda rule and returns how its answer decides recipients. */
  private async run(event: FlowEvent, ruleName: string, action: RunLambdaAction,
    timeLeftMs: () => number, now: () => number): Promise<MergedAnswer> {
    const key = `${event.invocationId}/${ruleName}`;
    if (!action.synchronous) {
      // "This configuration does not affect email delivery": the message continues as Default.
      if (!this.asyncCalls.get(key)) {
        this.asyncCalls.set(key, true);
        await this.functions.invokeAsync(action.functionIndex, event).catch((error) => {
          console.log(JSON.stringify({ rule: ruleName, invocation: 'Event', outcome: errorName(error) }));
        });
      }
      return fixed(DEFAULT_ACTION);
    }
    try {
      // Leave a second to answer WorkMail.
      const answer = await this.functions.invokeSync(action.functionIndex, event, Math.max(0, timeLeftMs() - 1000));
      return parseAnswer(event.flowDirection, answer, action.fallback);
    } catch (error) {
      console.log(JSON.stringify({ rule: ruleName, invocation: 'RequestResponse', outcome: errorName(error) }));
      // "Amazon WorkMail retries the invocation [...] until the Rule timeout period completes.
      // Then, the Fallback action is applied to all recipients."
      const first = this.firstFailures.get(key) ?? now();
      this.firstFailures.set(key, first);
      if (now() - first < action.ruleTimeoutMinutes * 60_000) {
        throw new RetryLater(`rule ${ruleName}: its function failed (${errorName(error)}); WorkMail retries until the rule timeout of ${action.ruleTimeoutMinutes} minutes runs out`);
      }
      return fixed(action.fallback);
    }
  }
}

function runFor(runs: Map<string, { action: RunLambdaAction; recipients: string[]; rest: boolean }>,
  ruleName: string, action: RunLambdaAction) {
  let run = runs.get(ruleName);
  if (!run) {
    run = { action, recipients: [], rest: false };
    runs.set(ruleName, run);
  }
  return run;
}

/** A synchronous function's answer, or a fixed action. */
interface MergedAnswer {
  /** Recipients the answer names, with their actions. */
  readonly specific: ReadonlyMap<string, ResponseAction>;
  readonly allRecipients?: ResponseAction;
  forRecipient(recipient: string): ResponseAction;
}

function fixed(action: ResponseAction): MergedAnswer {
  return { forRecipient: () => action, specific: new Map(), allRecipients: action };
}

/**
 * Reads a synchronous function's answer with WorkMail's rules; throws when it breaks the schema
 * ("invalid response"), so the rule's failure handling applies.
 */
export function parseAnswer(direction: Direction, answer: unknown, fallback: ResponseAction): MergedAnswer {
  const actions = (answer as FlowResponse | null)?.actions;
  if (!Array.isArray(actions)) {
    throw new Error('the answer has no actions list');
  }
  const specific = new Map<string, ResponseAction>();
  let allRecipients: ResponseAction | undefined;
  const beyondLimit = new Set<string>();
  actions.forEach((entry, index) => {
    const action = responseAction(direction, entry);
    const recipients = entry.recipients ?? [];
    if (!Array.isArray(recipients) || recipients.some((recipient) => typeof recipient !== 'string')
      || (entry.allRecipients !== undefined && typeof entry.allRecipients !== 'boolean')) {
      throw new Error(`action ${index} has malformed recipients or allRecipients`);
    }
    if (index >= MAX_RESPONSE_ACTIONS) {
      // "Actions greater than 10 are subject to the configured Fallback action."
      recipients.forEach((recipient) => beyondLimit.add(recipient.toLowerCase()));
      return;
    }
    recipients.forEach((recipient) => {
      if (!specific.has(recipient.toLowerCase())) {
        specific.set(recipient.toLowerCase(), action);
      }
    });
    if (entry.allRecipients) {
      allRecipients ??= action;
    }
  });
  beyondLimit.forEach((recipient) => {
    if (!specific.has(recipient)) {
      specific.set(recipient, fallback);
    }
  });
  return {
    // "The Fallback action [...] also applies to any recipients that are omitted from the Lambda
    // response if the allRecipients flag is not set."
    forRecipient: (recipient) => specific.get(recipient) ?? allRecipients ?? fallback,
    specific,
    allRecipients,
  };
}

function responseAction(direction: Direction, entry: FlowResponseAction): ResponseAction {
  const type = entry?.action?.type;
  if (!RESPONSE_TYPES[direction].includes(type as any)) {
    throw new Error(`action type ${JSON.stringify(type)} is not one of ${RESPONSE_TYPES[direction].join(', ')} (${direction})`);
  }
  const bounceMessage = entry.action.parameters?.bounceMessage;
  if (bounceMessage !== undefined && (type !== 'BOUNCE' || typeof bounceMessage !== 'string')) {
    throw new Error('parameters.bounceMessage is a string, for BOUNCE only');
  }
  return bounceMessage === undefined ? { type } as ResponseAction : { type: 'BOUNCE', bounceMessage };
}

/**
 * The response: one entry per distinct action. The action of the recipients left out of a
 * truncated event, or else the most common one (Default on a tie), carries `allRecipients`
 * ("applies the action to all the recipients that are not subject to another specific action")
 * and lists only the recipients a function added. At most 10 entries ("Up to 10 unique actions are
 * allowed in the response"): should the functions' answers make more, the least restrictive
 * entries are left out and their recipients get the allRecipients action.
 */
function render(direction: Direction, final: Map<string, ResponseAction>, rest: ResponseAction | undefined,
  added: ReadonlySet<string>): FlowResponseAction[] {
  const groups = new Map<string, { action: ResponseAction; recipients: string[] }>();
  for (const [recipient, action] of final) {
    const key = actionKey(action);
    const group = groups.get(key) ?? { action, recipients: [] };
    group.recipients.push(recipient);
    groups.set(key, group);
  }
  // A message with no recipient to decide still gets a complete answer.
  rest ??= groups.size === 0 ? DEFAULT_ACTION : undefined;
  const order = PRECEDENCE[direction];
  const restKey = rest ? actionKey(rest) : [...groups.keys()].sort((a, b) =>
    groups.get(b)!.recipients.length - groups.get(a)!.recipients.length
    || Number(b === 'DEFAULT') - Number(a === 'DEFAULT'))[0];
  if (rest && !groups.has(restKey)) {
    groups.set(restKey, { action: rest, recipients: [] });
  }
  const entries = [...groups]
    .sort(([ka, a], [kb, b]) => Number(kb === restKey) - Number(ka === restKey)
      || order.indexOf(a.action.type) - order.indexOf(b.action.type) || ka.localeCompare(kb))
    .map(([key, group]) => {
      const action = group.action.bounceMessage === undefined
        ? { type: group.action.type }
        : { type: group.action.type, parameters: { bounceMessage: group.action.bounceMessage } };
      if (key !== restKey) {
        return { action, recipients: group.recipients };
      }
      const listed = group.recipients.filter((recipient) => added.has(recipient));
      return { action, allRecipients: true, ...(listed.length > 0 ? { recipients: listed } : {}) };
    });
  if (entries.length > MAX_RESPONSE_ACTIONS) {
    console.log(JSON.stringify({ actions: entries.length, kept: MAX_RESPONSE_ACTIONS }));
  }
  return entries.slice(0, MAX_RESPONSE_ACTIONS);
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A bounded map: the oldest entry goes when it is full. */
class Memory<T> {
  private readonly entries = new Map<string, T>();

  public get(key: string): T | undefined {
    return this.entries.get(key);
  }

  public set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > MEMORY) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
