import { Duration, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { FlowAction, FlowActionType, FlowDirection } from './flow-action';
import { EmailFlowEngine } from './rule-engine';
import type { IOrganization } from '../interfaces';
import { classifyPattern, FlowRule, RESPONSE_TYPES, ResponseAction, RuleAction } from '../policy/email-flow';
import { refuseAdoption } from '../private/ownership';
import { BOUNCE_MESSAGE, FLOW_RULE_NAME, invalid, validateEnum, validateString } from '../private/validation';

/** "Number of sender patterns in email flow rules per rule: 250. This is a hard quota." */
const MAX_SENDERS_PER_RULE = 250;
/** "Number of sender patterns in email flow rules per organization: 1,000. This is a hard quota." */
const MAX_SENDERS_PER_ORGANIZATION = 1000;
/** "The maximum value for Rule timeout is 240 minutes." */
const MAX_RULE_TIMEOUT_MINUTES = 240;
/**
 * Function ARNs are deploy-time values, so they reach the engine in an environment variable (4 KB
 * for all variables): 40 ARNs of up to 90 characters leave room for the rest.
 */
const MAX_RUN_LAMBDA_FUNCTIONS = 40;
/** "Up to 10 unique actions are allowed in the response." */
const MAX_RESPONSE_ACTIONS = 10;

/** Properties of an {@link EmailFlowRule}. */
export interface EmailFlowRuleProps {
  /** The organization whose mail the rule applies to. */
  readonly organization: IOrganization;

  /** Inbound (mail to the organization) or outbound (mail from its users). */
  readonly direction: FlowDirection;

  /** What happens to the messages the rule matches. */
  readonly action: FlowAction;

  /**
   * Sender patterns (at most 250; 1,000 in the organization): an email address
   * (`mailbox@example.com`), a domain (`example.com`), a wildcard domain (`*.example.com`: the
   * domain and all its subdomains) or `*`. The `+` symbol is not valid.
   */
  readonly senders: string[];

  /**
   * Destination patterns, in the same forms as `senders`. A synchronous Run Lambda rule takes
   * only `*`.
   *
   * @default ['*']
   */
  readonly recipients?: string[];

  /**
   * The rule's name, unique among the organization's rules of its direction; decisions name it.
   *
   * @default - the construct id
   */
  readonly ruleName?: string;
}

/**
 * An email flow rule of a WorkMail organization, applied by the organization's rule engine.
 *
 * WorkMail has no API for email flow rules. The first rule of an organization creates its rule
 * engine, a Lambda function that you attach once in the console as a synchronous Run Lambda
 * rule (the stack output `ConsoleStep` says how); from then on the rules deploy with the stack,
 * with the Administrator Guide's semantics: the most specific pattern wins, ties go to the most
 * restrictive action, decisions are per recipient.
 */
export class EmailFlowRule extends Construct {
  /** The rule's name. */
  public readonly ruleName: string;

  /**
   * The organization's rule engine, shared by all its rules: the function to attach in the
   * console, to watch (errors, duration) or to invoke in tests.
   */
  public readonly engineFunction: lambda.IFunction;

  constructor(scope: Construct, id: string, props: EmailFlowRuleProps) {
    super(scope, id);
    refuseAdoption(this, props, 'WorkMail has no API for email flow rules: the rule engine applies the rules of this app, and has nothing to take over');
    validateEnum(this, 'direction', props.direction, FlowDirection, 'FlowDirection');
    validateEnum(this, 'action.actionType', props.action.actionType, FlowActionType, 'FlowAction');
    this.ruleName = props.ruleName ?? id;
    validateResolved(this, 'ruleName', this.ruleName);
    validateString(this, 'ruleName', this.ruleName, FLOW_RULE_NAME);

    const direction = props.direction === FlowDirection.INBOUND ? 'INBOUND' : 'OUTBOUND';
    const senders = patterns(this, 'senders', props.senders);
    const recipients = patterns(this, 'recipients', props.recipients ?? ['*']);
    if (senders.length > MAX_SENDERS_PER_RULE) {
      throw invalid(this, 'senders', `${senders.length} patterns`,
        `a rule takes at most ${MAX_SENDERS_PER_RULE} sender patterns (a hard WorkMail quota): split it into several rules with the same action`);
    }

    // Checked against the engine's running totals: the 1,000th rule costs what the first does.
    const engine = EmailFlowEngine.of(props.organization);
    if (engine.hasRule(direction, this.ruleName)) {
      throw invalid(this, 'ruleName', this.ruleName, `the organization already has a ${direction.toLowerCase()} rule with this name: pass a unique ruleName`);
    }
    const total = engine.senderCount + senders.length;
    if (total > MAX_SENDERS_PER_ORGANIZATION) {
      throw invalid(this, 'senders', `${total} patterns in the organization`,
        `an organization takes at most ${MAX_SENDERS_PER_ORGANIZATION} sender patterns (a hard WorkMail quota): use domains or wildcard domains instead of many addresses`);
    }

    const action = ruleAction(this, engine, direction, props.action);
    if (action.type === 'RUN_LAMBDA' && action.synchronous && (recipients.length !== 1 || recipients[0] !== '*')) {
      throw invalid(this, 'recipients', props.recipients,
        '"Synchronous Run Lambda rules support the * destination condition only": drop recipients, or decide per recipient inside the function');
    }
    const rule: FlowRule = { name: this.ruleName, direction, action, senders, recipients };
    const distinct = engine.distinctActionsWith(direction, action);
    if (distinct > MAX_RESPONSE_ACTIONS) {
      throw invalid(this, 'action', props.action.bounceMessage ?? props.action.actionType,
        `the ${direction.toLowerCase()} rules would need ${distinct} different actions in one engine response, and WorkMail takes at most ${MAX_RESPONSE_ACTIONS}: use fewer different bounce messages`);
    }
    engine.addRule(rule, props.action._function);
    this.engineFunction = engine.function;
  }
}

/** Checks and normalizes a pattern list: the rules are written to a file at synth. */
function patterns(scope: Construct, property: string, values: string[]): string[] {
  if (values.length === 0) {
    throw invalid(scope, property, values, 'a rule needs at least one pattern: use ["*"] for every address');
  }
  const normalized = new Set<string>();
  for (const value of values) {
    validateResolved(scope, property, value);
    const kind = classifyPattern(value);
    if ('error' in kind) {
      const fix = value.includes('+')
        ? 'remove the + (match the address without its +tag, or its domain)'
        : 'write an address, a domain, *.domain or *';
      throw invalid(scope, property, value, `${kind.error}: ${fix}`);
    }
    normalized.add(value.toLowerCase());
  }
  return [...normalized];
}

/** The engine reads its rules from a file written at synth: deploy-time values cannot go there. */
function validateResolved(scope: Construct, property: string, value: string): void {
  if (Token.isUnresolved(value)) {
    throw invalid(scope, property, value, 'email flow rules are compiled at synth, so this must be a literal, not a deploy-time value');
  }
}

function ruleAction(scope: Construct, engine: EmailFlowEngine, direction: 'INBOUND' | 'OUTBOUND', action: FlowAction): RuleAction {
  if (action.actionType === FlowActionType.ROUTE_TO_SMTP_GATEWAY) {
    throw invalid(scope, 'action', `routeToSmtpGateway(${action._gatewayName})`,
      'the rule engine answers with WorkMail\'s synchronous Run Lambda response, which can only bounce, drop, deliver, junk or skip the spam check, '
      + 'never route: create this outbound rule in the WorkMail console (Organization settings > Outbound rules, action Route to SMTP gateway)');
  }
  if (action.actionType !== FlowActionType.RUN_LAMBDA) {
    return responseAction(scope, 'action', direction, action);
  }
  const options = action._options ?? {};
  const fallback = options.fallbackAction ?? FlowAction.defaultAction();
  if (fallback.actionType === FlowActionType.RUN_LAMBDA) {
    throw invalid(scope, 'fallbackAction', fallback.actionType, '"The Fallback action can\'t be another Lambda action": choose drop, bounce, default or (inbound) moveToJunk or bypassSpamCheck');
  }
  const functionIndex = engine.functionIndex(action._function!);
  if (functionIndex >= MAX_RUN_LAMBDA_FUNCTIONS) {
    throw invalid(scope, 'action', `runLambda(${action._function!.node.path})`,
      `the engine learns the ARNs of Run Lambda functions from an environment variable, which fits ${MAX_RUN_LAMBDA_FUNCTIONS} ARNs: `
      + 'let fewer functions dispatch the work, or call several from one');
  }
  return {
    type: 'RUN_LAMBDA',
    functionIndex,
    synchronous: options.synchronous ?? false,
    fallback: responseAction(scope, 'fallbackAction', direction, fallback),
    ruleTimeoutMinutes: ruleTimeout(scope, options.ruleTimeout ?? Duration.minutes(0)),
  };
}

/** An action the engine's response carries: its type must exist in the rule's direction. */
function responseAction(scope: Construct, property: string, direction: 'INBOUND' | 'OUTBOUND', action: FlowAction): ResponseAction {
  if (!RESPONSE_TYPES[direction].includes(action.actionType as string as ResponseAction['type'])) {
    throw invalid(scope, property, action.actionType, `${direction.toLowerCase()} rules take ${RESPONSE_TYPES[direction].join(', ')}${property === 'action' ? ' or Run Lambda' : ''}`);
  }
  if (action.bounceMessage === undefined) {
    return { type: action.actionType as string as ResponseAction['type'] };
  }
  validateResolved(scope, 'bounce message', action.bounceMessage);
  validateString(scope, 'bounce message', action.bounceMessage, BOUNCE_MESSAGE);
  return { type: 'BOUNCE', bounceMessage: action.bounceMessage };
}

function ruleTimeout(scope: Construct, timeout: Duration): number {
  if (timeout.isUnresolved()) {
    throw invalid(scope, 'ruleTimeout', timeout.toString(), 'email flow rules are compiled at synth, so this must be a literal, not a deploy-time value');
  }
  const minutes = timeout.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_RULE_TIMEOUT_MINUTES) {
    throw invalid(scope, 'ruleTimeout', timeout.toHumanString(), `a rule timeout is a whole number of minutes from 0 to ${MAX_RULE_TIMEOUT_MINUTES}`);
  }
  return minutes;
}
