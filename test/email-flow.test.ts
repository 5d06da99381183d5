import { readFileSync } from 'fs';
import * as path from 'path';
import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EmailFlowRule, EmailFlowRuleProps, FlowAction, FlowActionType, FlowDirection, IOrganization, Organization } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const FN_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:scanner';

function setup(inStack = true) {
  const app = new App();
  const stack = new Stack(app, 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
  const organization: IOrganization = inStack
    ? new Organization(stack, 'Org', { alias: 'corp' })
    : Organization.fromOrganizationId(stack, 'Org', ORG_ID);
  const rule = (id: string, props: Partial<EmailFlowRuleProps> = {}) => new EmailFlowRule(stack, id, {
    organization, direction: FlowDirection.INBOUND, action: FlowAction.drop(), senders: ['spam.example'], ...props,
  });
  return { app, stack, organization, rule };
}

/** The rule set the engine's layer carries, read from the synthesized asset. */
function shippedRuleSet(app: App, stack: Stack): any {
  const assembly = app.synth();
  const template = Template.fromStack(stack);
  const layer = Object.values(template.findResources('AWS::Lambda::LayerVersion'))[0];
  const hash = (layer.Properties.Content.S3Key as string).replace(/\.zip$/, '');
  const manifest = JSON.parse(readFileSync(path.join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'));
  return JSON.parse(readFileSync(path.join(assembly.directory, manifest.files[hash].source.path, 'email-flow/rules.json'), 'utf8'));
}

describe('rule engine', () => {
  test('one engine per organization, created with the first rule, invocable by WorkMail for this organization only', () => {
    const { stack, rule } = setup();
    rule('One');
    rule('Two', { senders: ['*.junk.example'], action: FlowAction.moveToJunk() });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::LayerVersion', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'cdk-workmail: email flow rule engine of Mail/Org',
      Timeout: 15,
      Runtime: 'nodejs22.x',
      Layers: [{ Ref: Match.stringLikeRegexp('RuleSet') }],
      Environment: { Variables: { RULE_SET_PATH: '/opt/email-flow/rules.json', RUN_LAMBDA_FUNCTIONS: '' } },
    });
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('email flow rule engine') }, 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'workmail.us-east-1.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Org'), 'OrganizationArn'] },
      SourceAccount: '111122223333',
    });
    expect(findCycle(template.toJSON())).toBeUndefined();
  });

  test('an environment-agnostic stack scopes the service principal to the deployment region', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new EmailFlowRule(stack, 'Rule', {
      organization: Organization.fromOrganizationId(stack, 'Org', ORG_ID), direction: FlowDirection.INBOUND, action: FlowAction.drop(), senders: ['*'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      // Fn::Sub rather than Fn::Join with an empty delimiter (cfn-lint W3664).
      Principal: { 'Fn::Sub': 'workmail.${AWS::Region}.amazonaws.com' },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  test('the rule set ships in the layer, normalized, in definition order', () => {
    const { app, stack, rule } = setup();
    rule('Block', { senders: ['Spam.Example', 'spam.example'], action: FlowAction.bounce('No spam, thanks.') });
    rule('Partners', { senders: ['partner.example'], recipients: ['sales@corp.example'], action: FlowAction.bypassSpamCheck() });
    expect(shippedRuleSet(app, stack)).toEqual({
      rules: [
        { name: 'Block', direction: 'INBOUND', action: { type: 'BOUNCE', bounceMessage: 'No spam, thanks.' }, senders: ['spam.example'], recipients: ['*'] },
        { name: 'Partners', direction: 'INBOUND', action: { type: 'BYPASS_SPAM_CHECK' }, senders: ['partner.example'], recipients: ['sales@corp.example'] },
      ],
    });
  });

  test('1,000 sender patterns fit (the organization maximum), far beyond the 4 KB of environment variables', () => {
    const { app, stack, rule } = setup();
    for (let r = 0; r < 4; r++) {
      rule(`Rule${r}`, { senders: Array.from({ length: 250 }, (_, i) => `sender-${r}-${i}@some-long-domain-name-${i}.example`) });
    }
    expect(shippedRuleSet(app, stack).rules.flatMap((r: any) => r.senders)).toHaveLength(1000);
    const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('rule engine') } }))[0];
    expect(JSON.stringify(fn.Properties.Environment).length).toBeLessThan(4096);
  });

  test('synth is deterministic, and a rule change publishes a new layer that the function uses', () => {
    const layerKey = (senders: string[]) => {
      const { stack, rule } = setup();
      rule('Rule', { senders });
      const template = Template.fromStack(stack);
      return Object.values(template.findResources('AWS::Lambda::LayerVersion'))[0].Properties.Content.S3Key;
    };
    expect(layerKey(['spam.example'])).toBe(layerKey(['spam.example']));
    expect(layerKey(['spam.example'])).not.toBe(layerKey(['spam.example', 'more-spam.example']));
  });

  test('the console step is an output with the function ARN and the longest rule timeout', () => {
    const { stack, rule } = setup();
    const fn = lambda.Function.fromFunctionArn(stack, 'Scanner', FN_ARN);
    rule('Scan', { senders: ['*'], action: FlowAction.runLambda(fn, { synchronous: true, ruleTimeout: Duration.minutes(30) }) });
    rule('Quick', { senders: ['x.example'], action: FlowAction.runLambda(fn, { synchronous: true, ruleTimeout: Duration.minutes(5) }) });
    const outputs = Template.fromStack(stack).findOutputs('*');
    const step = JSON.stringify(Object.values(outputs)[0].Value);
    expect(step).toMatch(/Run Lambda, Run synchronously, Lambda ARN /);
    expect(step).toMatch(/EmailFlowEngine.*Function.*Arn/);
    expect(step).toMatch(/Rule timeout 30 minutes, sender domains or addresses \*, destination domains or addresses \*/);
    expect(step).toMatch(/Inbound rules tab and on the Outbound rules tab/);
  });

  test('Run Lambda functions: the engine may invoke them and nothing else, and learns their ARNs', () => {
    const { app, stack, rule } = setup();
    const scanner = lambda.Function.fromFunctionArn(stack, 'Scanner', FN_ARN);
    rule('Scan', { senders: ['*'], action: FlowAction.runLambda(scanner, { synchronous: true, fallbackAction: FlowAction.bounce('Scanner down.') }) });
    rule('Audit', { senders: ['*'], direction: FlowDirection.OUTBOUND, action: FlowAction.runLambda(scanner) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [FN_ARN, `${FN_ARN}:*`] }]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ RUN_LAMBDA_FUNCTIONS: FN_ARN }) } });
    expect(shippedRuleSet(app, stack).rules.map((r: any) => r.action)).toEqual([
      { type: 'RUN_LAMBDA', functionIndex: 0, synchronous: true, fallback: { type: 'BOUNCE', bounceMessage: 'Scanner down.' }, ruleTimeoutMinutes: 0 },
      { type: 'RUN_LAMBDA', functionIndex: 0, synchronous: false, fallback: { type: 'DEFAULT' }, ruleTimeoutMinutes: 0 },
    ]);
  });

  test('an imported organization gets an engine too', () => {
    const { stack, rule } = setup(false);
    rule('Rule');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:workmail:us-east-1:111122223333:organization/${ORG_ID}`]] },
    });
  });
});

describe('evaluateEmailFlow', () => {
  test('answers per recipient with the rule that decided, as the console\'s Test configuration', () => {
    const { organization, rule } = setup();
    rule('Block rival', { senders: ['rival.example'], action: FlowAction.bounce('Not accepted.') });
    rule('But their CEO', { senders: ['ceo@rival.example'], action: FlowAction.defaultAction() });
    rule('Junk for sales', { senders: ['*.rival.example'], recipients: ['sales@corp.example'], action: FlowAction.moveToJunk() });
    expect(organization.evaluateEmailFlow({ direction: FlowDirection.INBOUND, mailFrom: 'intern@rival.example', recipients: ['ann@corp.example'] }))
      .toEqual([{ recipient: 'ann@corp.example', action: FlowActionType.BOUNCE, ruleName: 'Block rival', bounceMessage: 'Not accepted.' }]);
    expect(organization.evaluateEmailFlow({ direction: FlowDirection.INBOUND, mailFrom: 'ceo@rival.example', recipients: ['ann@corp.example'] }))
      .toEqual([{ recipient: 'ann@corp.example', action: FlowActionType.DEFAULT, ruleName: 'But their CEO' }]);
    expect(organization.evaluateEmailFlow({ direction: FlowDirection.INBOUND, mailFrom: 'x@eu.rival.example', recipients: ['sales@corp.example', 'ann@corp.example'] }))
      .toEqual([
        { recipient: 'sales@corp.example', action: FlowActionType.MOVE_TO_JUNK, ruleName: 'Junk for sales' },
        { recipient: 'ann@corp.example', action: FlowActionType.DEFAULT },
      ]);
  });

  test('an organization without rules delivers normally', () => {
    const { organization } = setup();
    expect(organization.evaluateEmailFlow({ direction: FlowDirection.OUTBOUND, mailFrom: 'me@corp.example', sender: 'pa@corp.example', recipients: ['x@y.example'] }))
      .toEqual([{ recipient: 'x@y.example', action: FlowActionType.DEFAULT }]);
  });

  test('refuses what is not an email address', () => {
    const { organization } = setup();
    expect(() => organization.evaluateEmailFlow({ direction: FlowDirection.INBOUND, mailFrom: 'example.com', recipients: ['a@corp.example'] }))
      .toThrow(/Mail\/Org: evaluateEmailFlow: "example.com" is not an email address/);
  });
});

describe('validation', () => {
  const scanner = (stack: Stack) => (stack.node.tryFindChild('Scanner') as lambda.IFunction | undefined)
    ?? lambda.Function.fromFunctionArn(stack, 'Scanner', FN_ARN);

  test.each([
    ['a + in a pattern', { senders: ['user+tag@spam.example'] }, /invalid senders "user\+tag@spam.example": the \+ symbol is not valid/],
    ['an empty sender list', { senders: [] }, /invalid senders \[\]: a rule needs at least one pattern/],
    ['an empty recipient list', { recipients: [] }, /invalid recipients \[\]: a rule needs at least one pattern/],
    ['a malformed address', { senders: ['user@@spam.example'] }, /invalid senders "user@@spam.example": an email address is/],
    ['a malformed domain', { recipients: ['corp_example'] }, /invalid recipients "corp_example": a domain name is/],
    ['a wildcard inside a domain', { senders: ['mail.*.example'] }, /a wildcard appears only at the front/],
    ['more than 250 patterns in a rule', { senders: Array.from({ length: 251 }, (_, i) => `s${i}.example`) }, /invalid senders "251 patterns": a rule takes at most 250/],
    ['a bounce message on two lines', { action: FlowAction.bounce('Line one.\nLine two.') }, /invalid bounce message "Line one.\\nLine two.": it must be 1-998 characters on one line/],
    ['a bounce message too long for a line', { action: FlowAction.bounce('x'.repeat(999)) }, /invalid bounce message/],
    ['an empty bounce message', { action: FlowAction.bounce('') }, /invalid bounce message ""/],
    ['a deploy-time bounce message', { action: FlowAction.bounce(Lazy.string({ produce: () => 'x' })) }, /compiled at synth/],
    ['a deploy-time pattern', { senders: [Lazy.string({ produce: () => 'x.example' })] }, /invalid senders .*compiled at synth/],
    ['junk for outbound mail', { direction: FlowDirection.OUTBOUND, action: FlowAction.moveToJunk() }, /invalid action "MOVE_TO_JUNK": outbound rules take BOUNCE, DROP, DEFAULT or Run Lambda/],
    ['a rule name with a line break', { ruleName: 'a\nb' }, /invalid ruleName/],
    ['routing to an SMTP gateway', { direction: FlowDirection.OUTBOUND, action: FlowAction.routeToSmtpGateway('relay') },
      /invalid action "routeToSmtpGateway\(relay\)": the rule engine answers with WorkMail's synchronous Run Lambda response, .*never route: create this outbound rule in the WorkMail console/],
  ])('refuses %s', (_, props, error) => {
    const { rule } = setup();
    expect(() => rule('Rule', props as Partial<EmailFlowRuleProps>)).toThrow(error);
  });

  test.each([
    ['a fallback that is Run Lambda', (s: Stack) => FlowAction.runLambda(scanner(s), { synchronous: true, fallbackAction: FlowAction.runLambda(scanner(s)) }),
      /invalid fallbackAction "RUN_LAMBDA": "The Fallback action can't be another Lambda action"/],
    ['a rule timeout over 240 minutes', (s: Stack) => FlowAction.runLambda(scanner(s), { synchronous: true, ruleTimeout: Duration.minutes(241) }),
      /invalid ruleTimeout "4 hours 1 minute": a rule timeout is a whole number of minutes from 0 to 240/],
    ['a rule timeout in part minutes', (s: Stack) => FlowAction.runLambda(scanner(s), { synchronous: true, ruleTimeout: Duration.seconds(90) }),
      /invalid ruleTimeout "1 minute 30 seconds"/],
    ['an inbound-only fallback for outbound mail', (s: Stack) => FlowAction.runLambda(scanner(s), { synchronous: true, fallbackAction: FlowAction.bypassSpamCheck() }),
      /invalid fallbackAction "BYPASS_SPAM_CHECK": outbound rules take BOUNCE, DROP, DEFAULT\./],
  ])('refuses %s', (_, action, error) => {
    const { stack, rule } = setup();
    expect(() => rule('Rule', { direction: FlowDirection.OUTBOUND, action: action(stack) })).toThrow(error);
  });

  test('accepts the rule timeout bounds, 0 and 240 minutes', () => {
    const { stack, rule } = setup();
    rule('Zero', { senders: ['*'], action: FlowAction.runLambda(scanner(stack), { synchronous: true, ruleTimeout: Duration.minutes(0) }) });
    rule('Max', { senders: ['*'], action: FlowAction.runLambda(scanner(stack), { synchronous: true, ruleTimeout: Duration.minutes(240) }) });
  });

  test('refuses a synchronous Run Lambda rule with destinations other than *', () => {
    const { stack, rule } = setup();
    expect(() => rule('Rule', { recipients: ['corp.example'], action: FlowAction.runLambda(scanner(stack), { synchronous: true }) }))
      .toThrow(/"Synchronous Run Lambda rules support the \* destination condition only"/);
  });

  test('refuses more than 40 Run Lambda functions: their ARNs travel in an environment variable', () => {
    const { stack, rule } = setup();
    for (let i = 0; i < 40; i++) {
      rule(`Rule${i}`, { senders: ['*'], action: FlowAction.runLambda(lambda.Function.fromFunctionName(stack, `Fn${i}`, `fn-${i}`)) });
    }
    rule('SameFunctionAgain', { senders: ['x.example'], action: FlowAction.runLambda(stack.node.findChild('Fn0') as lambda.IFunction) });
    expect(() => rule('Rule40', { senders: ['*'], action: FlowAction.runLambda(lambda.Function.fromFunctionName(stack, 'Fn40', 'fn-40')) }))
      .toThrow(/Mail\/Rule40: invalid action "runLambda\(Mail\/Fn40\)": the engine learns the ARNs of Run Lambda functions from an environment variable, which fits 40/);
  });

  test('refuses more than 1,000 sender patterns in the organization', () => {
    const { rule } = setup();
    for (let r = 0; r < 4; r++) {
      rule(`Rule${r}`, { senders: Array.from({ length: 250 }, (_, i) => `s${r}-${i}.example`) });
    }
    expect(() => rule('OneMore', { senders: ['one-more.example'] })).toThrow(/Mail\/OneMore: invalid senders "1001 patterns in the organization": an organization takes at most 1000/);
  });

  test('refuses two rules of one direction with the same name', () => {
    const { rule } = setup();
    rule('First', { ruleName: 'block' });
    rule('Outbound', { ruleName: 'block', direction: FlowDirection.OUTBOUND });
    expect(() => rule('Second', { ruleName: 'block' })).toThrow(/Mail\/Second: invalid ruleName "block": the organization already has a inbound rule with this name/);
  });

  test('refuses bounce messages that would need more than 10 actions in one response', () => {
    const { rule } = setup();
    // DEFAULT, DROP and 8 distinct bounces make 10 distinct response actions.
    rule('Drop');
    for (let i = 0; i < 8; i++) {
      rule(`Bounce${i}`, { action: FlowAction.bounce(`Message ${i}.`) });
    }
    expect(() => rule('Bounce8', { action: FlowAction.bounce('Message 8.') }))
      .toThrow(/the inbound rules would need 11 different actions in one engine response, and WorkMail takes at most 10/);
  });
});
