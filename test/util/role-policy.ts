/**
 * IAM limits the inline policies of a role to 10,240 characters in all (whitespace aside), and
 * each `AWS::IAM::Policy` is an inline policy of the roles it names. Measured on the template, so
 * ARNs appear as `Fn::GetAtt`/`Fn::Join` rather than resolved: an estimate within a few percent.
 * Returns the characters of the role with the most.
 */
export function largestRolePolicy(resources: any[]): number {
  const byRole = new Map<string, number>();
  for (const resource of resources.filter((r) => r.Type === 'AWS::IAM::Policy')) {
    const size = JSON.stringify(resource.Properties.PolicyDocument).length;
    for (const role of resource.Properties.Roles ?? []) {
      const key = JSON.stringify(role);
      byRole.set(key, (byRole.get(key) ?? 0) + size);
    }
  }
  return Math.max(0, ...byRole.values());
}
