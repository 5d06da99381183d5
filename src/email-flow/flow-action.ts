import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Whether a rule applies to mail coming into the organization or leaving it. */
export enum FlowDirection {
  /** Email sent to anyone inside the organization ("Inbound rules"). */
  INBOUND = 'INBOUND',
  /** Email sent by the organization's users ("Outbound rules"). */
  OUTBOUND = 'OUTBOUND',
}

/** The actions of WorkMail's email flow rules. */
export enum FlowActionType {
  /** Drop email: not delivered (or not sent), and the sender is not notified. */
  DROP = 'DROP',
  /** Send bounce response: not delivered (or not sent), and the sender is notified. */
  BOUNCE = 'BOUNCE',
  /** Deliver to junk folder (inbound only). */
  MOVE_TO_JUNK = 'MOVE_TO_JUNK',
  /** Default: the normal flow, with WorkMail's spam detection for inbound email. */
  DEFAULT = 'DEFAULT',
  /** Never deliver to junk folder (inbound only). */
  BYPASS_SPAM_CHECK = 'BYPASS_SPAM_CHECK',
  /** Run Lambda: pass the message to a function. */
  RUN_LAMBDA = 'RUN_LAMBDA',
  /** Route to SMTP gateway (outbound): cannot be expressed by the rule engine, refused at synth. */
  ROUTE_TO_SMTP_GATEWAY = 'ROUTE_TO_SMTP_GATEWAY',
}

/** Options of a Run Lambda action. */
export interface RunLambdaOptions {
  /**
   * Run synchronously: the function's answer (in WorkMail's synchronous Run Lambda response
   * schema) decides the recipients of this rule. Otherwise the function is invoked
   * asynchronously and the message continues with the Default action.
   *
   * @default false
   */
  readonly synchronous?: boolean;

  /**
   * Synchronous only: the action applied when the function fails, times out or answers outside
   * the schema, and to the recipients its answer leaves out without `allRecipients`. It cannot be
   * another Run Lambda action.
   *
   * @default FlowAction.defaultAction()
   */
  readonly fallbackAction?: FlowAction;

  /**
   * Synchronous only: how long WorkMail keeps retrying a failing function before the fallback
   * action applies, in whole minutes from 0 to 240. With 0 the fallback applies at once.
   *
   * @default Duration.minutes(0)
   */
  readonly ruleTimeout?: Duration;
}

/** What an email flow rule does with the messages it matches. */
export class FlowAction {
  /** Drop email: the message is not delivered (or not sent), and the sender is not notified. */
  public static drop(): FlowAction {
    return new FlowAction(FlowActionType.DROP);
  }

  /**
   * Send bounce response: the message is not delivered (or not sent), and the sender is notified.
   *
   * @param message the text of the bounce message (at most 998 characters on one line); without
   * it WorkMail uses its own text
   */
  public static bounce(message?: string): FlowAction {
    return new FlowAction(FlowActionType.BOUNCE, message);
  }

  /** Deliver to junk folder, even when WorkMail's spam detection lets the message through (inbound only). */
  public static moveToJunk(): FlowAction {
    return new FlowAction(FlowActionType.MOVE_TO_JUNK);
  }

  /**
   * Default: the normal flow. Use it with a more specific pattern to make exceptions to rules for
   * whole domains.
   */
  public static defaultAction(): FlowAction {
    return new FlowAction(FlowActionType.DEFAULT);
  }

  /**
   * Never deliver to junk folder, even when WorkMail's spam detection flags the message
   * (inbound only). This exposes users to whatever those senders send.
   */
  public static bypassSpamCheck(): FlowAction {
    return new FlowAction(FlowActionType.BYPASS_SPAM_CHECK);
  }

  /**
   * Run Lambda: pass the message's event to `fn`. The rule engine invokes it, so `fn` needs no
   * permission for WorkMail; the engine's role may invoke it.
   */
  public static runLambda(fn: lambda.IFunction, options: RunLambdaOptions = {}): FlowAction {
    return new FlowAction(FlowActionType.RUN_LAMBDA, undefined, fn, options);
  }

  /**
   * Route to SMTP gateway. The rule engine answers with WorkMail's synchronous Run Lambda
   * response, which has no such action, so a rule with it is refused at synth: create that rule
   * in the WorkMail console.
   */
  public static routeToSmtpGateway(gatewayName: string): FlowAction {
    return new FlowAction(FlowActionType.ROUTE_TO_SMTP_GATEWAY, undefined, undefined, undefined, gatewayName);
  }

  /** The action's type. */
  public readonly actionType: FlowActionType;

  /**
   * BOUNCE only: the bounce message.
   * @default - WorkMail's own bounce text
   */
  public readonly bounceMessage?: string;

  /** @internal */
  public readonly _function?: lambda.IFunction;

  /** @internal */
  public readonly _options?: RunLambdaOptions;

  /** @internal */
  public readonly _gatewayName?: string;

  private constructor(type: FlowActionType, bounceMessage?: string, fn?: lambda.IFunction,
    options?: RunLambdaOptions, gatewayName?: string) {
    this.actionType = type;
    this.bounceMessage = bounceMessage;
    this._function = fn;
    this._options = options;
    this._gatewayName = gatewayName;
  }
}
