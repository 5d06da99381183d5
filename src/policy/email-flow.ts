/**
 * WorkMail email flow rules, evaluated exactly as the Administrator Guide describes them
 * ("Managing email flows", "Sender and recipient patterns"). This module imports nothing, so the
 * rule engine Lambda and `Organization.evaluateEmailFlow` at synth time run the same code.
 */

export type Direction = 'INBOUND' | 'OUTBOUND';

/** Action types of the synchronous Run Lambda response schema, plus Run Lambda itself. */
export type ActionType = 'DROP' | 'BOUNCE' | 'MOVE_TO_JUNK' | 'DEFAULT' | 'BYPASS_SPAM_CHECK' | 'RUN_LAMBDA';

/** An action that a Run Lambda response can carry. */
export interface ResponseAction {
  readonly type: Exclude<ActionType, 'RUN_LAMBDA'>;
  /** For BOUNCE only: the text WorkMail puts in the bounce message. */
  readonly bounceMessage?: string;
}

/** A Run Lambda action: the function is named by its index in the engine's function list. */
export interface RunLambdaAction {
  readonly type: 'RUN_LAMBDA';
  readonly functionIndex: number;
  readonly synchronous: boolean;
  /** Synchronous only: applied when the function fails or answers badly. */
  readonly fallback: ResponseAction;
  /** Synchronous only: how long a failing function is retried before the fallback applies. */
  readonly ruleTimeoutMinutes: number;
}

export type RuleAction = ResponseAction | RunLambdaAction;

/** One rule, as written to the engine's rule set at synth. */
export interface FlowRule {
  readonly name: string;
  readonly direction: Direction;
  readonly action: RuleAction;
  /** Normalized (lower-case) sender patterns. */
  readonly senders: readonly string[];
  /** Normalized (lower-case) destination patterns. */
  readonly recipients: readonly string[];
}

export interface RuleSet {
  readonly rules: readonly FlowRule[];
}

/** The addresses of one message, as the Lambda event carries them. */
export interface FlowMessage {
  readonly direction: Direction;
  /** `envelope.mailFrom`: the From address. */
  readonly from: string;
  /** `sender`: set only when the message was sent on behalf of another user. */
  readonly sender?: string;
  readonly recipients: readonly string[];
}

export interface FlowDecision {
  readonly recipient: string;
  readonly action: RuleAction;
  /** The rule that decided; absent when no rule matched (WorkMail then delivers normally). */
  readonly ruleName?: string;
}

/**
 * "The order of precedence for actions is the same as the order in which they are listed in
 * Inbound email rule actions and Outbound email rule actions": earlier wins a tie. The two lists
 * differ: inbound starts with Drop, outbound with Default. Route to SMTP gateway (outbound, after
 * Bounce) cannot be expressed by the engine and is refused at synth.
 */
export const PRECEDENCE: Record<Direction, readonly ActionType[]> = {
  INBOUND: ['DROP', 'BOUNCE', 'MOVE_TO_JUNK', 'DEFAULT', 'BYPASS_SPAM_CHECK', 'RUN_LAMBDA'],
  OUTBOUND: ['DEFAULT', 'DROP', 'BOUNCE', 'RUN_LAMBDA'],
};

/** The action types a synchronous Run Lambda response may carry in each direction. */
export const RESPONSE_TYPES: Record<Direction, readonly ActionType[]> = {
  INBOUND: ['BOUNCE', 'DROP', 'DEFAULT', 'BYPASS_SPAM_CHECK', 'MOVE_TO_JUNK'],
  OUTBOUND: ['BOUNCE', 'DROP', 'DEFAULT'],
};

export const DEFAULT_ACTION: ResponseAction = { type: 'DEFAULT' };

export type PatternKind = 'address' | 'domain' | 'wildcard' | 'star';

