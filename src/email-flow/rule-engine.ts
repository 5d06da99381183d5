import { createHash } from 'crypto';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { AspectPriority, Aspects, CfnOutput, Duration, Fn, Lazy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EngineFunction } from './engine-function';
import type { IOrganization } from '../interfaces';
import { OrganizationContext } from '../organization-context';
import { actionKey, FlowEvaluator, FlowRule, ResponseAction, RuleAction, RuleSet } from '../policy/email-flow';
import { EmailFlowEngineEnvironment } from '../private/constants';
import { regionalServicePrincipal } from '../private/environment';

/** Where the rule set is in the engine's layer (layers are mounted under /opt). */
const RULE_SET_FILE = 'email-flow/rules.json';

/**
 * The rule engine of one organization: a Lambda function that the administrator attaches once
 * as a synchronous Run Lambda rule, and the organization's rules, compiled into a rule set.
 *
 * The rule set ships as a Lambda layer written at synth (1,000 patterns far exceed the 4 KB of
 * environment variables). The layer's asset hash is its content: the same rules synthesize the
 * same template, and changed rules publish a new layer version that updates the function.
 */
export class EmailFlowEngine extends Construct {
  /** The organization's engine, created with its first rule in the stack of its context. */
  public static of(organization: IOrganization): EmailFlowEngine {
    const context = OrganizationContext.of(organization);
    return EmailFlowEngine.find(organization) ?? new EmailFlowEngine(Stack.of(context), EmailFlowEngine.id(context), organization);
  }

  /** The organization's engine, if it has rules (imports of one organization share it). */
  public static find(organization: IOrganization): EmailFlowEngine | undefined {
    const context = OrganizationContext.of(organization);
    const existing = Stack.of(context).node.tryFindChild(EmailFlowEngine.id(context));
    return existing instanceof EmailFlowEngine ? existing : undefined;
  }

  private static id(context: OrganizationContext): string {
    return `EmailFlowEngine${context.uniqueId}`;
  }

  public readonly function: lambda.Function;
  /** Sender patterns of all rules: WorkMail's quota counts them per organization. */
  public senderCount = 0;
  private readonly rules: FlowRule[] = [];
  private readonly functions: lambda.IFunction[] = [];
  /** Per direction: rule names, and the distinct actions a response can carry (DEFAULT always). */
  private readonly names = { INBOUND: new Set<string>(), OUTBOUND: new Set<string>() };
  private readonly actionKeys = { INBOUND: new Set(['DEFAULT']), OUTBOUND: new Set(['DEFAULT']) };
  private compiled?: FlowEvaluator;
  private shippedContent?: string;

  private constructor(scope: Construct, id: string, organization: IOrganization) {
    super(scope, id);
    const stack = Stack.of(this);

    this.function = new EngineFunction(this, 'Function', {
      description: `cdk-workmail: email flow rule engine of ${organization.node.path}`,
      // "Lambda functions must respond within 15 seconds, or be treated as failed invocations."
      timeout: Duration.seconds(15),
      memorySize: 512,
      logGroup: new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH }),
      environment: {
        [EmailFlowEngineEnvironment.RULE_SET_PATH]: `/opt/${RULE_SET_FILE}`,
        [EmailFlowEngineEnvironment.RUN_LAMBDA_FUNCTIONS]: Lazy.string({ produce: () => this.functions.length === 0 ? '' : Fn.join(',', this.functions.map((fn) => fn.functionArn)) }),
      },
    });
    // Only WorkMail, for this organization in this account, may invoke the engine.
    this.function.addPermission('WorkMail', {
      principal: regionalServicePrincipal(this, 'workmail'),
      action: 'lambda:InvokeFunction',
      sourceArn: organization.organizationArn,
      sourceAccount: stack.account,
    });

    new CfnOutput(this, 'ConsoleStep', {
      description: 'The one console step of the email flow rules (WorkMail has no API for it)',
      value: Fn.join('', [
        'WorkMail console > organization ',
        organization.organizationId,
        ' > Organization settings: on the Inbound rules tab and on the Outbound rules tab, create a rule with action Run Lambda, Run synchronously, Lambda ARN ',
        this.function.functionArn,
        ', Fallback action Default, Rule timeout ',
        Lazy.string({ produce: () => String(this.ruleTimeoutMinutes) }),
        ' minutes, sender domains or addresses *, destination domains or addresses *. Once, ever: rule changes deploy with cdk deploy.',
      ]),
    });

    Aspects.of(this).add({ visit: (node) => node === this && this.shipRuleSet() }, { priority: AspectPriority.MUTATING });
  }

  /** Adds a rule; a Run Lambda rule's function becomes invocable by the engine. */
  public addRule(rule: FlowRule, fn?: lambda.IFunction): void {
    this.rules.push(rule);
    this.names[rule.direction].add(rule.name);
    this.senderCount += rule.senders.length;
    responseActions(rule.action).forEach((action) => this.actionKeys[rule.direction].add(actionKey(action)));
    this.compiled = undefined;
    if (fn && !this.functions.includes(fn)) {
      this.functions.push(fn);
      fn.grantInvoke(this.function);
    }
  }

  /** Whether a rule of `direction` has this name already. */
  public hasRule(direction: FlowRule['direction'], name: string): boolean {
    return this.names[direction].has(name);
  }

  /** How many distinct actions a response of `direction` could carry with `action` added. */
  public distinctActionsWith(direction: FlowRule['direction'], action: RuleAction): number {
    const keys = this.actionKeys[direction];
    return keys.size + responseActions(action).map(actionKey).filter((key) => !keys.has(key)).length;
  }

  /** The index `fn` has, or gets when its rule is added, in the engine's list of Run Lambda functions. */
  public functionIndex(fn: lambda.IFunction): number {
    const index = this.functions.indexOf(fn);
    return index < 0 ? this.functions.length : index;
  }

  public get ruleSet(): RuleSet {
    return { rules: this.rules };
  }

  public get evaluator(): FlowEvaluator {
    return (this.compiled ??= new FlowEvaluator(this.ruleSet));
  }

  /**
   * The engine's own console rule retries it for the longest timeout of the synchronous Run
   * Lambda rules, so that each of those gets its retries.
   */
  private get ruleTimeoutMinutes(): number {
    return Math.max(0, ...this.rules.map((rule) => rule.action.type === 'RUN_LAMBDA' && rule.action.synchronous ? rule.action.ruleTimeoutMinutes : 0));
  }

  /** Writes the rule set into a directory named by its hash and attaches it as a layer. */
  private shipRuleSet(): void {
    const content = JSON.stringify(this.ruleSet);
    // Synthesizing the app again visits the engine again: its rule set is shipped already.
    if (this.shippedContent !== undefined) {
      if (this.shippedContent !== content) {
        throw new Error(`${this.node.path}: email flow rules were added after the app was synthesized: add every EmailFlowRule before the first synth.`);
      }
      return;
    }
    this.shippedContent = content;
    const directory = path.join(tmpdir(), 'cdk-workmail-email-flow', createHash('sha256').update(content).digest('hex'));
    const file = path.join(directory, RULE_SET_FILE);
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    this.function.addLayers(new lambda.LayerVersion(this, 'RuleSet', {
      code: lambda.Code.fromAsset(directory),
      description: `cdk-workmail: ${this.rules.length} email flow rules`,
    }));
  }
}

/** The actions a rule can put in the engine's response. */
export function responseActions(action: RuleAction): ResponseAction[] {
  if (action.type !== 'RUN_LAMBDA') {
    return [action];
  }
  return action.synchronous ? [action.fallback] : [];
}
