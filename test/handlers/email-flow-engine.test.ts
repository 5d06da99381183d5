/**
 * The rule engine with the Administrator Guide's event and response examples ("Lambda event
 * data", "Synchronous Run Lambda response schema"), calling Run Lambda functions with the real
 * `@aws-sdk/client-lambda` against a loopback Lambda endpoint.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { createEngineHandler, handler, LambdaInvoker } from '../../src/handlers/email-flow';
import { FlowEngine, FlowEvent, RetryLater } from '../../src/handlers/email-flow/engine';
import { FlowEvaluator, FlowRule, RuleAction, RuleSet } from '../../src/policy/email-flow';
import { FakeLambda } from '../email-flow/fake-lambda';

const SCANNER = 'arn:aws:lambda:us-east-1:111111111111:function:scanner';
const AUDIT = 'arn:aws:lambda:us-east-1:111111111111:function:audit';
const FUNCTIONS = [SCANNER, AUDIT];

let lambda: FakeLambda;
let logs: string[];

beforeAll(async () => {
  lambda = await FakeLambda.start();
  Object.assign(process.env, lambda.environment);
});
afterAll(async () => lambda.stop());
beforeEach(() => {
  lambda.reset();
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
});

/** The guide's example event, with a fresh invocationId per test unless given. */
let invocations = 0;
function guideEvent(overrides: Partial<FlowEvent> = {}): FlowEvent {
  return {
    summaryVersion: '2018-10-10',
    envelope: {
      mailFrom: { address: 'from@example.com' },
      recipients: [{ address: 'recipient1@example.com' }, { address: 'recipient2@example.com' }],
    },
    sender: { address: 'sender@example.com' },
    subject: 'Hello From Amazon WorkMail!',
    messageId: '00000000-0000-0000-0000-000000000000',
    invocationId: String(++invocations).padStart(32, '0'),
    flowDirection: 'INBOUND',
    truncated: false,
    ...overrides,
  };
}

const context = (ms = 14_000) => ({ getRemainingTimeInMillis: () => ms });
const rule = (name: string, action: RuleAction, senders: string[], recipients = ['*'], direction: 'INBOUND' | 'OUTBOUND' = 'INBOUND'): FlowRule =>
  ({ name, direction, action, senders, recipients });
const sync = (fallback: RuleAction = { type: 'DEFAULT' }, ruleTimeoutMinutes = 0): RuleAction =>
  ({ type: 'RUN_LAMBDA', functionIndex: 0, synchronous: true, fallback: fallback as any, ruleTimeoutMinutes });
const engine = (...rules: FlowRule[]) => createEngineHandler({ rules }, FUNCTIONS);

describe('answers in the response schema', () => {
  test('removing a recipient: the guide\'s first example', async () => {
    const respond = engine(rule('drop one', { type: 'DROP' }, ['sender@example.com'], ['recipient2@example.com']));
    // "Example: Remove specified recipients from an email message"
    expect(await respond(guideEvent({
      envelope: {
        mailFrom: { address: 'from@example.com' },
        recipients: [
          { address: 'recipient1@example.com' }, { address: 'recipient3@example.com' }, { address: 'recipient2@example.com' },
        ],
      },
    }), context())).toEqual({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'DROP' }, recipients: ['recipient2@example.com'] },
      ],
    });
  });

  test('bouncing with a custom message: the guide\'s second example', async () => {
    const respond = engine(rule('policy', { type: 'BOUNCE', bounceMessage: 'Email in breach of company policy.' }, ['example.com']));
    // "Example: Bounce with a custom email message"
    expect(await respond(guideEvent(), context())).toEqual({
      actions: [{ action: { type: 'BOUNCE', parameters: { bounceMessage: 'Email in breach of company policy.' } }, allRecipients: true }],
    });
  });

  test('one entry per distinct action, bounces with different messages apart, most common one as allRecipients', async () => {
    const respond = engine(
      rule('a', { type: 'BOUNCE', bounceMessage: 'A.' }, ['example.com'], ['a@corp.example']),
      rule('b', { type: 'BOUNCE', bounceMessage: 'B.' }, ['example.com'], ['b@corp.example']),
      rule('junk', { type: 'MOVE_TO_JUNK' }, ['example.com'], ['corp.example']),
    );
    const recipients = ['a@corp.example', 'b@corp.example', 'c@corp.example', 'd@corp.example'].map((address) => ({ address }));
    expect(await respond(guideEvent({ envelope: { mailFrom: { address: 'x@example.com' }, recipients } }), context())).toEqual({
      actions: [
        { action: { type: 'MOVE_TO_JUNK' }, allRecipients: true },
        { action: { type: 'BOUNCE', parameters: { bounceMessage: 'A.' } }, recipients: ['a@corp.example'] },
        { action: { type: 'BOUNCE', parameters: { bounceMessage: 'B.' } }, recipients: ['b@corp.example'] },
      ],
    });
  });

  test('outbound: Sender or From with the recipient', async () => {
    const respond = engine(rule('rivals', { type: 'BOUNCE' }, ['example.com'], ['rival.example'], 'OUTBOUND'));
    expect(await respond(guideEvent({
      flowDirection: 'OUTBOUND',
      envelope: { mailFrom: { address: 'me@example.com' }, recipients: [{ address: 'x@rival.example' }, { address: 'y@friend.example' }] },
      sender: null,
    }), context())).toEqual({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'BOUNCE' }, recipients: ['x@rival.example'] },
      ],
    });
  });

  test('recipients are matched without case and answered as the event spells them', async () => {
    const respond = engine(rule('named', { type: 'DROP' }, ['example.com'], ['recipient1@example.com']));
    expect(await respond(guideEvent({
      envelope: { mailFrom: { address: 'From@Example.com' }, recipients: [{ address: 'Recipient1@Example.COM' }, { address: 'other@example.com' }] },
    }), context())).toEqual({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'DROP' }, recipients: ['Recipient1@Example.COM'] },
      ],
    });
  });

  test('a message without recipients still gets a complete answer', async () => {
    expect(await engine()(guideEvent({ envelope: { mailFrom: { address: 'a@b.example' }, recipients: [] } }), context()))
      .toEqual({ actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] });
  });
});

