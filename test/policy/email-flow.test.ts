/**
 * The evaluator against the Administrator Guide, "Managing email flows" and "Sender and recipient
 * patterns": every case quotes the sentence it checks.
 */
import { classifyPattern, FlowEvaluator, FlowMessage, FlowRule, RuleAction } from '../../src/policy/email-flow';

const DROP: RuleAction = { type: 'DROP' };
const BOUNCE: RuleAction = { type: 'BOUNCE', bounceMessage: 'Blocked.' };
const JUNK: RuleAction = { type: 'MOVE_TO_JUNK' };
const DEFAULT: RuleAction = { type: 'DEFAULT' };
const NEVER_JUNK: RuleAction = { type: 'BYPASS_SPAM_CHECK' };
const LAMBDA: RuleAction = { type: 'RUN_LAMBDA', functionIndex: 0, synchronous: true, fallback: DEFAULT, ruleTimeoutMinutes: 0 };

function rule(name: string, action: RuleAction, senders: string[], recipients = ['*'], direction: 'INBOUND' | 'OUTBOUND' = 'INBOUND'): FlowRule {
  return { name, direction, action, senders, recipients };
}

function decide(rules: FlowRule[], message: Partial<FlowMessage> & { from: string }): Array<[string, string, string | undefined]> {
  return new FlowEvaluator({ rules }).evaluate({ direction: 'INBOUND', recipients: ['user@corp.example'], ...message })
    .map((decision) => [decision.recipient, decision.action.type, decision.ruleName]);
}

describe('patterns', () => {
  test.each([
    // "An email address matches a single email address; for example: mailbox@example.com"
    ['mailbox@example.com', 'address'],
    ['First.Last@Example.COM', 'address'],
    // "A domain name matches all email addresses under that domain; for example: example.com"
    ['example.com', 'domain'],
    ['mail.example.co.uk', 'domain'],
    // "A wildcard domain matches all email addresses under that domain and all of its subdomains."
    ['*.example.com', 'wildcard'],
    // "A star matches any email addresses under any domain."
    ['*', 'star'],
  ])('%s is a pattern of kind %s', (pattern, kind) => {
    expect(classifyPattern(pattern)).toEqual({ kind });
  });

  test.each([
    // "The + symbol is not valid inside of sender or recipient patterns."
    ['user+tag@example.com', /\+ symbol/],
    ['ex+ample.com', /\+ symbol/],
    // "A wildcard appears only at the front of a domain"
    ['mail.*.example.com', /only at the front/],
    ['*example.com', /only at the front/],
    ['*@example.com', /only at the front/],
    ['*.', /wildcard domain/],
    ['user@', /email address/],
    ['@example.com', /email address/],
    ['a@b@example.com', /email address/],
    ['-bad.example.com', /domain name/],
    ['example', /domain name/],
    ['exa mple.com', /domain name/],
    [`${'a'.repeat(65)}@example.com`, /64 characters/],
    ['', /domain name/],
  ])('%s is refused', (pattern, error) => {
    const result = classifyPattern(pattern);
    expect('error' in result && result.error).toMatch(error);
  });
});

describe('matching', () => {
  test('an address pattern matches that address only, in any case', () => {
    const rules = [rule('one', DROP, ['mallory@evil.example'])];
    expect(decide(rules, { from: 'Mallory@EVIL.example' })[0][1]).toBe('DROP');
    expect(decide(rules, { from: 'trent@evil.example' })[0][1]).toBe('DEFAULT');
  });

  test('a domain pattern matches addresses under that domain, not its subdomains', () => {
    // "A domain name matches all email addresses under that domain" (subdomains are what the
    // wildcard form adds).
    const rules = [rule('domain', DROP, ['evil.example'])];
    expect(decide(rules, { from: 'x@evil.example' })[0][1]).toBe('DROP');
    expect(decide(rules, { from: 'x@mail.evil.example' })[0][1]).toBe('DEFAULT');
    expect(decide(rules, { from: 'x@notevil.example' })[0][1]).toBe('DEFAULT');
  });

  test('a wildcard domain matches the domain and all of its subdomains', () => {
    // "A wildcard domain matches all email addresses under that domain and all of its subdomains."
    const rules = [rule('wild', JUNK, ['*.evil.example'])];
    expect(decide(rules, { from: 'x@evil.example' })[0][1]).toBe('MOVE_TO_JUNK');
    expect(decide(rules, { from: 'x@a.b.evil.example' })[0][1]).toBe('MOVE_TO_JUNK');
    expect(decide(rules, { from: 'x@devil.example' })[0][1]).toBe('DEFAULT');
  });

  test('a star matches any address', () => {
    // "A star matches any email addresses under any domain."
    expect(decide([rule('all', JUNK, ['*'])], { from: 'anyone@anywhere.example' })[0][1]).toBe('MOVE_TO_JUNK');
  });

  test('no matching rule: the normal flow, and no rule named', () => {
    expect(decide([rule('one', DROP, ['evil.example'])], { from: 'x@good.example' })).toEqual([['user@corp.example', 'DEFAULT', undefined]]);
  });
});

