import type { EmailFlowDecision, EmailFlowMessage, IOrganization } from '../interfaces';
import { FlowActionType, FlowDirection } from './flow-action';
import { EmailFlowEngine } from './rule-engine';
import { classifyPattern, FlowEvaluator } from '../policy/email-flow';

/** Decides `message` with the organization's rules, with the same code as the rule engine. */
export function simulateEmailFlow(organization: IOrganization, message: EmailFlowMessage): EmailFlowDecision[] {
  const addresses = [message.mailFrom, ...(message.sender === undefined ? [] : [message.sender]), ...message.recipients];
  for (const address of addresses) {
    const kind = classifyPattern(address);
    if (!('kind' in kind) || kind.kind !== 'address') {
      throw new Error(`${organization.node.path}: evaluateEmailFlow: ${JSON.stringify(address)} is not an email address.`);
    }
  }
  const evaluator = EmailFlowEngine.find(organization)?.evaluator ?? new FlowEvaluator({ rules: [] });
  return evaluator.evaluate({
    direction: message.direction === FlowDirection.INBOUND ? 'INBOUND' : 'OUTBOUND',
    from: message.mailFrom,
    sender: message.sender,
    recipients: message.recipients,
  }).map((decision) => ({
    recipient: decision.recipient,
    action: decision.action.type as FlowActionType,
    ruleName: decision.ruleName,
    bounceMessage: decision.action.type === 'BOUNCE' ? decision.action.bounceMessage : undefined,
  }));
}
