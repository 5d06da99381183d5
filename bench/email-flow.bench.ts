/**
 * Email flow decision latency with 1,000 sender patterns (the organization maximum): the rule
 * engine's precompiled index against a naive linear scan over every rule and pattern with the
 * same semantics. Both must give the same decisions; the table shows what each costs.
 */
import { FlowEngine, FlowEvent } from '../src/handlers/email-flow/engine';
import { classifyPattern, FlowEvaluator, FlowMessage, FlowRule, PRECEDENCE, RuleAction, RuleSet } from '../src/policy/email-flow';
import { median, percentile, printTable } from './report';

const MESSAGES = 20_000;
const RECIPIENTS = 3;

/** A deterministic pseudo-random sequence, so every run measures the same work. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** 1,000 sender patterns in 4 rules of 250 (addresses, domains, wildcard domains), plus catch-alls. */
function ruleSet(): RuleSet {
  const actions: RuleAction[] = [{ type: 'DROP' }, { type: 'BOUNCE', bounceMessage: 'Blocked.' }, { type: 'MOVE_TO_JUNK' }, { type: 'BYPASS_SPAM_CHECK' }];
  const rules: FlowRule[] = actions.map((action, r) => ({
    name: `rule-${r}`,
    direction: 'INBOUND',
    action,
    // The star catch-all below takes the 1,000th pattern.
    senders: Array.from({ length: r === 3 ? 249 : 250 }, (_, i) => [`user${i}@domain${r}-${i}.example`, `domain${r}-${i}.example`, `*.zone${r}-${i}.example`][i % 3]),
    recipients: r === 3 ? ['sales@corp.example', 'corp.example'] : ['*'],
  }));
  // Catch-alls with a star: they match every message, the worst case for a scan.
  rules.push({ name: 'star-default', direction: 'INBOUND', action: { type: 'DEFAULT' }, senders: ['*'], recipients: ['*.corp.example'] });
  return { rules };
}

function messages(): FlowMessage[] {
  const next = random(42);
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: MESSAGES }, () => {
    const r = pick(4);
    const i = pick(250);
    const from = [
      `user${i}@domain${r}-${i}.example`,
      `someone@domain${r}-${i}.example`,
      `x@deep.sub.zone${r}-${i}.example`,
      `nobody@unmatched${i}.example`,
    ][pick(4)];
    return {
      direction: 'INBOUND' as const,
      from,
      sender: next() < 0.2 ? `pa${i}@assistant.example` : undefined,
      recipients: Array.from({ length: RECIPIENTS }, () => ['sales@corp.example', `u${pick(100)}@corp.example`, `v@eu.corp.example`][pick(3)]),
    };
  });
}

/**
 * The obvious implementation: patterns classified once, then every rule and every pattern tried
 * for every message.
 */
class LinearScan {
  private readonly rules: Array<{ rule: FlowRule; rank: number; senders: Pattern[]; recipients: Pattern[] }>;

  constructor(rules: readonly FlowRule[]) {
    this.rules = rules.map((rule, order) => ({
      rule,
      rank: PRECEDENCE[rule.direction].indexOf(rule.action.type) * rules.length + order,
      senders: rule.senders.map(pattern),
      recipients: rule.recipients.map(pattern),
    }));
  }

  public evaluate(message: FlowMessage): Array<{ recipient: string; ruleName?: string; type: string }> {
    return message.recipients.map((recipient) => {
      const viaSender = message.sender ? this.best(message.sender, recipient) : undefined;
      const best = viaSender ?? this.best(message.from, recipient);
      return { recipient, ruleName: best?.rule.name, type: best?.rule.action.type ?? 'DEFAULT' };
    });
  }

  private best(sender: string, recipient: string) {
    let best: { rule: FlowRule; s: number; r: number; rank: number } | undefined;
    for (const { rule, rank, senders, recipients } of this.rules) {
      if (rule.direction !== 'INBOUND') continue;
      const s = Math.max(...senders.map((p) => specificity(p, sender)));
      const r = Math.max(...recipients.map((p) => specificity(p, recipient)));
      if (s < 0 || r < 0) continue;
      if (!best || s > best.s || (s === best.s && (r > best.r || (r === best.r && rank < best.rank)))) {
        best = { rule, s, r, rank };
      }
    }
    return best;
  }
}