describe('specificity', () => {
  // "If multiple rules match, the action of the most specific rule is applied. An example is when
  // a rule for a specific email address takes precedence over a rule for an entire domain."
  test.each([
    ['address over domain', ['boss@partner.example', 'partner.example'], 'address'],
    ['domain over wildcard domain', ['partner.example', '*.partner.example'], 'domain'],
    ['longer wildcard over shorter wildcard', ['*.eu.partner.example', '*.partner.example'], 'eu'],
    ['wildcard over star', ['*.partner.example', '*'], 'wildcard'],
  ])('%s', (_, [specific, general], winner) => {
    // The general rule has the most restrictive action: specificity still wins.
    const rules = [rule('general', DROP, [general]), rule(winner, DEFAULT, [specific])];
    const from = specific.startsWith('*.') ? `x@${specific.slice(2)}` : specific.includes('@') ? specific : `x@${specific}`;
    expect(decide(rules, { from })).toEqual([['user@corp.example', 'DEFAULT', winner]]);
  });

  test('Default with a more specific pattern makes an exception to a domain rule', () => {
    // "Other email flow rules with a less specific sender pattern are ignored. To add exceptions to
    // domain-based email flow rules, configure the Default action with a more specific sender
    // pattern."
    const rules = [rule('block partner', BOUNCE, ['partner.example']), rule('but not the boss', DEFAULT, ['boss@partner.example'])];
    expect(decide(rules, { from: 'boss@partner.example' })[0][1]).toBe('DEFAULT');
    expect(decide(rules, { from: 'intern@partner.example' })[0][1]).toBe('BOUNCE');
  });

  test('with equal sender patterns, the more specific destination pattern wins', () => {
    // "Both sender and recipient patterns take one of the following forms": an address is more
    // specific than a domain on either side.
    const rules = [rule('all staff', DROP, ['*'], ['corp.example']), rule('helpdesk', DEFAULT, ['*'], ['help@corp.example'])];
    expect(decide(rules, { from: 'x@any.example', recipients: ['help@corp.example', 'ceo@corp.example'] })).toEqual([
      ['help@corp.example', 'DEFAULT', 'helpdesk'],
      ['ceo@corp.example', 'DROP', 'all staff'],
    ]);
  });
});

describe('restrictiveness', () => {
  // "If multiple rules have the same specificity, the most restrictive action is applied. An
  // example is when a Drop action takes precedence over a Bounce action. The order of precedence
  // for actions is the same as the order in which they are listed in Inbound email rule actions
  // and Outbound email rule actions."
  const inbound = [['DROP', DROP], ['BOUNCE', BOUNCE], ['MOVE_TO_JUNK', JUNK], ['DEFAULT', DEFAULT], ['BYPASS_SPAM_CHECK', NEVER_JUNK], ['RUN_LAMBDA', LAMBDA]] as const;
  test.each(inbound.flatMap(([winner, winning], i) => inbound.slice(i + 1).map(([loser, losing]) => [winner, loser, winning, losing] as const)))(
    'inbound: %s beats %s at the same specificity, whatever the rule order', (winner, _, winning, losing) => {
      for (const rules of [[rule('a', winning, ['x.example']), rule('b', losing, ['x.example'])], [rule('b', losing, ['x.example']), rule('a', winning, ['x.example'])]]) {
        expect(decide(rules, { from: 'm@x.example' })[0]).toEqual(['user@corp.example', winner, 'a']);
      }
    });

  // Outbound actions are listed Default, Drop, Bounce, Route to SMTP gateway, Run Lambda.
  const outbound = [['DEFAULT', DEFAULT], ['DROP', DROP], ['BOUNCE', BOUNCE], ['RUN_LAMBDA', LAMBDA]] as const;
  test.each(outbound.flatMap(([winner, winning], i) => outbound.slice(i + 1).map(([loser, losing]) => [winner, loser, winning, losing] as const)))(
    'outbound: %s beats %s at the same specificity, in the guide\'s listing order', (winner, _, winning, losing) => {
      const rules = [rule('b', losing, ['corp.example'], ['*'], 'OUTBOUND'), rule('a', winning, ['corp.example'], ['*'], 'OUTBOUND')];
      expect(decide(rules, { direction: 'OUTBOUND', from: 'me@corp.example', recipients: ['you@else.example'] })[0])
        .toEqual(['you@else.example', winner, 'a']);
    });

  test('equal actions of equal specificity: the rule defined first decides', () => {
    const rules = [rule('first', DROP, ['x.example']), rule('second', DROP, ['x.example'])];
    expect(decide(rules, { from: 'm@x.example' })[0][2]).toBe('first');
  });
});

