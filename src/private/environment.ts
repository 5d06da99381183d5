import { Arn, ArnFormat, Fn, IResource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { invalid } from './validation';

/**
 * Refuses a resource in another region or account than the stack (and so the organization),
 * as its environment or its ARN tells: an S3 ARN names neither, and a resource imported by ARN
 * may know only its ARN. Unresolved values are skipped.
 */
export function checkSameEnvironment(scope: IConstruct, property: string, resource: IResource, arn: string, reason: string): void {
  const stack = Stack.of(scope);
  const fromArn = Token.isUnresolved(arn) ? undefined : Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME);
  const checks: Array<[string, Array<string | undefined>, string]> = [
    ['region', [resource.env.region, fromArn?.region], stack.region],
    ['account', [resource.env.account, fromArn?.account], stack.account],
  ];
  for (const [kind, values, ours] of checks) {
    const theirs = values.find((value) => value && !Token.isUnresolved(value) && value !== ours);
    if (theirs !== undefined && !Token.isUnresolved(ours)) {
      throw invalid(scope, `${property} ${kind}`, theirs, `${reason}: use one in the organization's ${kind} (${ours})`);
    }
  }
}

/**
 * The principal of a regional service endpoint (`<service>.<region>.amazonaws.com`) of the stack's
 * region: with a region known at synth, the literal name; otherwise an `Fn::Sub` (which reads as
 * the name, where a concatenation with the region would be an `Fn::Join`).
 */
export function regionalServicePrincipal(scope: IConstruct, service: string): iam.ServicePrincipal {
  const region = Stack.of(scope).region;
  return new iam.ServicePrincipal(Token.isUnresolved(region) ? Fn.sub(`${service}.\${AWS::Region}.amazonaws.com`) : `${service}.${region}.amazonaws.com`);
}
