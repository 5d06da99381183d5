import { createHash } from 'crypto';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { AspectPriority, Aspects, CfnOutput, Duration, Fn, Lazy, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { EngineFunction } from './engine-function';
import type { IOrganization } from '../organization';
import { FlowEvaluator, FlowRule, RuleSet } from '../policy/email-flow';

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
  /** The organization's engine, created in the stack of its first rule. */
  public static of(rule: IConstruct, organization: IOrganization): EmailFlowEngine {
    const existing = ENGINES.get(organization);
    if (existing) {
      return existing;
    }
    const engine = new EmailFlowEngine(Stack.of(rule), `EmailFlowEngine${Names.nodeUniqueId(organization.node)}`, organization);
    ENGINES.set(organization, engine);
    return engine;
  }

  /** The organization's engine, if it has rules. */
  public static find(organization: IOrganization): EmailFlowEngine | undefined {
    return ENGINES.get(organization);
  }

  public readonly function: lambda.Function;
  private readonly rules: FlowRule[] = [];
  private readonly functions: lambda.IFunction[] = [];
  private compiled?: FlowEvaluator;

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
        RULE_SET_PATH: `/opt/${RULE_SET_FILE}`,
        RUN_LAMBDA_FUNCTIONS: Lazy.string({ produce: () => this.functions.length === 0 ? '' : Fn.join(',', this.functions.map((fn) => fn.functionArn)) }),
      },
    });
    // Only WorkMail, for this organization in this account, may invoke the engine.
    this.function.addPermission('WorkMail', {
      principal: new iam.ServicePrincipal(`workmail.${stack.region}.amazonaws.com`),
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
    this.compiled = undefined;
    if (fn && !this.functions.includes(fn)) {
      this.functions.push(fn);
      fn.grantInvoke(this.function);
    }
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

const ENGINES = new WeakMap<IOrganization, EmailFlowEngine>();