describe('Sender and From', () => {
  // "Inbound email flow rules are applied if either the Sender or From header in an inbound email
  // message matches any patterns. If present, the Sender address is matched first. The From address
  // is matched if there is no Sender header or if the Sender header doesn't match any rule."
  const rules = [rule('delegates', BOUNCE, ['assistant.example']), rule('bosses', NEVER_JUNK, ['boss.example'])];

  test('the Sender address is matched first', () => {
    expect(decide(rules, { from: 'ceo@boss.example', sender: 'pa@assistant.example' })[0][2]).toBe('delegates');
  });

  test('From is matched when there is no Sender', () => {
    expect(decide(rules, { from: 'ceo@boss.example' })[0][2]).toBe('bosses');
  });

  test('From is matched when the Sender matches no rule', () => {
    expect(decide(rules, { from: 'ceo@boss.example', sender: 'someone@other.example' })[0][2]).toBe('bosses');
  });

  test('a Sender rule that is less specific than a From rule still decides: Sender is matched first', () => {
    const both = [rule('any sender', JUNK, ['*']), rule('the boss', NEVER_JUNK, ['ceo@boss.example'])];
    expect(decide(both, { from: 'ceo@boss.example', sender: 'pa@assistant.example' })[0][2]).toBe('any sender');
  });

  test('the Sender falls back to From per recipient, when it matches no rule for that recipient', () => {
    const perRecipient = [rule('assistant to sales', DROP, ['assistant.example'], ['sales@corp.example']), rule('boss', DEFAULT, ['boss.example'])];
    expect(decide(perRecipient, { from: 'ceo@boss.example', sender: 'pa@assistant.example', recipients: ['sales@corp.example', 'hr@corp.example'] }))
      .toEqual([['sales@corp.example', 'DROP', 'assistant to sales'], ['hr@corp.example', 'DEFAULT', 'boss']]);
  });
});

describe('per recipient', () => {
  test('each rule applies for the recipients it matches', () => {
    // "If there are multiple recipients for the email message that match different rules, each
    // rule applies for the matched recipients."
    const rules = [rule('legal', BOUNCE, ['rival.example'], ['legal@corp.example']), rule('sales', NEVER_JUNK, ['rival.example'], ['*.sales.corp.example'])];
    expect(decide(rules, { from: 'x@rival.example', recipients: ['legal@corp.example', 'ann@eu.sales.corp.example', 'bob@corp.example'] })).toEqual([
      ['legal@corp.example', 'BOUNCE', 'legal'],
      ['ann@eu.sales.corp.example', 'BYPASS_SPAM_CHECK', 'sales'],
      ['bob@corp.example', 'DEFAULT', undefined],
    ]);
  });
});

describe('outbound', () => {
  // "Outbound email flow rules are applied if the recipient and either the Sender or From header in
  // an outbound email message matches any patterns."
  const rules = [rule('no mail to rivals', BOUNCE, ['corp.example'], ['rival.example'], 'OUTBOUND')];

  test('the recipient and the From address must both match', () => {
    expect(decide(rules, { direction: 'OUTBOUND', from: 'me@corp.example', recipients: ['x@rival.example', 'y@friend.example'] }))
      .toEqual([['x@rival.example', 'BOUNCE', 'no mail to rivals'], ['y@friend.example', 'DEFAULT', undefined]]);
  });

  test('the Sender address can match instead of From', () => {
    expect(decide(rules, { direction: 'OUTBOUND', from: 'me@other.example', sender: 'pa@corp.example', recipients: ['x@rival.example'] })[0][1]).toBe('BOUNCE');
    expect(decide(rules, { direction: 'OUTBOUND', from: 'me@other.example', recipients: ['x@rival.example'] })[0][1]).toBe('DEFAULT');
  });

  test('inbound rules do not apply to outbound mail, and the reverse', () => {
    expect(decide(rules, { direction: 'INBOUND', from: 'me@corp.example', recipients: ['x@rival.example'] })[0][1]).toBe('DEFAULT');
    expect(decide([rule('in', DROP, ['*'])], { direction: 'OUTBOUND', from: 'me@corp.example' })[0][1]).toBe('DEFAULT');
  });
});

describe('recipients a truncated event leaves out', () => {
  test('only rules whose destination is * apply to them', () => {
    const rules = [rule('named', DROP, ['x.example'], ['ceo@corp.example']), rule('everyone', JUNK, ['x.example'])];
    const evaluator = new FlowEvaluator({ rules });
    expect(evaluator.evaluateUnlisted({ direction: 'INBOUND', from: 'm@x.example', recipients: [] })).toEqual({ action: JUNK, ruleName: 'everyone' });
    expect(new FlowEvaluator({ rules: [rules[0]] }).evaluateUnlisted({ direction: 'INBOUND', from: 'm@x.example', recipients: [] }))
      .toEqual({ action: DEFAULT });
  });
});