describe('retries and truncation', () => {
  test('a retry with the same invocationId gets the same answer, without calling the functions again', async () => {
    let calls = 0;
    lambda.define(SCANNER, () => ({ actions: [{ action: { type: calls++ === 0 ? 'MOVE_TO_JUNK' : 'DROP' }, allRecipients: true }] }));
    lambda.define(AUDIT, () => null);
    const respond = engine(
      rule('scan', sync(), ['*']),
      rule('audit', { type: 'RUN_LAMBDA', functionIndex: 1, synchronous: false, fallback: { type: 'DEFAULT' }, ruleTimeoutMinutes: 0 }, ['*.example.com']),
    );
    const event = guideEvent({ sender: { address: 'sender@mail.example.com' } });
    const first = await respond(event, context());
    // "This ID remains the same when a Lambda function is called more than once for the same
    // LambdaEventData. Use to detect retries and avoid duplication."
    expect(await respond({ ...event }, context())).toEqual(first);
    expect(first).toEqual({ actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] });
    expect(lambda.invocations.map((call) => [call.functionName, call.invocationType])).toEqual([[AUDIT, 'Event']]);
  });

  test('truncated: the recipients left out get the decision of the rules whose destination is *', async () => {
    const respond = engine(
      rule('vip', { type: 'BYPASS_SPAM_CHECK' }, ['example.com'], ['recipient1@example.com']),
      rule('everyone', { type: 'MOVE_TO_JUNK' }, ['example.com']),
    );
    // "When true, the payload size exceeds the 128 KB limit, so the list of recipients is truncated"
    // and allRecipients "applies the action to all the recipients that are not subject to another
    // specific action".
    expect(await respond(guideEvent({
      truncated: true,
      envelope: {
        mailFrom: { address: 'from@example.com' },
        recipients: [
          { address: 'recipient1@example.com' },
        ],
      },
    }), context())).toEqual({
      actions: [
        { action: { type: 'MOVE_TO_JUNK' }, allRecipients: true },
        { action: { type: 'BYPASS_SPAM_CHECK' }, recipients: ['recipient1@example.com'] },
      ],
    });
  });

  test('truncated, with no rule for any recipient: Default for the rest', async () => {
    const respond = engine(rule('named', { type: 'DROP' }, ['example.com'], ['recipient1@example.com']));
    expect(await respond(guideEvent({ truncated: true }), context())).toEqual({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'DROP' }, recipients: ['recipient1@example.com'] },
      ],
    });
  });

  test('truncated, when a synchronous Run Lambda rule decides the rest: its allRecipients action', async () => {
    lambda.define(SCANNER, () => ({ actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }] }));
    expect(await engine(rule('scan', sync(), ['*']))(guideEvent({ truncated: true }), context()))
      .toEqual({ actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }] });
  });
});