const LOCAL_PART = /^[a-z0-9!#$%&'*/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * What a pattern is, or why it is not one. "Both sender and recipient patterns take one of the
 * following forms": an email address, a domain name, a wildcard domain (`*.` only at the front)
 * or a star. "The + symbol is not valid inside of sender or recipient patterns."
 */
export function classifyPattern(pattern: string): { kind: PatternKind } | { error: string } {
  const value = pattern.toLowerCase();
  if (value.includes('+')) {
    return { error: 'the + symbol is not valid inside sender or recipient patterns' };
  }
  if (value === '*') {
    return { kind: 'star' };
  }
  if (value.startsWith('*.')) {
    return DOMAIN.test(value.slice(2)) ? { kind: 'wildcard' } : { error: 'a wildcard domain is "*." followed by a domain name, like *.example.com' };
  }
  if (value.includes('*')) {
    return { error: 'a wildcard appears only at the front of a domain (*.example.com), or alone (*)' };
  }
  const at = value.lastIndexOf('@');
  if (at < 0) {
    return DOMAIN.test(value) ? { kind: 'domain' } : { error: 'a domain name is dot-separated labels of letters, digits and inner hyphens, like example.com' };
  }
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  return local.length <= 64 && LOCAL_PART.test(local) && DOMAIN.test(domain)
    ? { kind: 'address' }
    : { error: 'an email address is a local part (at most 64 characters) and a domain name, like mailbox@example.com' };
}

/**
 * How specific a matching pattern is: "a rule for a specific email address takes precedence over
 * a rule for an entire domain". A domain names exactly one domain, so it beats a wildcard domain;
 * a wildcard domain scores its number of labels (a longer one covers fewer subdomains); a star
 * scores 0. -1 means no match.
 */
const ADDRESS = 2000;
const DOMAIN_NAME = 1000;

/**
 * An address lower-cased and cut into the keys the indexes look up: done once per address of a
 * message, however many rules look at it.
 */
interface Address {
  readonly key: string;
  readonly domain: string;
  /** The domain's number of labels: the specificity of a wildcard domain naming all of it. */
  readonly labels: number;
}

function parseAddress(address: string): Address {
  const key = address.toLowerCase();
  const domain = key.slice(key.lastIndexOf('@') + 1);
  let labels = 1;
  for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
    labels++;
  }
  return { key, domain, labels };
}

/** Patterns of one side of one rule, indexed for lookups that do not depend on their number. */
class PatternIndex<T> {
  private readonly addresses = new Map<string, T[]>();
  private readonly domains = new Map<string, T[]>();
  private readonly wildcards = new Map<string, T[]>();
  private readonly stars: T[] = [];

  public add(pattern: string, value: T): void {
    const key = pattern.toLowerCase();
    if (key === '*') {
      this.stars.push(value);
    } else if (key.startsWith('*.')) {
      push(this.wildcards, key.slice(2), value);
    } else if (key.includes('@')) {
      push(this.addresses, key, value);
    } else {
      push(this.domains, key, value);
    }
  }

  /** Adds every value whose pattern matches `address` to `found`, with the specificity. */
  public match(address: Address, found: Matches<T>): void {
    found.add(this.addresses.get(address.key), ADDRESS);
    found.add(this.domains.get(address.domain), DOMAIN_NAME);
    if (this.wildcards.size > 0) {
      // "*.example.com" matches example.com and all of its subdomains: try every suffix.
      const { domain } = address;
      found.add(this.wildcards.get(domain), address.labels);
      for (let dot = domain.indexOf('.'), labels = address.labels - 1; dot >= 0; dot = domain.indexOf('.', dot + 1), labels--) {
        found.add(this.wildcards.get(domain.slice(dot + 1)), labels);
      }
    }
    found.add(this.stars, 0);
  }

  /** The specificity of the best pattern that matches `address`, or -1. */
  public best(address: Address): number {
    if (this.addresses.has(address.key)) {
      return ADDRESS;
    }
    if (this.domains.has(address.domain)) {
      return DOMAIN_NAME;
    }
    if (this.wildcards.size > 0) {
      // Longest suffix first: the first wildcard found is the most specific.
      const { domain } = address;
      if (this.wildcards.has(domain)) {
        return address.labels;
      }
      for (let dot = domain.indexOf('.'), labels = address.labels - 1; dot >= 0; dot = domain.indexOf('.', dot + 1), labels--) {
        if (this.wildcards.has(domain.slice(dot + 1))) {
          return labels;
        }
      }
    }
    return this.stars.length > 0 ? 0 : -1;
  }

  /** True when a star is among the patterns: it matches recipients the event does not list. */
  public get hasStar(): boolean {
    return this.stars.length > 0;
  }
}

/** Values whose pattern matched, with the specificity of that pattern, in two parallel lists. */
class Matches<T> {
  public readonly values: T[] = [];
  public readonly specificities: number[] = [];

