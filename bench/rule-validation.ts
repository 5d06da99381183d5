/**
 * What adding an EmailFlowRule costs at synth as an organization fills up to WorkMail's 1,000
 * sender patterns: each rule is checked against running totals kept by the organization's rule
 * engine (names, pattern count, distinct actions), so the 1,000th rule must cost about what the
 * first does (at most 1.5x). Run with `npx ts-node -P test/tsconfig.json bench/rule-validation.ts`.
 */
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { median, printTable } from './report';
import { EmailFlowRule, FlowAction, FlowDirection, Organization } from '../src';

const RULES = 1000;
const RUNS = 7;
const BAND = 50;

/** Milliseconds each of 1,000 one-pattern rules takes to construct, in one fresh app. */
function run(): number[] {
  const stack = new Stack(new App(), 'Bench', { env: { region: 'us-east-1', account: '111122223333' } });
  const organization = Organization.fromOrganizationId(stack, 'Org', 'm-0123456789abcdef0123456789abcdef');
  const actions = [FlowAction.drop(), FlowAction.moveToJunk(), FlowAction.bypassSpamCheck()];
  const times: number[] = [];
  for (let i = 0; i < RULES; i++) {
    const start = performance.now();
    new EmailFlowRule(stack, `Rule${i}`, {
      organization,
      direction: FlowDirection.INBOUND,
      action: actions[i % actions.length],
      senders: [`sender${i}@example${i % 17}.com`],
    });
    times.push(performance.now() - start);
  }
  return times;
}

/** Prints the median cost of the first and last rules and their ratio. */
export function ruleValidationBenchmark(): void {
  run(); // warm-up: module loading and JIT
  const runs = Array.from({ length: RUNS }, run);
  const perRule = Array.from({ length: RULES }, (_, i) => median(runs.map((times) => times[i])));
  const band = (from: number) => median(perRule.slice(from, from + BAND));
  const first = band(0);
  const rows = [0, 250, 500, 750, RULES - BAND].map((from) => ({
    'rules': `${from + 1}-${from + BAND}`,
    'median µs per rule': (band(from) * 1000).toFixed(1),
    'x first rules': (band(from) / first).toFixed(2),
  }));
  printTable(`EmailFlowRule construction with ${RULES} rules of one sender pattern in one organization (median of ${RUNS} apps)`, rows);
}