describe('Run Lambda', () => {
  test('asynchronous: invoked with InvocationType Event and the same event; delivery continues as Default', async () => {
    lambda.define(AUDIT, () => null);
    const respond = engine(rule('audit', { type: 'RUN_LAMBDA', functionIndex: 1, synchronous: false, fallback: { type: 'DEFAULT' }, ruleTimeoutMinutes: 0 }, ['*']));
    const event = guideEvent();
    expect(await respond(event, context())).toEqual({ actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] });
    expect(lambda.invocations).toEqual([{ functionName: AUDIT, invocationType: 'Event', event }]);
  });

  test('asynchronous: a failed invocation does not affect delivery', async () => {
    const respond = engine(rule('audit', { type: 'RUN_LAMBDA', functionIndex: 1, synchronous: false, fallback: { type: 'DEFAULT' }, ruleTimeoutMinutes: 0 }, ['*']));
    expect(await respond(guideEvent(), context())).toEqual({ actions: [{ action: { type: 'DEFAULT' }, allRecipients: true }] });
    expect(logs.join('\n')).toMatch(/ResourceNotFoundException/);
  });

  test('synchronous: the function gets the same event and its actions decide its recipients', async () => {
    lambda.define(SCANNER, () => ({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'DROP' }, recipients: ['Recipient2@example.com'] },
        // "You can add new recipients to the response even if they were not included in the
        // original recipients list."
        { action: { type: 'DEFAULT' }, recipients: ['new-recipient@example.com'] },
      ],
    }));
    const respond = engine(rule('scan', sync(), ['*']), rule('junk one', { type: 'MOVE_TO_JUNK' }, ['from@example.com'], ['recipient1@example.com']));
    const event = guideEvent({ sender: null });
    expect(await respond(event, context())).toEqual({
      actions: [
        // The added recipient is listed: allRecipients covers only the event's recipients.
        { action: { type: 'DEFAULT' }, allRecipients: true, recipients: ['new-recipient@example.com'] },
        { action: { type: 'DROP' }, recipients: ['recipient2@example.com'] },
        { action: { type: 'MOVE_TO_JUNK' }, recipients: ['recipient1@example.com'] },
      ],
    });
    expect(lambda.invocations).toEqual([{ functionName: SCANNER, invocationType: 'RequestResponse', event }]);
  });

  test('synchronous: recipients the answer omits without allRecipients get the fallback', async () => {
    // "This action also applies to any recipients that are omitted from the Lambda response if the
    // allRecipients flag is not set."
    lambda.define(SCANNER, () => ({ actions: [{ action: { type: 'DEFAULT' }, recipients: ['recipient1@example.com'] }] }));
    expect(await engine(rule('scan', sync({ type: 'MOVE_TO_JUNK' }), ['*']))(guideEvent(), context())).toEqual({
      actions: [
        { action: { type: 'DEFAULT' }, allRecipients: true },
        { action: { type: 'MOVE_TO_JUNK' }, recipients: ['recipient2@example.com'] },
      ],
    });
  });

  test('synchronous: actions beyond the tenth get the fallback', async () => {
    // "Up to 10 unique actions are allowed in the response. Actions greater than 10 are subject to
    // the configured Fallback action."
    const filler = Array.from({ length: 10 }, (_, i) => ({ action: { type: 'BOUNCE', parameters: { bounceMessage: `No ${i}.` } }, recipients: [`x${i}@example.com`] }));
    lambda.define(SCANNER, () => ({ actions: [...filler, { action: { type: 'DEFAULT' }, recipients: ['recipient1@example.com', 'recipient2@example.com'] }] }));
    const response = await engine(rule('scan', sync({ type: 'DROP' }), ['*']))(guideEvent(), context());
    expect(response.actions[0]).toEqual({ action: { type: 'DROP' }, allRecipients: true });
    expect(JSON.stringify(response)).not.toMatch(/recipient1/);
    // The engine's own answer keeps to the limit too: the function's ten bounces and the fallback
    // make eleven, and the least restrictive one is left out.
    expect(response.actions).toHaveLength(10);
    expect(JSON.stringify(response)).not.toMatch(/x9@/);
  });

  test.each([
    ['a function error', () => {
      throw new Error('boom');
    }],
    ['no actions list', () => ({ verdict: 'ok' })],
    ['an action type of the other direction', () => ({ actions: [{ action: { type: 'ROUTE' }, allRecipients: true }] })],
    ['a bounce message that is not a string', () => ({ actions: [{ action: { type: 'BOUNCE', parameters: { bounceMessage: 42 } }, allRecipients: true }] })],
    ['recipients that are not strings', () => ({ actions: [{ action: { type: 'DROP' }, recipients: [1] }] })],
  ])('synchronous: %s applies the fallback at once with a rule timeout of 0', async (_, fn) => {
    lambda.define(SCANNER, fn);
    // "If Amazon WorkMail can't invoke your Lambda function due to an error, invalid response, or
    // Lambda timeout, [...] the Fallback action is applied to all recipients of the email message."
    expect(await engine(rule('scan', sync({ type: 'BOUNCE', bounceMessage: 'Scanner down.' }), ['*']))(guideEvent(), context())).toEqual({
      actions: [{ action: { type: 'BOUNCE', parameters: { bounceMessage: 'Scanner down.' } }, allRecipients: true }],
    });
  });

  test('synchronous: outbound answers may only use outbound actions', async () => {
    lambda.define(SCANNER, () => ({ actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }] }));
    const respond = engine(rule('scan', sync({ type: 'DROP' }), ['*'], ['*'], 'OUTBOUND'));
    expect(await respond(guideEvent({ flowDirection: 'OUTBOUND' }), context())).toEqual({ actions: [{ action: { type: 'DROP' }, allRecipients: true }] });
  });

  test('synchronous: a function slower than the time left gets the fallback, within the budget', async () => {
    lambda.define(SCANNER, () => new Promise((resolve) => setTimeout(() => resolve({ actions: [] }), 3000).unref()));
    const started = Date.now();
    expect(await engine(rule('scan', sync({ type: 'DROP' }), ['*']))(guideEvent(), context(1500))).toEqual({
      actions: [{ action: { type: 'DROP' }, allRecipients: true }],
    });
    // One second of the 1.5 s left is kept to answer WorkMail.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('synchronous: throttling is retried', async () => {
    lambda.define(SCANNER, () => ({ actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }] }));
    lambda.throttleNext = 1;
    expect(await engine(rule('scan', sync(), ['*']))(guideEvent(), context())).toEqual({
      actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }],
    });
  });

  test('synchronous with a rule timeout: WorkMail retries until it runs out, then the fallback applies', async () => {
    // "Rule timeout: The time period during which the Lambda function is retried if Amazon WorkMail
    // fails to invoke it. The Fallback action is applied at the end of this time period."
    let clock = 1_000_000;
    const flow = new FlowEngine(new FlowEvaluator({ rules: [rule('scan', sync({ type: 'MOVE_TO_JUNK' }, 5), ['*'])] }), new LambdaInvoker(FUNCTIONS));
    const event = guideEvent();
    await expect(flow.respond(event, () => 10_000, () => clock)).rejects.toThrow(RetryLater);
    clock += 4 * 60_000;
    await expect(flow.respond(event, () => 10_000, () => clock)).rejects.toThrow(/rule timeout of 5 minutes/);
    clock += 60_000;
    expect(await flow.respond(event, () => 10_000, () => clock)).toEqual({ actions: [{ action: { type: 'MOVE_TO_JUNK' }, allRecipients: true }] });
    expect(lambda.invocations).toHaveLength(0); // the function does not exist: ResourceNotFoundException each time
    expect(logs.filter((line) => line.includes('"rule":"scan"'))).toHaveLength(3);
  });
});

describe('Lambda entry point', () => {
  test('reads the rule set from RULE_SET_PATH and the functions from RUN_LAMBDA_FUNCTIONS', async () => {
    const ruleSet: RuleSet = { rules: [rule('scan', sync(), ['*']), rule('drop', { type: 'DROP' }, ['spam.example'])] };
    const directory = mkdtempSync(path.join(tmpdir(), 'flow-rules-'));
    writeFileSync(path.join(directory, 'rules.json'), JSON.stringify(ruleSet));
    process.env.RULE_SET_PATH = path.join(directory, 'rules.json');
    process.env.RUN_LAMBDA_FUNCTIONS = FUNCTIONS.join(',');
    lambda.define(SCANNER, () => ({ actions: [{ action: { type: 'BYPASS_SPAM_CHECK' }, allRecipients: true }] }));

    expect(await handler(guideEvent({ sender: { address: 'bulk@spam.example' } }), context()))
      .toEqual({ actions: [{ action: { type: 'DROP' }, allRecipients: true }] });
    expect(await handler(guideEvent(), context()))
      .toEqual({ actions: [{ action: { type: 'BYPASS_SPAM_CHECK' }, allRecipients: true }] });
  });
});