  public add(values: readonly T[] | undefined, specificity: number): void {
    if (values) {
      for (const value of values) {
        this.values.push(value);
        this.specificities.push(specificity);
      }
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

interface IndexedRule {
  readonly rule: FlowRule;
  readonly rank: number;
  readonly recipients: PatternIndex<true>;
}

/** The rule set of one organization, compiled once into per-direction sender indexes. */
export class FlowEvaluator {
  private readonly senders: Record<Direction, PatternIndex<IndexedRule>> = {
    INBOUND: new PatternIndex(),
    OUTBOUND: new PatternIndex(),
  };

  constructor(ruleSet: RuleSet) {
    const count = ruleSet.rules.length;
    ruleSet.rules.forEach((rule, order) => {
      const indexed: IndexedRule = {
        rule,
        rank: PRECEDENCE[rule.direction].indexOf(rule.action.type) * count + order,
        recipients: new PatternIndex(),
      };
      rule.recipients.forEach((pattern) => indexed.recipients.add(pattern, true));
      new Set(rule.senders).forEach((pattern) => this.senders[rule.direction].add(pattern, indexed));
    });
  }

  /** The decision for every recipient of `message`. */
  public evaluate(message: FlowMessage): FlowDecision[] {
    // The senders are matched once per message, not once per recipient.
    const senders = new SenderMatches(this.senders, message);
    return message.recipients.map((recipient) => ({ recipient, ...decide(senders, parseAddress(recipient)) }));
  }

  /**
   * The decision for the recipients a truncated event leaves out. They are unknown, so only rules
   * whose destination is `*` (which match any recipient) can apply to them.
   */
  public evaluateUnlisted(message: FlowMessage): Omit<FlowDecision, 'recipient'> {
    return decide(new SenderMatches(this.senders, message), undefined);
  }
}

/**
 * The rules whose sender patterns match a message, in the groups that are tried in turn until one
 * yields a decision. Each group is matched on first use, at most once per message.
 */
class SenderMatches {
  private readonly groups: Array<Matches<IndexedRule> | undefined> = [];
  private readonly addresses: ReadonlyArray<readonly string[]>;
  private readonly index: PatternIndex<IndexedRule>;

  constructor(indexes: Record<Direction, PatternIndex<IndexedRule>>, message: FlowMessage) {
    this.index = indexes[message.direction];
    if (message.direction === 'INBOUND') {
      // "If present, the Sender address is matched first. The From address is matched if there is
      // no Sender header or if the Sender header doesn't match any rule."
      this.addresses = message.sender ? [[message.sender], [message.from]] : [[message.from]];
    } else {
      // "Outbound email flow rules are applied if the recipient and either the Sender or From
      // header [...] matches any patterns."
      this.addresses = [message.sender ? [message.sender, message.from] : [message.from]];
    }
  }

  public get length(): number {
    return this.addresses.length;
  }

  public group(i: number): Matches<IndexedRule> {
    let group = this.groups[i];
    if (!group) {
      group = new Matches();
      for (const address of this.addresses[i]) {
        this.index.match(parseAddress(address), group);
      }
      this.groups[i] = group;
    }
    return group;
  }
}

/**
 * "If multiple rules match, the action of the most specific rule is applied. [...] If multiple
 * rules have the same specificity, the most restrictive action is applied." The sender pattern is
 * compared first (the guide's Default action speaks of "other email flow rules with a less specific
 * sender pattern"), then the destination pattern; then the action's precedence; then the order
 * the rules were defined in, so that every answer is deterministic.
 */
function decide(senders: SenderMatches, recipient: Address | undefined): Omit<FlowDecision, 'recipient'> {
  for (let g = 0; g < senders.length; g++) {
    const { values, specificities } = senders.group(g);
    let best: IndexedRule | undefined;
    let bestSender = -1;
    let bestRecipient = -1;
    for (let i = 0; i < values.length; i++) {
      const rule = values[i];
      const sender = specificities[i];
      const recipientSpecificity = recipient === undefined
        ? (rule.recipients.hasStar ? 0 : -1)
        : rule.recipients.best(recipient);
      if (recipientSpecificity < 0) {
        continue;
      }
      if (!best || sender > bestSender || (sender === bestSender
        && (recipientSpecificity > bestRecipient || (recipientSpecificity === bestRecipient && rule.rank < best.rank)))) {
        best = rule;
        bestSender = sender;
        bestRecipient = recipientSpecificity;
      }
    }
    if (best) {
      return { action: best.rule.action, ruleName: best.rule.name };
    }
  }
  return { action: DEFAULT_ACTION };
}

/** Two response actions are the same action of the response when type and message agree. */
export function actionKey(action: ResponseAction): string {
  return action.bounceMessage === undefined ? action.type : `${action.type}:${action.bounceMessage}`;
}