interface Pattern {
  readonly kind: string;
  readonly value: string;
}

function pattern(value: string): Pattern {
  const kind = classifyPattern(value);
  if (!('kind' in kind)) throw new Error(kind.error);
  return { kind: kind.kind, value: kind.kind === 'wildcard' ? value.slice(2) : value };
}

function specificity(p: Pattern, address: string): number {
  const value = address.toLowerCase();
  const domain = value.slice(value.lastIndexOf('@') + 1);
  switch (p.kind) {
    case 'star': return 0;
    case 'address': return p.value === value ? 2000 : -1;
    case 'domain': return p.value === domain ? 1000 : -1;
    default: return domain === p.value || domain.endsWith(`.${p.value}`) ? p.value.split('.').length : -1;
  }
}

interface Row {
  readonly name: string;
  /** Microseconds per message. */
  readonly samples: number[];
  readonly seconds: number;
}

async function measure(name: string, inputs: readonly unknown[], decide: (input: any) => unknown): Promise<Row> {
  // Await only what is asynchronous (the engine), so the evaluators' samples hold no microtask.
  const asynchronous = decide(inputs[0]) instanceof Promise;
  for (const input of inputs.slice(0, 500)) { // warm up the JIT
    const result = decide(input);
    if (asynchronous) await result;
  }
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (const input of inputs) {
    const t0 = process.hrtime.bigint();
    const result = decide(input);
    if (asynchronous) await result;
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return { name, samples, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function emailFlowBenchmark(): Promise<void> {
  const rules = ruleSet();
  const inputs = messages();
  const patterns = rules.rules.reduce((sum, rule) => sum + rule.senders.length, 0);

  const compileStart = process.hrtime.bigint();
  const evaluator = new FlowEvaluator(rules);
  const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;
  const scan = new LinearScan(rules.rules);

  // Same answers, or the comparison means nothing.
  for (const message of inputs.slice(0, 2000)) {
    const a = evaluator.evaluate(message).map((d) => `${d.ruleName}:${d.action.type}`);
    const b = scan.evaluate(message).map((d) => `${d.ruleName}:${d.type}`);
    if (a.join() !== b.join()) throw new Error(`decisions differ for ${JSON.stringify(message)}: ${a} vs ${b}`);
  }

  const engine = new FlowEngine(evaluator, { invokeAsync: async () => undefined, invokeSync: async () => null });
  const events: FlowEvent[] = inputs.map((message, i) => ({
    summaryVersion: '2018-10-10',
    envelope: { mailFrom: { address: message.from }, recipients: message.recipients.map((address) => ({ address })) },
    sender: message.sender ? { address: message.sender } : null,
    messageId: `m${i}`,
    invocationId: `i${i}`,
    flowDirection: 'INBOUND',
    truncated: false,
  }));
  const rows = [
    await measure('precompiled index (FlowEvaluator)', inputs, (message) => evaluator.evaluate(message)),
    // A tenth of the messages: the scan would take minutes for all of them.
    await measure('naive linear scan', inputs.slice(0, MESSAGES / 10), (message) => scan.evaluate(message)),
    await measure('engine response (index + schema)', events, (event) => engine.respond(event, () => 14_000)),
  ];
  printTable(`(c) email flow decisions: ${rules.rules.length} rules, ${patterns} sender patterns, ${MESSAGES} messages x ${RECIPIENTS} recipients `
    + `(index compiled in ${compileMs.toFixed(1)} ms)`, rows.map((row) => ({
    'implementation': row.name,
    'median µs/message': median(row.samples).toFixed(2),
    'p99 µs/message': percentile(row.samples, 99).toFixed(2),
    'messages/s': Math.round(row.samples.length / row.seconds).toLocaleString('en-US'),
  })));
}
